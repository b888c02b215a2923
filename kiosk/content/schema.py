"""JSON Schema of the content files, from the models: editors autocomplete and underline.

The shipped zone files start with a `yaml-language-server` line pointing here, so an editor
with the YAML extension (VS Code, and others using yaml-language-server) checks as you type.
"""

from __future__ import annotations

import json
from pathlib import Path

from kiosk.content.model import Pavilion, Zone

SCHEMAS = {"zone.schema.json": Zone, "pavilion.schema.json": Pavilion}


def schema_text(model) -> str:
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = folder / name
        path.write_text(schema_text(model))
        written.append(path)
    return written
