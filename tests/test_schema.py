"""``drill schema``: the JSON Schemas an editor checks the YAML against as it is typed. Every bundled file fits its
schema, and a fault of one file's shape that ``drill validate`` refuses, the schema refuses too."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import DAM_FILES, MINE_FILES, break_file, copy_bundled
from typer.testing import CliRunner

from drills.cli import app
from drills.commands.schema import KINDS, schema_of, schema_text
from drills.inputs.bundled import bundled_root
from drills.inputs.compile import load
from drills.inputs.plan import ChannelSpec
from drills.inputs.problems import InputError
from drills.inputs.site import ProfileSpec
from drills.inputs.yamlfile import load_yaml
from drills.model import movement


def as_json(x: Any) -> Any:
    """A loaded YAML document as an editor's checker sees it (dates as the text written)."""
    if isinstance(x, dict):
        return {k: as_json(v) for k, v in x.items()}
    if isinstance(x, list):
        return [as_json(v) for v in x]
    if isinstance(x, datetime.date | datetime.datetime):
        return x.isoformat()
    return x


def faults(path: Path, kind: str) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema_of(kind))
    return [e.message for e in validator.iter_errors(as_json(load_yaml(path).data))]


BUNDLED = sorted(p.relative_to(bundled_root()) for folder in ("plans", "scenarios")
                 for p in (bundled_root() / folder).rglob("*.yaml"))


@pytest.mark.parametrize("kind", KINDS)
def test_each_schema_is_a_valid_json_schema(kind: str) -> None:
    jsonschema.Draft202012Validator.check_schema(schema_of(kind))


def test_no_field_carries_a_title_made_up_from_its_name() -> None:
    site = schema_of("site")
    link = site["$defs"]["LinkSpec"]["properties"]
    assert "title" not in link["length_m"] and "title" not in link["from"]
    assert link["length_m"]["exclusiveMinimum"] == 0  # the rest of the field is kept


def undescribed(kind: str) -> list[str]:
    """The properties of a schema (its root's and every definition's) that say nothing of what they mean."""
    schema = schema_of(kind)
    models = [("<root>", schema), *schema.get("$defs", {}).items()]
    return [f"{model}.{name}" for model, body in models for name, field in (body.get("properties") or {}).items()
            if not str(field.get("description", "")).strip()]


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_says_what_it_means(kind: str) -> None:
    # an editor shows the description on hover: a field without one leaves the planner to guess its unit and default
    assert undescribed(kind) == []


# input defaults written once, beside their source in the model module
CITED_DEFAULTS = [
    pytest.param("speed_cv", movement.SPEED_CV, id="speed_cv-Weidmann-1993"),
    pytest.param("climb_mps", movement.CLIMB_MPS, id="climb_mps-Peng-2022"),
    pytest.param("wading_limit_m", movement.WADING_LIMIT_M, id="wading_limit_m-AIDR-H4"),
]


@pytest.mark.parametrize(("field", "constant"), CITED_DEFAULTS)
def test_a_profile_default_is_the_cited_model_constant(field: str, constant: float) -> None:
    assert ProfileSpec.model_fields[field].default == constant
    # and the same number where an editor shows it
    assert schema_of("site")["$defs"]["ProfileSpec"]["properties"][field]["default"] == constant


@pytest.mark.parametrize(("kind", "mains"), [("runner", False), ("door_to_door", False),
                                             ("loudspeaker_vehicle", False), ("mine_pa", True),
                                             ("cap_lamp_paging", True), ("station_phones", True), ("siren", True),
                                             ("village_loudspeaker", True), ("sms", False), ("stench_gas", True)])
def test_a_channel_needs_the_mains_by_default_as_its_type_does(kind: str, mains: bool) -> None:
    # people on foot, a vehicle on its own battery and cell broadcast sent off the site go on without the mains; a
    # transmitter, a phone exchange, a siren and the fans that carry the stench do not; a plan may say otherwise
    extra: dict[str, Any] = {"audible_radius_m": 500} if kind in ("siren", "village_loudspeaker") else {}
    extra |= {"air_speed_mps": 2.0} if kind == "stench_gas" else {}
    channel = {"id": "c", "type": kind, "start": "a", "coverage": ["b"], **extra}
    assert ChannelSpec.model_validate(channel).needs_mains_power is mains
    assert ChannelSpec.model_validate({**channel, "needs_mains_power": not mains}).needs_mains_power is not mains
    # the editor shows no single default, which would be wrong for some types, but says which types need the mains
    field = schema_of("plan")["$defs"]["ChannelSpec"]["properties"]["needs_mains_power"]
    assert "default" not in field and "default false for a runner, a door-to-door team, a loudspeaker vehicle" \
        in field["description"]


@pytest.mark.parametrize("rel", BUNDLED, ids=str)
def test_every_bundled_file_fits_its_schema(rel: Path) -> None:
    data = load_yaml(bundled_root() / rel).data
    kind = next(k for k in KINDS if k in data)
    assert faults(bundled_root() / rel, kind) == []


