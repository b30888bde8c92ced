"""Load a TOML file into a pydantic model, turning any mistake into one sentence that names
the file and the key at fault (`fields.grade.type`, not `fields.3.type`)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from gisapp.errors import CatalogError

M = TypeVar("M", bound=BaseModel)

Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]


class StrictModel(BaseModel):
    """Rejects unknown keys, so a typo in a catalog file is an error, not a silent default."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def load_toml_model(path: Path, model: type[M]) -> M:
    try:
        with open(path, "rb") as f:
            raw = tomllib.load(f)
    except OSError as exc:
        raise CatalogError(f"{path}: cannot be read ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"{path}: not valid TOML ({exc})") from None
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        # A misspelt key shows as both "unknown" and "missing": the unknown one says more.
        first = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")[0]
        where = key_path(raw, first["loc"])
        message = first["msg"].removeprefix("Value error, ")
        if first["type"] == "extra_forbidden":
            message = "unknown key (a typo?)"
        elif first["type"] == "missing":
            message = "required key is missing"
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise CatalogError(f"{path}: {where}: {message}{more}") from None


def key_path(raw: Any, loc: tuple[int | str, ...]) -> str:
    """`('fields', 3, 'type')` -> `fields.grade.type`, naming list items by their id."""
    parts: list[str] = []
    node = raw
    for step in loc:
        if isinstance(step, int) and isinstance(node, list) and step < len(node):
            node = node[step]
            item_id = node.get("id") if isinstance(node, dict) else None
            parts.append(str(item_id) if item_id else f"[{step}]")
        else:
            node = node.get(step) if isinstance(node, dict) else None
            parts.append(str(step))
    return ".".join(parts) or "(top level)"
