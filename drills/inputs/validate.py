"""Turn pydantic validation errors into located, readable problems."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from drills.inputs.problems import InputError, Problem
from drills.inputs.yamlfile import YamlDocument, field_name

M = TypeVar("M", bound=BaseModel)

_FRIENDLY = {
    "extra_forbidden": "unknown field",
    "missing": "required field is missing",
}


def _clean_loc(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Keep the parts of pydantic's location that exist in the file (drop union branch tags)."""
    out: list[Any] = []
    node = data
    for k, part in enumerate(loc):
        in_map = isinstance(node, dict) and part in node
        in_seq = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_map or in_seq:
            out.append(part)
            node = node[part]
        elif isinstance(node, dict) and k == len(loc) - 1:
            out.append(part)  # a missing field
        # otherwise a union tag such as 'lognormal' or 'float': skip it
    return tuple(out)


def _message(err: dict[str, Any]) -> str:
    kind = err.get("type", "")
    if kind in _FRIENDLY:
        return _FRIENDLY[kind]
    msg = str(err.get("msg", "invalid value"))
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    if "input" in err and kind not in ("model_type", "dict_type") and not isinstance(err["input"], dict | list):
        msg += f" (got {err['input']!r})"
    return msg


def validate(doc: YamlDocument, model: type[M]) -> M:
    """Validate a loaded document against ``model``; raise located problems if it does not fit."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(problems_from(doc, exc)) from None


def problems_from(doc: YamlDocument, exc: ValidationError) -> list[Problem]:
    found: dict[tuple[Any, ...], list[str]] = {}
    for err in exc.errors():
        loc = _clean_loc(doc.data, tuple(err["loc"]))
        found.setdefault(loc, [])
        msg = _message(err)
        if msg not in found[loc]:
            found[loc].append(msg)
    # A value that may be a number or a distribution fails both ways; keep the deeper complaint.
    locs = list(found)
    keep = [loc for loc in locs if not any(len(o) > len(loc) and o[: len(loc)] == loc for o in locs)]
    problems = []
    for loc in keep:
        msgs = found[loc]
        if len(msgs) > 1 and any("valid number" in m for m in msgs):
            msgs = [m for m in msgs if "valid number" not in m] or msgs
        problems.append(Problem(str(doc.path), doc.line_of(loc), field_name(loc), "; ".join(msgs)))
    return sorted(problems, key=lambda p: (p.line or 0, p.field))