# faults of one file's shape: (which bundled files, the file, the text, what it becomes, a word of the schema's
# complaint)
SHAPE_FAULTS = [
    pytest.param(MINE_FILES, "site", 'length_m: 300, width_m: 4.0, height_m: 3.5}\n    - {id: "d120_j_ramp"',
                 'length_m: -300, width_m: 4.0, height_m: 3.5}\n    - {id: "d120_j_ramp"', "minimum",
                 id="negative-length"),
    pytest.param(MINE_FILES, "site", 'kind: "refuge", x_m: 200', 'kind: "refuge", widht_m: 3, x_m: 200',
                 "widht_m", id="unknown-field"),
    pytest.param(MINE_FILES, "site", '{id: "refuge240", kind: "refuge"', '{id: "refuge240", kind: "refuje"',
                 "refuje", id="unknown-node-kind"),
    pytest.param(MINE_FILES, "plan", "decision_delay_s: {dist: lognormal", "decision_delay_s: {dist: lognormall",
                 "", id="unknown-distribution"),
    pytest.param(DAM_FILES, "scenario", "breach_s: 300", "breach_s: soon", "soon", id="word-for-a-number"),
    pytest.param(MINE_FILES, "scenario", "duration_s: 10800", "duration_s: 1.08e12", "maximum",
                 id="past-a-limit-of-the-tool"),
    pytest.param(MINE_FILES, "plan", "exits: [collar, portal, raise_top]", "exits: [collar, portal, collar]",
                 "non-unique", id="a-name-twice-in-a-list"),
    pytest.param(MINE_FILES, "site", '{id: "refuge240", kind: "refuge"', '{id: "refuge 240", kind: "refuge"',
                 "refuge 240", id="a-space-in-an-id"),
]


@pytest.mark.parametrize(("files", "kind", "old", "new", "says"), SHAPE_FAULTS)
def test_a_fault_of_shape_is_refused_by_the_schema_as_by_drill_validate(
        tmp_path: Path, files: dict[str, Path], kind: str, old: str, new: str, says: str) -> None:
    paths = copy_bundled(tmp_path, files)
    assert faults(paths[kind], kind) == []
    text = paths[kind].read_text(encoding="utf-8")
    if text.count(old) != 1:  # the first of several: the fault is the same wherever it is
        paths[kind].write_text(text.replace(old, new, 1), encoding="utf-8")
    else:
        break_file(paths[kind], old, new)
    found = faults(paths[kind], kind)
    assert found and any(says in m for m in found), found
    with pytest.raises(InputError):
        load(paths["scenario"])


def test_a_level_label_written_as_a_number_fits_the_schema_as_it_fits_drill_validate(tmp_path: Path) -> None:
    paths = copy_bundled(tmp_path, MINE_FILES)
    text = paths["site"].read_text(encoding="utf-8")
    paths["site"].write_text(text.replace('level: "-360"', "level: -360"), encoding="utf-8")
    assert faults(paths["site"], "site") == []
    assert "-360" in {n.level for n in load(paths["scenario"]).site.nodes}


def test_an_id_written_as_a_number_fits_the_schema_as_it_fits_drill_validate(tmp_path: Path) -> None:
    paths = copy_bundled(tmp_path, MINE_FILES)
    for kind in ("site", "plan"):
        text = paths[kind].read_text(encoding="utf-8")
        paths[kind].write_text(text.replace('"refuge240"', "240").replace("refuge240", "240"), encoding="utf-8")
        assert faults(paths[kind], kind) == []
    assert "240" in {n.id for n in load(paths["scenario"]).site.nodes}


def test_the_line_for_an_editor_gives_the_schema_full_path_whatever_folder_it_is_written_from(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A path relative to the folder drill ran in is wrong from the YAML file's own folder; the full path is right
    from any file."""
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(app, ["schema", "--out", "schemas"])
    assert res.exit_code == 0, res.output
    assert f"$schema={(tmp_path / 'schemas' / 'site.schema.json').resolve()}\n" in res.stdout


def test_drill_schema_writes_the_four_schemas_it_prints(tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["schema", "--out", str(tmp_path / "schemas")])
    assert res.exit_code == 0, res.output
    written = sorted(p.name for p in (tmp_path / "schemas").iterdir())
    assert written == sorted(f"{k}.schema.json" for k in KINDS)  # and no temporary file left behind
    assert f"$schema={tmp_path / 'schemas' / 'site.schema.json'}" in res.stdout
    for kind in KINDS:
        printed = runner.invoke(app, ["schema", kind])
        assert printed.exit_code == 0, printed.output
        assert printed.stdout == (tmp_path / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
        assert json.loads(printed.stdout)["$defs"]  # whole, with its definitions
        json.loads(printed.stdout, parse_constant=refuse)  # strict JSON: no Infinity or NaN


def refuse(word: str) -> None:
    raise AssertionError(f"{word} is not JSON: an editor's strict reader refuses the schema")


def test_an_unknown_kind_is_refused() -> None:
    res = CliRunner().invoke(app, ["schema", "sites"])
    assert res.exit_code == 2
    assert res.stderr.strip() == "unknown kind 'sites'; use one of site, plan, scenario, suite"


def test_drill_schema_speaks_chinese_with_lang_zh(tmp_path: Path) -> None:
    """The lines it prints and its refusals, in Chinese; the schemas themselves are the same files."""
    runner = CliRunner()
    res = runner.invoke(app, ["schema", "--out", str(tmp_path / "zh"), "--lang", "zh"])
    assert res.exit_code == 0, res.output
    assert f"已将 4 个模式文件写入 {tmp_path / 'zh'}：site.schema.json" in res.stdout
    assert "请在文件第一行写上" in res.stdout and f"$schema={tmp_path / 'zh' / 'site.schema.json'}" in res.stdout
    assert (tmp_path / "zh" / "plan.schema.json").read_text(encoding="utf-8") == schema_text("plan")
    refused = runner.invoke(app, ["schema", "sites", "--lang", "zh"])
    assert refused.exit_code == 2
    assert refused.stderr.strip() == "未知的文件类型 'sites'；请用 site, plan, scenario, suite 之一"
    (tmp_path / "afile").write_text("", encoding="utf-8")
    blocked = runner.invoke(app, ["schema", "--out", str(tmp_path / "afile"), "--lang", "zh"])
    assert blocked.exit_code == 2 and blocked.stderr.startswith(f"--out：无法将模式文件写入 {tmp_path / 'afile'}：")
