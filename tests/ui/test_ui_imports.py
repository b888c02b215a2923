"""The screen's modules import one way: no circle, and no scene knows the app."""

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "kiosk" / "ui"


def _module(path: Path) -> str:
    parts = path.relative_to(UI.parent.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Every import between kiosk.ui modules, those only for type checkers and in functions too."""
    modules = {_module(p): p for p in UI.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                # `from kiosk.ui import layout` imports the module kiosk.ui.layout
                targets = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            graph[name] |= {t for t in targets if t in modules and t != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the path being walked, 2: done

    def walk(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt] if nxt in path else [node, nxt]
            if nxt not in state:
                found = walk(nxt, path + [nxt])
                if found:
                    return found
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            found = walk(start, [start])
            if found:
                return found
    return None


def test_the_ui_package_has_no_import_cycle():
    cycle = find_cycle(import_graph())
    assert cycle is None, " -> ".join(cycle)


def test_no_scene_and_no_block_imports_the_app():
    graph = import_graph()
    drawers = [
        m for m in graph if m.startswith(("kiosk.ui.scenes", "kiosk.ui.blocks")) or m == "kiosk.ui.column"
    ]
    assert drawers
    for module in drawers:
        assert "kiosk.ui.app" not in graph[module], module


def test_the_cycle_finder_finds_one():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_only_the_window_module_calls_pygame_display():
    callers = set()
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if (
                isinstance(node, ast.Attribute)
                and node.attr == "display"
                and isinstance(node.value, ast.Name)
                and node.value.id == "pygame"
            ):
                callers.add(_module(path))
    assert callers == {"kiosk.ui.window"}
