"""``drill schema``: the JSON Schema of each input file (site, plan, scenario, suite), made from the same pydantic
models that ``drill validate`` checks against, so that an editor can check a file and complete its field names
while the planner types it (e.g. VS Code's YAML extension, with ``# yaml-language-server: $schema=...`` on the
file's first line).

A schema checks one file's shape: its fields, their types and ranges, the fixed lists of words. What only the
files together can tell (a link to a node of the site, a route that is connected, a role the plan names) and
the rules across fields ("give either breach_s or on_overtopping") are left to ``drill validate``.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import BaseModel

from drills import __version__
from drills.commands import PRINT_LANG_HELP
from drills.commands.consoles import out_console
from drills.commands.language import language
from drills.commands.problems import fail_option, words

#: the JSON Schema dialect pydantic's schemas follow
DIALECT = "https://json-schema.org/draft/2020-12/schema"
KINDS = ("site", "plan", "scenario", "suite")


def file_model(kind: str) -> type[BaseModel]:
    """The pydantic model of a whole input file of ``kind`` (site, plan, scenario or suite)."""
    from drills.inputs.plan import PlanFile
    from drills.inputs.scenario import ScenarioFile
    from drills.inputs.site import SiteFile
    from drills.inputs.suite import SuiteFile

    models: dict[str, type[BaseModel]] = {"site": SiteFile, "plan": PlanFile, "scenario": ScenarioFile,
                                          "suite": SuiteFile}
    return models[kind]


def schema_of(kind: str) -> dict[str, Any]:
    """The JSON Schema of an input file of ``kind``, with the keys as they are written in the file."""
    body = _without_made_up_titles(file_model(kind).model_json_schema(by_alias=True, mode="validation"))
    return {
        "$schema": DIALECT,
        "$id": f"drill-{kind}.schema.json",
        "title": f"drill {kind} file (drill {__version__})",
        "description": (f"The shape of a {kind} file of drill {__version__}. drill validate checks more: the "
                        "references between the files and the rules across fields."),
        **{k: v for k, v in body.items() if k not in ("title", "description")},
    }


def _without_made_up_titles(node: Any) -> Any:
    """The schema without the titles pydantic makes up from the names ("length_m" → "Length M"): an editor shows
    them beside the field's own name, where they say nothing more and read worse; and without an infinite default
    (a distribution's ``high``: no upper limit), which JSON cannot hold: the field's description says it."""
    if isinstance(node, list):
        return [_without_made_up_titles(x) for x in node]
    if not isinstance(node, dict):
        return node
    out = {k: _without_made_up_titles(v) for k, v in node.items()
           if not (k == "default" and isinstance(v, float) and not math.isfinite(v))}  # "no limit": its description
    for name, field in (out.get("properties") or {}).items():
        if isinstance(field, dict) and field.get("title") == name.replace("_", " ").title():
            del field["title"]
    return out


def schema_text(kind: str) -> str:
    """The schema as strict JSON (``allow_nan=False``: no ``Infinity``, which many editors' JSON readers refuse)."""
    return json.dumps(schema_of(kind), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def write_schemas(out_dir: Path) -> list[Path]:
    """Write ``<kind>.schema.json`` for every kind into ``out_dir``; each file is written whole or not at all
    (to a temporary file beside it, then renamed)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = out_dir / f"{kind}.schema.json"
        tmp = out_dir / f".{path.name}.{os.getpid()}.tmp"
        try:
            tmp.write_text(schema_text(kind), encoding="utf-8")
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        written.append(path)
    return written


def schema(
    kind: Annotated[str | None, typer.Argument(metavar="[KIND]", help=(
        "site, plan, scenario or suite: print that file's schema; without it, write all four into --out"))] = None,
    out: Annotated[Path, typer.Option("--out", "-o", metavar="DIR", help=(
        "folder for the four schema files; default: schemas"))] = Path(
        "schemas"),
    lang: Annotated[str, typer.Option("--lang", help=PRINT_LANG_HELP)] = "en",
) -> None:
    """Write the JSON Schema of each input file (site, plan, scenario, suite), for an editor that checks and
    completes the YAML as you type; drill validate still checks what one file alone cannot tell. The schemas'
    descriptions are in English, as the input files' field names are."""
    language(lang)
    if kind is not None:
        if kind not in KINDS:
            fail_option(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}", lang)
        out_console.file.write(schema_text(kind))
        return
    try:
        written = write_schemas(out)
    except OSError as exc:
        fail_option(f"--out: could not write the schemas to {out}: {exc.strerror or exc}", lang)
    for line in (words("schema_wrote", lang, n=len(written), out=out, names=", ".join(p.name for p in written)),
                 words("schema_editor", lang), f"  # yaml-language-server: $schema={written[0].resolve()}"):
        out_console.print(line, markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add ``schema`` to the ``drill`` command."""
    app.command("schema")(schema)
