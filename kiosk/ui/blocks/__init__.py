"""How each block type looks and behaves on a zone page: one module per type.

A module registers its view for the `type:` a curator writes (`@view("gallery")`); the zone
page asks `view_for(block)` and never names a type. Every module in this package is loaded,
so a new block type is its content model plus one module here.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable

from kiosk.ui.blocks.base import BlockView, PageHost

__all__ = ["BlockView", "PageHost", "view", "view_for"]

_VIEWS: dict[str, type[BlockView]] = {}


def view(block_type: str) -> Callable[[type[BlockView]], type[BlockView]]:
    """Register the view of one block type."""

    def register(cls: type[BlockView]) -> type[BlockView]:
        if block_type in _VIEWS:
            raise RuntimeError(f"two views for the {block_type!r} block: {_VIEWS[block_type]} and {cls}")
        _VIEWS[block_type] = cls
        return cls

    return register


def view_for(page: PageHost, block) -> BlockView:
    return _VIEWS[block.type](page, block)


def registered() -> set[str]:
    return set(_VIEWS)


for _module in pkgutil.iter_modules(__path__):
    if _module.name != "base":
        importlib.import_module(f"{__name__}.{_module.name}")
