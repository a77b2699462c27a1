"""The report, looked at: every page of every bundled report rendered and checked, in both languages.

Each bundled example runs a few replications once per module; its report is written in English and in
Chinese through the same :func:`drills.experiment.outputs.write_outputs` as ``drill run``. The tests render
every page to an image with pdftoppm (no page may be blank), extract the text with pypdf (the sections
must be there, and the Chinese must come back as characters, not as shapes), check that the same seed
gives the same bytes, and pin the scorecard text of one seed against a golden file.
"""

from __future__ import annotations

import importlib
import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pypdf import PdfReader

from drills.experiment import i18n
from drills.experiment.exercise import run_exercise
from drills.experiment.outputs import scorecard_json, write_outputs
from drills.experiment.proposals import Proposed
from drills.experiment.report import (
    BOTTOM,
    PAGE_H,
    ROW_KEPT,
    SECTION_FOLLOWS,
    TOP,
    USABLE_H,
    Document,
    scorecard_text,
    trigger_condition,
    wrap,
)
from drills.experiment.scorecard import scorecard
from drills.experiment.units import percent
from drills.inputs.bundled import bundled_root, bundled_scenarios
from drills.inputs.compile import load_drill

#: one worker makes this module's fixtures once (pyproject: --dist loadgroup)
pytestmark = pytest.mark.xdist_group("test_report")

SCENARIOS = {
    "mine": bundled_root() / "scenarios" / "mine_inrush_day.yaml",
    "dam": bundled_root() / "scenarios" / "dam_break_night.yaml",
}
N = 3
GOLDEN = Path(__file__).parent / "data" / "golden" / "mine_inrush_day_seed7_n5.txt"
#: Section titles each report must contain, by language (the Chinese in the standards' own wording).
SECTIONS = {
    "en": ["Drill evaluation report", "Summary", "Scorecard", "Timeline",
           "Warning and evacuation against the water", "The site: water and clearance", "Warning channels",
           "Findings", "Revisions", "Assumptions and parameters", "Appendix: method", "deficiency"],
    "zh": ["演练评估报告", "应急预案", "评估摘要", "评估结论", "评估指标", "时间线",
           "预警与撤离进程", "场所：水害与人员撤离", "应急通讯", "评估发现", "不足项", "整改项", "改进项",
           "预案修订", "假设、参数及来源", "附录：方法"],
}

#: The heading of the table by level or place, in the words of each drill's site: a mine's levels, a valley's places.
ZONES_HEADING = {("mine", "en"): "By level", ("dam", "en"): "By place", ("mine", "zh"): "分水平结果",
                 ("dam", "zh"): "分地点结果"}

needs_pdftoppm = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) not installed")


@pytest.fixture(scope="module")
def exercises() -> dict:
    out = {}
    for name, path in SCENARIOS.items():
        ex = run_exercise(load_drill(path, replications=N))
        out[name] = (ex, scorecard(ex))
    return out


@pytest.fixture(scope="module")
def reports(exercises: dict, tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = {}
    for name, (ex, card) in exercises.items():
        for lang in ("en", "zh"):
            folder = tmp_path_factory.mktemp(f"{name}-{lang}")
            write_outputs(ex, card, folder, lang=lang)
            out[name, lang] = folder
    return out


def page_images(pdf: Path, folder: Path) -> list[np.ndarray]:
    """Every page of ``pdf`` as a grey-level array, rendered by pdftoppm at a low resolution."""
    subprocess.run(["pdftoppm", "-r", "24", "-gray", "-png", str(pdf), str(folder / "page")], check=True)
    pages = []
    for p in sorted(folder.glob("page-*.png")):
        with Image.open(p) as im:
            pages.append(np.asarray(im, dtype=float))
    return pages


def text_of(pdf: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(pdf).pages]


CASES = [(name, lang) for name in SCENARIOS for lang in ("en", "zh")]


@needs_pdftoppm
@pytest.mark.parametrize(("name", "lang"), CASES)
def test_no_page_is_blank(reports: dict, name: str, lang: str, tmp_path: Path) -> None:
    pages = page_images(reports[name, lang] / "report.pdf", tmp_path)
    assert len(pages) >= 8
    for k, page in enumerate(pages, 1):
        h = page.shape[0]
        body = page[int(0.05 * h): int(0.9 * h)]  # leave out the footer, which every page has
        assert body.std() > 8, f"page {k} looks blank (pixel spread {body.std():.1f})"
        assert (body < 200).mean() > 0.005, f"page {k} has almost nothing on it"


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_sections_and_chinese_text_extract(reports: dict, name: str, lang: str) -> None:
    pages = text_of(reports[name, lang] / "report.pdf")
    text = "\n".join(pages)
    for title in [*SECTIONS[lang], ZONES_HEADING[name, lang]]:
        assert title in text, f"{title!r} missing from the {lang} report of {name}"
    assert all(p.strip() for p in pages), "a page without any text"
    # the Chinese role titles of the plan are drawn (not dropped) in the English report too
    assert ("调度员" if name == "mine" else "尾矿库值班员") in text


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_no_section_heading_is_left_alone_on_a_page(reports: dict, name: str, lang: str) -> None:
    for k, page in enumerate(text_of(reports[name, lang] / "report.pdf"), 1):
        body = [line.strip() for line in page.splitlines() if line.strip() and "replications" not in line]
        assert not (len(body) == 1 and any(title in body[0] for title in SECTIONS[lang])), \
            f"page {k} holds only the heading {body[0]!r}"


@pytest.mark.parametrize("name", SCENARIOS)
def test_every_figure_is_a_png_and_the_site_is_drawn_its_own_way(reports: dict, name: str) -> None:
    figs = {p.stem for p in (reports[name, "en"] / "figures").glob("*.png")}
    assert {"timeline", "warned_safe", "channels"} <= figs
    if name == "mine":
        assert {"section", "cage"} <= figs and "map" not in figs  # vertical section underground
    else:
        assert "map" in figs and "section" not in figs  # plan-view map of the valley
    for p in (reports[name, "en"] / "figures").glob("*.png"):
        with Image.open(p) as im:
            assert im.size[0] > 500


def test_same_seed_same_bytes(exercises: dict, reports: dict, tmp_path: Path) -> None:
    """A second exercise from the same seed, written again, gives byte-identical outputs."""
    ex = run_exercise(load_drill(SCENARIOS["dam"], replications=N))
    write_outputs(ex, scorecard(ex), tmp_path, lang="zh")
    first = reports["dam", "zh"]
    for rel in ("report.pdf", "scorecard.json", "outcomes.csv", *(f"figures/{p.name}" for p in
                                                                  (first / "figures").glob("*.png"))):
        assert (tmp_path / rel).read_bytes() == (first / rel).read_bytes(), rel


def test_pdf_metadata_is_fixed(reports: dict) -> None:
    meta = PdfReader(reports["mine", "en"] / "report.pdf").metadata
    assert "/CreationDate" not in meta and "/ModDate" not in meta
    assert meta["/Creator"].startswith("drill ")


def test_golden_scorecard_text() -> None:
    """The scorecard of the bundled mine example, seed 7, 5 replications, as text.

    The file pins the model's numbers. When a deliberate model change moves them, regenerate it and
    review the difference before committing::

        DRILL_UPDATE_GOLDEN=1 python -m pytest tests/test_report.py -k golden
    """
    spec = load_drill(SCENARIOS["mine"], replications=5, seed=7)
    card = scorecard(run_exercise(spec))
    text = scorecard_text(card, "en", spec.duration_s)
    if os.environ.get("DRILL_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert GOLDEN.is_file(), f"no golden file; create it with DRILL_UPDATE_GOLDEN=1 ({GOLDEN})"
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_every_phrase_has_its_chinese() -> None:
    assert set(i18n.EN) == set(i18n.ZH)
    import string

    for key, en in i18n.EN.items():
        fields = {f for _, f, _, _ in string.Formatter().parse(en) if f}
        assert fields == {f for _, f, _, _ in string.Formatter().parse(i18n.ZH[key]) if f}, key


def test_chinese_wraps_between_characters_and_keeps_every_one() -> None:
    text = "演练以发现预案问题为主要目的，报告中的每个数字都可追溯到场所、预案或演练情景文件中的参数。" * 3
    lines = wrap(text, 9, 2.0)
    assert len(lines) > 3
    assert "".join(lines) == text
    assert not any(line.startswith(("，", "。", "、")) for line in lines)


def test_chinese_leaves_no_character_alone_on_a_line_and_no_bracket_at_a_line_end() -> None:
    """A narrow cell of the grade basis (the margin "有人未到达安全地点") and a revision's plan clause after its
    title: no lone "点" on the last line, no "（" ending a line with its clause on the next."""
    cell = wrap("有人未到达安全地点", 7.5, 0.5)
    assert "".join(cell) == "有人未到达安全地点" and all(len(line) >= 2 for line in cell), cell
    text = "派人从 portal 前往 stope120e 通知撤离（jinshan_mine_plan.yaml:60 plan.channels）"
    lines = wrap(text, 7.5, 2.2)
    assert not any(line.endswith("（") for line in lines) and "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert wrap("甲乙\n丙", 7.5, 0.5) == ["甲乙", "丙"]  # a paragraph of one character is left as it is


@pytest.mark.parametrize("width", [4.3, 4.4, 4.5, 4.6, 4.7, 4.8, 4.9, 5.0])
def test_a_number_is_never_parted_from_its_unit_or_measure_word(width: float) -> None:
    """"所需重复总数为约 5 至 470 / 次" on the season's first page: a count went to the end of a line and its
    measure word to the next; so may a share and its per cent sign."""
    text = "storm-50yr-night：11 项生命安全检查在 4 次重复下尚不能判定；所需重复总数为约 5 至 470 次，覆盖 95 % 的住户"
    lines = wrap(text, 8.5, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert not any(re.search(r"\d$", line) for line in lines[:-1]), lines


def test_fonts_are_registered_only_when_a_report_is_drawn() -> None:
    code = ("import drills.experiment.report, drills.experiment.season, drills.experiment.animation\n"
            "from matplotlib import font_manager\n"
            "assert 'WenQuanYi Micro Hei' not in {f.name for f in font_manager.fontManager.ttflist}\n"
            "from drills.experiment.fonts import register\n"
            "assert register()[1] == 'WenQuanYi Micro Hei', register()\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_animation_of_replication_zero(exercises: dict, tmp_path: Path) -> None:
    from drills.experiment.animation import MAX_FRAMES, write_gif

    ex, _ = exercises["dam"]
    path = write_gif(ex, tmp_path / "animation.gif", lang="zh")
    with Image.open(path) as gif:
        assert 10 <= gif.n_frames <= MAX_FRAMES
        assert max(gif.size) <= 1000 and path.stat().st_size < 2_000_000
        gif.seek(0)
        first = np.asarray(gif.convert("L"), dtype=float)
        gif.seek(gif.n_frames - 1)
        last = np.asarray(gif.convert("L"), dtype=float)
    assert np.abs(first - last).mean() > 0.1, "nothing moved"
    assert [p.name for p in tmp_path.iterdir()] == ["animation.gif"], "temporary file left behind"


def test_bold_outline_covers_the_chinese_runs_only() -> None:
    """The Chinese font has no bold face, so bold Chinese gets an outline; the Latin text has a real bold
    face and must not be outlined too (it would look smeared). The line itself stays one text."""
    doc = Document()
    doc.new_page()
    doc.put(1.0, 1.0, "Grade: 差 (poor — 未达到: revise)", 11, weight="bold")
    texts = doc.page.texts
    plain = [t for t in texts if not t.get_path_effects()]
    outlined = [t for t in texts if t.get_path_effects()]
    assert [t.get_text() for t in plain] == ["Grade: 差 (poor — 未达到: revise)"]
    assert [t.get_text() for t in outlined] == ["差", "未达到"]
    # each run starts where its characters are in the line: after the Latin prefix, left to right
    x = [t.get_position()[0] for t in outlined]
    assert plain[0].get_position()[0] < x[0] < x[1]
    doc.put(1.0, 2.0, "Latin only", 11, weight="bold")
    assert not any(t.get_path_effects() for t in doc.page.texts[len(texts):])


def test_clock_time_and_time_after_start_agree_to_the_second(exercises: dict) -> None:
    """The timeline table shows both; they are rounded alike (12.6 s after 08:00:00 is 08:00:13 and 0:00:13)."""
    from drills.experiment.i18n import Text
    from drills.experiment.report import clock

    ex, _ = exercises["mine"]
    start = clock(ex, 0.0)
    h, m, s = (int(x) for x in start.split(":"))
    after = clock(ex, 12.6)
    assert after == f"{h:02d}:{m:02d}:{s + 13:02d}" and Text("en").value(12.6, "s") == "0:00:13"
    assert clock(ex, 3599.5)[-2:] == f"{s:02d}" and Text("en").value(3599.5, "s") == "1:00:00"


def test_the_day_after_the_start_is_told_in_the_language_of_the_report(exercises: dict) -> None:
    """The Chinese timeline table and figure axes wrote the next day as "07:04:13 +1d"."""
    from drills.experiment.figures import _clock
    from drills.experiment.i18n import Text
    from drills.experiment.report import clock

    ex, _ = exercises["mine"]
    assert clock(ex, 86400.0, Text("zh")).endswith(":00 +1 天") and clock(ex, 86400.0).endswith(":00 +1d")
    assert clock(ex, 60.0, Text("zh")).count(":") == 2 and "天" not in clock(ex, 60.0, Text("zh"))
    axis = _clock(ex, Text("zh"))
    assert axis is not None and axis(2 * 24 * 60).endswith("\n+2 天")
    assert _clock(ex, Text("en"))(24 * 60).endswith("\n+1d")  # type: ignore[misc]


def test_the_typical_replication_is_near_the_middle_on_every_measure_not_an_outlier_of_one() -> None:
    from drills.experiment.report import median_replication

    inf = float("inf")
    # r2 is the middle of the share safe from the water, but its order never came (the last rank); r1 is the middle
    # of the order's times and one rank from the middle of the share safe: nearest on both at once
    per = {"downstream_order_s": np.array([600.0, 700.0, inf, 800.0, 650.0]),
           "t_all_safe_s": np.array([inf, inf, inf, inf, inf]),
           "share_safe_before_water": np.array([0.5, 0.9, 0.7, 0.6, 1.0])}
    card = type("Card", (), {"replications": 5, "per_replication": per})()
    assert median_replication(card) == 1
    # one measure alone: its middle
    card.per_replication = {"share_safe": np.array([0.5, 0.9, 0.7, 0.6, 1.0])}
    assert median_replication(card) == 2


def test_a_word_wider_than_its_column_is_cut_at_its_separators() -> None:
    """A plan clause like plan.warning.actions_by_level.red.1 must not run past its table column."""
    from drills.experiment.report import _width_in

    text = "see plan.warning.actions_by_level.red.1 and red:evacuate_downstream/township_duty"
    lines = wrap(text, 8, 1.0)
    assert all(_width_in(line, 8, "normal") <= 1.0 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # nothing lost
    assert "plan.warning." in lines  # cut after a separator, not mid-word


def test_the_dam_break_flood_source_is_named_in_the_language_of_the_report(exercises: dict) -> None:
    """The scenario's hazard row said "取自 estimate (Concha Larrauri & Lall 2018)" in the Chinese report."""
    from drills.experiment.i18n import Text
    from drills.experiment.report import parameter_rows

    ex, _ = exercises["dam"]
    hazard = {lang: dict(parameter_rows(ex, Text(lang))[1])[Text(lang)("param_hazard")] for lang in ("en", "zh")}
    assert hazard["en"].endswith("velocity from estimate (Concha Larrauri & Lall 2018)")
    assert hazard["zh"].endswith("水深和流速取自本工具内置的筛查估算（Concha Larrauri & Lall 2018）"), hazard["zh"]


def test_the_chinese_tables_part_their_items_with_chinese_punctuation(exercises: dict) -> None:
    """The grade bands ("A ≤ 5 分钟, B ≤ 15 分钟"), replications and seed ("12, 20260720") and the two hazards of
    a scenario ("sump360 突水; qingshui-dam 于…") were parted by ASCII commas and semicolons in Chinese."""
    from types import SimpleNamespace

    from drills.experiment.i18n import Text
    from drills.experiment.report import _graded_zh, parameter_rows

    row = SimpleNamespace(metric="M1", basis="", grade="C", bands="A ≤ 5 min, B ≤ 15 min, C ≤ 30 min [P]")
    assert _graded_zh(row)[1] == "A ≤ 5 分钟，B ≤ 15 分钟，C ≤ 30 分钟 [P]"
    ex, _ = exercises["mine"]
    zh, en = (dict(parameter_rows(ex, Text(lang))[1]) for lang in ("zh", "en"))
    assert zh[Text("zh")("param_mc")] == f"{N}，{ex.seed}" and en[Text("en")("param_mc")] == f"{N}, {ex.seed}"
    both = run_exercise(load_drill(bundled_root() / "scenarios" / "flood_season_night.yaml", replications=1))
    hazard = dict(parameter_rows(both, Text("zh"))[1])[Text("zh")("param_hazard")]
    assert "上涨；" in hazard and "; " not in hazard, hazard


def test_the_assumptions_show_the_hazard_and_the_plan_numbers_a_regulator_checks(exercises: dict) -> None:
    """The inflow hydrograph and its factor, the cage, who stands in for whom, and how well each channel is heard."""
    from drills.experiment.i18n import Text
    from drills.experiment.report import parameter_rows

    ex, _ = exercises["mine"]
    plan_rows, scen_rows = parameter_rows(ex, Text("en"))
    values = dict((a, b) for a, b in plan_rows + scen_rows)
    hoist = ex.spec.hoists[0]
    decks = f"{hoist.decks} deck" + ("" if hoist.decks == 1 else "s")
    assert values[f"cage of {hoist.id}"].startswith(f"{hoist.capacity} people a trip ({decks}); ")
    inflow = values["inrush inflow"]
    peak = 3600 * max(ex.spec.inrush.hydro_m3ps)
    assert f"{peak:,.0f} m³/h" in inflow and "lognormal" in inflow
    paging = next(ch for ch in ex.spec.channels if ch.type == "cap_lamp_paging")
    assert "heard by " + percent(paging.hear_probability) in values[f"channel {paging.id} (cap-lamp paging)"]
    assert any(k.endswith(": backups") for k in values)
    trigger = next(k for k in values if k.startswith("trigger "))
    assert "_m3ph" not in trigger and "_s " not in trigger  # the quantity in words, not its code


@pytest.mark.parametrize(("lang", "says"), [
    ("en", "; the mine's pumps 600 m³/h against its usual inflow of 300 m³/h"),
    ("zh", "；矿井水泵排水能力 600 m³/h，正常涌水量 300 m³/h")])
def test_the_inflow_row_of_a_flood_season_gives_the_mine_pumps_as_the_site_gives_them(lang: str, says: str) -> None:
    """The bundled flood season's site has pumps of 600 m³/h against a usual inflow of 300 m³/h; the row said
    "pumping 300 m³/h", what the pumps have beyond that inflow, which is not what the planner wrote."""
    from types import SimpleNamespace

    from drills.experiment.i18n import Text
    from drills.experiment.report import parameter_rows

    spec = load_drill(bundled_root() / "scenarios" / "flood_season_night.yaml", replications=1)
    rows = dict(parameter_rows(SimpleNamespace(spec=spec, replications=1, seed=1), Text(lang))[1])
    assert rows[Text(lang)("storm_inflow_row")].endswith(says), rows[Text(lang)("storm_inflow_row")]


def test_a_flood_season_with_no_inrush_tells_the_storm_s_water_not_an_inrush() -> None:
    """The bundled flood season has no inrush: the mine's water is the storm's. Its report's table said "hazard:
    water inrush at sump360" and "inrush inflow ... (hydrograph of 1801 points), times a factor 1.0", the storm's
    inflow on the model's 60 s grid told as an inrush the planner never wrote."""
    from types import SimpleNamespace

    from drills.experiment.i18n import Text
    from drills.experiment.report import parameter_rows

    spec = load_drill(bundled_root() / "scenarios" / "flood_season_night.yaml", replications=1)
    for lang in ("en", "zh"):
        t = Text(lang)
        rows = dict(parameter_rows(SimpleNamespace(spec=spec, replications=1, seed=1), t)[1])
        assert t("inflow_row") not in rows
        assert rows[t("param_hazard")].startswith(t("hazard_storm_water", node="sump360"))
        assert t("hazard_inrush", node="sump360") not in rows[t("param_hazard")]
        assert "1801" not in rows[t("storm_inflow_row")] and "factor" not in rows[t("storm_inflow_row")]
    assert "beyond the usual inflow" in dict(parameter_rows(SimpleNamespace(spec=spec, replications=1, seed=1),
                                                            Text("en"))[1])["the storm's inflow to the mine"]


def test_the_channel_rows_give_the_chance_of_hearing_the_model_uses_at_night_in_heavy_rain() -> None:
    """The bundled dam break is at night in heavy rain: a siren is heard by the siren's night audibility times the
    rain's factor of the households within its radius, each catching it on a cycle with the siren's chance; a
    village loudspeaker by its own night audibility; a text message is noticed by the night share of those with a
    phone. The numbers are the model's (drills.model.warning), not 100 % of those in reach."""
    from types import SimpleNamespace

    from drills.experiment.i18n import Text
    from drills.experiment.report import parameter_rows
    from drills.model import warning

    spec = load_drill(bundled_root() / "scenarios" / "dam_break_night.yaml", replications=1)
    assert (spec.time_of_day, spec.rain) == ("night", "heavy")
    rain = warning.RAIN_AUDIBILITY["heavy"]
    for lang, heard, cycle, phones in (("en", "of the households within {r:g} m can hear it", "catches it with",
                                        "each notices it with"),
                                       ("zh", "半径 {r:g} m 内", "循环中听到的概率为", "每人注意到的概率")):
        values = dict(parameter_rows(SimpleNamespace(spec=spec, replications=1, seed=1), Text(lang))[0])
        for ch in spec.channels:
            row = next(v for k, v in values.items() if f" {ch.id} " in k or f" {ch.id}（" in k)
            if ch.type in ("siren", "village_loudspeaker"):
                table = warning.SIREN_AUDIBILITY if ch.type == "siren" else warning.LOUDSPEAKER_AUDIBILITY
                audible = percent(table["night"] * rain)
                assert heard.format(r=ch.audible_radius_m) in row, row
                assert audible in row and "0.7" in row, row
                assert f"{cycle} {percent(warning.SIREN_HEAR_PER_CYCLE)}" in row, row
            elif ch.type == "sms":
                assert f"{phones} {percent(warning.SMS_NOTICE['night'])}" in row, row
                share = np.mean([p.phone for p in spec.people if p.group == "resident"])
                assert percent(share) in row and share < 1.0, row
            assert "100 % of those in reach" not in row


def test_the_chinese_report_gives_the_grade_in_chinese() -> None:
    from drills.experiment.grading import FAIL_LABEL, OVERALL_BANDS
    from drills.experiment.i18n import Text
    from drills.experiment.report import grade_of

    for zh, en in [(zh, en) for zh, en, _ in OVERALL_BANDS] + [FAIL_LABEL]:
        card = type("Card", (), {"grade": f"{zh} ({en})"})()
        assert grade_of(card, Text("en")) == f"{zh} ({en})"
        assert grade_of(card, Text("zh")).startswith(zh + "（") and not any(c.isascii() and c.isalpha()
                                                                            for c in grade_of(card, Text("zh")))


#: The project's own notes (reference/*.md, DESIGN.md), which a regulator cannot look up.
INTERNAL_NOTES = ("standards.md", "mine.md", "dam.md", "DESIGN", "reference notes", "standards note")


def assumptions_text(pdf: Path, lang: str) -> str:
    """The text of the "Assumptions and sources" section, up to the method appendix."""
    t = i18n.Text(lang)
    text = "\n".join(text_of(pdf))
    start = text.rindex(t("assumptions"))
    return text[start: text.index(t("method"), start)]


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_every_source_in_the_report_is_one_a_regulator_can_look_up(reports: dict, name: str, lang: str) -> None:
    """No report text cites the project's internal notes, and the assumptions explain the provenance tags."""
    pdf = reports[name, lang] / "report.pdf"
    text = "\n".join(text_of(pdf))
    for note in INTERNAL_NOTES:
        assert note not in text, f"the {lang} report of {name} cites {note!r}"
    t = i18n.Text(lang)
    section = assumptions_text(pdf, lang).replace("\n", "")
    for key in ("provenance_legend", "tag_seen", "tag_knowledge", "tag_engineering", "tag_proposal"):
        assert t(key).replace(" ", "")[:30] in section.replace(" ", ""), f"{key} missing from the assumptions"


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_the_parts_of_the_model_are_introduced_in_a_planners_words_not_the_codes(reports: dict, name: str,
                                                                                 lang: str) -> None:
    """Under "Warning channels: model defaults" the report said "Warning channels as SimPy processes" (以 SimPy
    进程模拟的预警渠道), and under the cage's heading "the cage as a SimPy process": how the code is built, not what
    the model assumes. Each part is now introduced by what it decides."""
    t = i18n.Text(lang)
    section = assumptions_text(reports[name, lang] / "report.pdf", lang)
    assert "SimPy" not in section and "进程" not in section
    flat = "".join(section.split())
    if name == "mine":  # the valley's channels are told with its people (drills.model.residents)
        assert "".join(t("lead_warning").split())[:20] in flat
        assert "".join(t("lead_hoist").split())[:20] in flat


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_quoted_model_text_names_no_object_of_the_code(lang: str) -> None:
    """The assumptions pages quote each part of the model's own text: it said the channels warn people "through
    Drill.warn_party", the dam-break flood "offers link_depth, node_depth…" and "rapidly_rising=False takes the
    elsewhere function". What the report quotes names the model's parts, never a class, method or argument."""
    from drills.experiment.report import SOURCES, quoted

    t = i18n.Text(lang)
    for module, _ in SOURCES:
        mod = importlib.import_module(module)
        text = quoted(module, mod.__doc__ or "", t)
        assert not re.search(r":(?:mod|class|meth|func|data|attr):`", text), (module, lang)
        assert not re.search(r"\b(?:Drill|DamBreakFlood|WaterTimeline)\.\w+|\w+=(?:True|False)\b|\blink_depth\b",
                             text), (module, lang)


def test_the_mine_report_quotes_no_valley_warning_and_the_dam_report_does(reports: dict) -> None:
    mine = assumptions_text(reports["mine", "en"] / "report.pdf", "en").lower()
    for word in ("siren", "loudspeaker", "door-to-door", "valley"):
        assert word not in mine, f"the mine report's assumptions speak of {word!r}"
    dam = assumptions_text(reports["dam", "en"] / "report.pdf", "en").lower()
    assert "siren audibility" in dam and "door-to-door" in dam
    assert "keeps the first warning it receives" in dam


def test_the_dam_report_quotes_no_underground_warning(reports: dict) -> None:
    """The dam's report quoted the underground channels' text (cap-lamp paging, a runner riding the cage from the
    shaft's collar) to a planner with no mine: the valley's channels have their own (drills.model.residents)."""
    dam = assumptions_text(reports["dam", "en"] / "report.pdf", "en").lower()
    for word in ("cap-lamp", "runner", "cage", "shaft"):
        assert word not in dam, f"the dam report's assumptions speak of {word!r}"


def test_the_mine_report_says_how_the_running_water_is_modelled_and_the_dam_report_does_not(reports: dict) -> None:
    """The water running down from an inrush is in the drill (drills.model.running), but the assumptions pages
    quoted only the pool's model, whose text pointed the reader to a part the report did not have. They now quote
    it, with its roughness, gradient and sweeping rule and their sources, in both languages."""
    for lang, words in (("en", ("Water running down from an inrush", "0.040", "Chow 1959", "0.6 m²/s")),
                        ("zh", ("突水沿巷道下泄的水流", "0.040", "Chow 1959", "0.6 m²/s"))):
        mine = " ".join(assumptions_text(reports["mine", lang] / "report.pdf", lang).split())
        assert all(w in mine for w in words), lang
        dam = " ".join(assumptions_text(reports["dam", lang] / "report.pdf", lang).split())
        assert words[0] not in dam and "Chow 1959" not in dam, lang


def test_no_text_of_the_package_cites_the_internal_notes() -> None:
    """Docstrings (quoted by the report), findings' standards and report phrases alike."""
    root = Path(__file__).parent.parent / "drills"
    for path in sorted(root.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for note in INTERNAL_NOTES:
            assert note not in text, f"{path.relative_to(root.parent)} cites {note!r}"


def test_hoist_and_walking_speed_sources_suit_a_metal_mine() -> None:
    """The coal-mine hoisting rules are called what they are; a miner's walking speed is not a road-traffic value."""
    from drills.model import hoist, movement

    hoist_doc = " ".join((hoist.__doc__ or "").split())
    assert "coal-mine rules, used for want of a metal-mine value" in hoist_doc
    assert "GB 16423-2020" in hoist_doc
    assert "MUTCD" not in (movement.__doc__ or "")
    assert "SFPE" in (movement.__doc__ or "") and movement.FREE_SPEED_MPS == 1.2


def test_the_school_class_size_the_drill_uses_is_the_one_the_report_cites() -> None:
    """A school leaves in classes; the class size was "a project choice" nowhere in the report. It is the village
    primary school's class of GB 50099-2011, quoted with the valley's defaults, in both languages."""
    from drills.experiment.sources_zh import SOURCES_ZH
    from drills.inputs.population import SCHOOL_CLASS
    from drills.model import residents

    doc = " ".join((residents.__doc__ or "").split())
    assert f"classes of **{SCHOOL_CLASS}** pupils" in doc and "GB 50099-2011" in doc
    assert f"每班 **{SCHOOL_CLASS}** 名学生" in SOURCES_ZH["drills.model.residents"]


# ---- the figures are legible and say only what is true


def drawn(exercises: dict, name: str, figure: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lang: str = "en"):
    """Draw one figure of a bundled example and return the matplotlib figure itself (and its renderer)."""
    from drills.experiment import figures
    from drills.experiment.i18n import Text

    ex, card = exercises[name]
    kept = []
    real_save = figures.save

    def keep(fig, path):
        kept.append(fig)
        return real_save(fig, path)

    monkeypatch.setattr(figures, "save", keep)
    make = {"timeline": figures.timeline, "warned_safe": figures.warned_safe, "section": figures.section,
            "map": figures.site_map, "channels": figures.channels}[figure]
    with figures.style():
        make(ex, card, Text(lang), tmp_path / f"{figure}.png")
    fig = kept[0]
    fig.canvas.draw()  # at the figure's own dpi again (saving drew it at the PNG's)
    return fig, fig.canvas.get_renderer()


def test_labels_are_laid_out_where_nothing_covers_them() -> None:
    """A crowded row of markers on a level crossed by a shaft: every label finds a spot inside the frame
    that overlaps no other label and covers no other marker."""
    from matplotlib.transforms import Bbox

    from drills.experiment.figures import CLEAR, layout_labels

    pt = 150 / 72
    frame = Bbox.from_extents(0, 0, 800, 500)
    anchors = np.array([[300.0, 250.0], [330.0, 250.0], [360.0, 250.0], [390.0, 250.0], [330.0, 330.0]])
    sizes = [(90.0, 14.0)] * len(anchors)
    shaft = (np.array([330.0, 0.0]), np.array([330.0, 500.0]))  # through the second and fifth point
    level = (np.array([0.0, 250.0]), np.array([800.0, 250.0]))
    spots = layout_labels(anchors, sizes, frame, pt=pt, gaps=[4.0] * 5, points=anchors, radii=[4.0] * 5,
                          segments=[shaft, level])
    boxes = [s.box for s in spots]
    for i, a in enumerate(boxes):
        assert frame.contains(a.x0, a.y0) and frame.contains(a.x1, a.y1)
        assert not any(a.overlaps(b) for b in boxes[i + 1:]), f"label {i} overlaps a later one"
        for j, (x, y) in enumerate(anchors):
            r = (4.0 + CLEAR) * pt
            if j != i:
                assert not a.overlaps(Bbox.from_extents(x - r, y - r, x + r, y + r)), f"label {i} covers marker {j}"


def test_a_label_on_a_shaft_goes_where_neither_line_nor_marker_is() -> None:
    """crusher360 was crossed by the shaft and the cage queue covered by ramp180: a point where the shaft
    meets the level, with a marker up to its right, is labelled up to its left, clear of both lines."""
    from matplotlib.transforms import Bbox

    from drills.experiment.figures import crosses, layout_labels

    pt = 150 / 72
    anchor = np.array([[400.0, 250.0]])
    shaft = (np.array([400.0, 0.0]), np.array([400.0, 500.0]))
    level = (np.array([0.0, 250.0]), np.array([800.0, 250.0]))
    marker = np.array([[450.0, 275.0]])
    (spot,) = layout_labels(anchor, [(80.0, 14.0)], Bbox.from_extents(0, 0, 800, 500), pt=pt, gaps=[4.0],
                            points=np.vstack([anchor, marker]), radii=[4.0, 4.0], segments=[shaft, level])
    assert (spot.ha, spot.va) == ("right", "bottom") and spot.offset == (-6.0, 6.0) and not spot.leader
    assert not crosses(spot.box, *shaft) and not crosses(spot.box, *level)


def test_a_segment_through_a_box_is_found_and_one_beside_it_is_not() -> None:
    from matplotlib.transforms import Bbox

    from drills.experiment.figures import crosses, polygons_overlap, segments_cross

    box = Bbox.from_extents(10, 10, 20, 20)
    assert crosses(box, np.array([15.0, 0.0]), np.array([15.0, 30.0]))  # vertical, through
    assert crosses(box, np.array([0.0, 0.0]), np.array([30.0, 30.0]))  # diagonal, through
    assert not crosses(box, np.array([25.0, 0.0]), np.array([25.0, 30.0]))  # vertical, beside
    assert not crosses(box, np.array([0.0, 25.0]), np.array([9.0, 25.0]))  # stops short
    square = np.array([[0, 0], [10, 0], [10, 10], [0, 10]], dtype=float)
    diamond = np.array([[16, 5], [21, 10], [16, 15], [11, 10.0]])  # beside the square, apart
    assert not polygons_overlap(square, diamond)
    assert polygons_overlap(square, diamond - [3.0, 0.0])
    o, x = np.array([0.0, 0.0]), np.array([10.0, 10.0])
    assert segments_cross(o, x, np.array([0.0, 10.0]), np.array([10.0, 0.0]))  # two leaders in an X
    assert not segments_cross(o, x, np.array([0.0, 1.0]), np.array([9.0, 10.0]))  # side by side


@pytest.mark.parametrize(("name", "figure"), [("mine", "section"), ("dam", "map")])
def test_no_label_on_a_site_drawing_overlaps_another(exercises: dict, name: str, figure: str,
                                                   monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Place names, queue labels and road names: none covers another (the mine's cage queue was covered by
    the ramp180 marker, the dam's path names by each other)."""
    from drills.experiment.figures import _corners, polygons_overlap

    fig, renderer = drawn(exercises, name, figure, monkeypatch, tmp_path)
    net = exercises[name][0].spec.network
    for ax in fig.axes:
        texts = [a for a in ax.texts if a.get_text() and a.get_in_layout() is False]
        if not texts:
            continue
        polys = []
        for a in texts:
            if a.get_rotation() % 180:  # a road name along its road: its own rotated corners
                box = a.get_window_extent(renderer)
                polys.append(_corners(box))  # the upright box holds the rotated text: a strict check
                continue
            patch = a.get_bbox_patch()
            polys.append(_corners(patch.get_window_extent(renderer) if patch is not None
                                  else a.get_window_extent(renderer)))
        for i in range(len(polys)):
            for j in range(i + 1, len(polys)):
                if texts[i].get_rotation() % 180 and texts[j].get_rotation() % 180:
                    continue  # two rotated names: their upright boxes may meet where the texts do not
                assert not polygons_overlap(polys[i], polys[j]), (texts[i].get_text(), texts[j].get_text())
        # and no label sits on a place that is not its own
        coords = [(n.x_m, n.elevation_m if figure == "section" else n.y_m) for n in net.nodes]
        xlo, xhi = ax.get_xlim()
        ylo, yhi = ax.get_ylim()
        for a, poly in zip(texts, polys, strict=True):
            if a.get_rotation() % 180 or not hasattr(a, "xy"):
                continue
            own = a.xy
            for x, y in coords:
                if (x, y) == tuple(own) or not (xlo <= x <= xhi and ylo <= y <= yhi):
                    continue
                px, py = ax.transData.transform((x, y))
                assert not (poly[0, 0] < px < poly[1, 0] and poly[0, 1] < py < poly[2, 1]), \
                    f"{a.get_text()!r} covers the place at {x, y}"


def test_the_dam_map_tells_places_apart_by_the_share_of_their_people_safe(
        exercises: dict, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Panel (b) gave every place the same red cross; now each place's colour is its share of people safe
    from the water (the table's number), and its label says that share and the expected deaths."""
    from matplotlib.colors import to_hex

    from drills.experiment.figures import CMAP, share_text

    ex, card = exercises["dam"]
    fig, _ = drawn(exercises, "dam", "map", monkeypatch, tmp_path)
    ax_c = fig.axes[1]
    assert not any(c.get_paths() and len(c.get_offsets()) and len(c.get_facecolor())  # signs have no face
                   and to_hex(c.get_facecolor()[0]) == "#d55e00"
                   for c in ax_c.collections), "the 'not cleared' crosses are still drawn"
    net = ex.spec.network
    colours = {}
    for c in ax_c.collections:
        faces = c.get_facecolor()
        for k, xy in enumerate(c.get_offsets()):
            colours[tuple(np.round(xy, 3))] = to_hex(faces[k % len(faces)]) if len(faces) else None
    zones = {z.zone: z for z in card.zones}
    import matplotlib

    cmap = matplotlib.colormaps[CMAP]
    for zone in zones.values():
        node = net.nodes[net.index[zone.zone]]
        want = to_hex(cmap(zone.share_safe_before_water.mean))
        assert colours[(round(node.x_m, 3), round(node.y_m, 3))] == want, zone.zone
    labels = "\n".join(a.get_text() for a in ax_c.texts)
    for zone in zones.values():
        assert f"{share_text(zone.share_safe_before_water.mean)} safe" in labels, zone.zone
    shares = {round(z.share_safe_before_water.mean, 3) for z in zones.values()}
    assert len(shares) > 1, "the bundled dam should have places that fare differently"


def test_timeline_labels_are_wrapped_whole_never_cut() -> None:
    from drills.experiment.figures import LABEL_SIZE, LABEL_W_IN, timeline_label
    from drills.experiment.report import _width_in

    text = "[action] notify_township by Tailings pond manager (尾矿库负责人) before the downstream order"
    label = timeline_label(text)
    lines = label.split("\n")
    assert len(lines) > 1 and "…" not in label
    assert " ".join(lines) == text  # every word kept, in order
    assert all(_width_in(line, LABEL_SIZE, "normal") <= LABEL_W_IN for line in lines)
    assert any("(尾矿库负责人)" in line for line in lines)  # the role's title is not split
    assert timeline_label("[water] water at st360") == "[water] water at st360"


WHY_SENT = "the cage could not lift them before the water"
WHY_BACK = "the water closed the way"


@pytest.mark.parametrize(("what", "zh_label", "zh_counted"), [
    (f"sent from st360 to raise_top: {WHY_SENT}", "有人由 st360 改去 raise_top：罐笼来不及在车场被淹前将其提升",
     "人由 st360 改去 raise_top：罐笼来不及在车场被淹前将其提升"),
    (f"turned back on the way from j360 to st360: {WHY_BACK}", "有人在由 j360 前往 st360 途中遇水折返：通路已被水淹",
     "人在由 j360 前往 st360 途中遇水折返：通路已被水淹"),
])
def test_people_counted_in_an_event_are_one_timeline_row_whatever_their_number(what: str, zh_label: str,
                                                                               zh_counted: str) -> None:
    from types import SimpleNamespace

    from drills.experiment.figures import event_times
    from drills.model.records import Event

    results = [SimpleNamespace(timeline=(Event(t, "movement", f"{k} {what}"),)) for t, k in ((1200.0, 3), (1500.0, 12))]
    ex = SimpleNamespace(replications=2, results=results)
    for lang, label in (("en", what), ("zh", zh_label)):
        [(kind, shown, times)] = event_times(ex, SimpleNamespace(per_replication={}), i18n.Text(lang))
        assert (kind, shown, times.tolist()) == ("movement", label, [1200.0, 1500.0])
    assert i18n.Text("zh").event(f"12 {what}") == f"12 {zh_counted}"


def test_every_kind_of_drill_event_is_named_in_both_languages_and_movements_follow_their_causes() -> None:
    from drills.experiment.figures import KIND_COLOURS, KIND_PRIORITY
    from drills.model.drill import KIND_ORDER

    for kind in KIND_ORDER:  # the typical replication's table and the timeline's rows tag each event by its kind
        assert re.search(r"[\u4e00-\u9fff]", i18n.Text("zh").kind(kind)), kind
        assert f"kind_{kind}" in i18n.EN, kind
    names = [i18n.Text("zh").kind(k) for k in KIND_ORDER]
    assert len(set(names)) == len(names)
    # people who turned back or were sent elsewhere did so because of the water, the order and its channels
    # logged at the same time: they come after them, drawn in a colour of their own and kept as early as before
    assert KIND_ORDER["movement"] > max(KIND_ORDER[k] for k in ("water", "decision", "order", "channel"))
    assert KIND_COLOURS["movement"] not in {c for k, c in KIND_COLOURS.items() if k != "movement"}
    assert KIND_PRIORITY["movement"] == KIND_PRIORITY["decision"]


@pytest.mark.parametrize(("what", "zh"), [
    ("nobody to carry out notify_county", "无人执行 notify_county"),
    ("nobody with the authority to give evacuate_underground", "无人有权下达 evacuate_underground"),
    ("Shift leader may not order an evacuation", "Shift leader 无权下达撤离命令"),
    ("red declared automatically by gnss-red", "gnss-red 自动宣布红色预警"),
    ("siren-1 cannot send (down, no power or no network)", "siren-1 无法发出（故障、停电或无网络）"),
    ("sms: stopped (no network or no power)", "sms：停止（无网络或停电）"),
    ("night-2 went underground while the no-entry rule held", "night-2 在禁止入井期间下井"),
    ("refuge refuge240 flooded", "避险硐室 refuge240 被淹"),
    ("mains_power", "市电停电"),
    ("channel_down: cap-lamp-paging", "cap-lamp-paging 故障"),
    ("link_cut: d360_j_e", "d360_j_e 通路中断"),
    ("role_absent: dispatcher", "dispatcher 不在岗"),
    ("hoist_out: main-cage", "main-cage 停运"),
    ("team-hetou could not reach ht_c: the water closes its way there from ht_b, and no other way is open",
     "team-hetou 无法到达 ht_c：从 ht_b 去该处的通路被水淹，且没有其他通路"),
    ("runner could not reach b: a cut passage closes its way there from st, and no other way is open",
     "runner 无法到达 b：从 st 去该处的通路中断，且没有其他通路"),
    ("evacuation order (downstream) passed on by Township duty (镇值班室): speaker-a, phone-a",
     "Township duty (镇值班室) 转达下游撤离命令：speaker-a, phone-a"),
])
def test_every_kind_of_drill_event_reads_in_chinese(what: str, zh: str) -> None:
    assert i18n.Text("zh").event(what) == zh
    assert i18n.Text("en").event(what) == what


def test_no_event_of_the_bundled_drills_stays_in_english(exercises: dict) -> None:
    seen = {e.what for ex, _ in exercises.values() for r in ex.results for e in r.timeline}
    assert seen
    untranslated = [w for w in seen if not re.search(r"[\u4e00-\u9fff]", i18n.Text("zh").event(w))]
    assert not untranslated


def test_timeline_figure_shows_every_label_in_full(exercises: dict, monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    fig, _ = drawn(exercises, "mine", "timeline", monkeypatch, tmp_path)
    ticks = [tick.get_text() for tick in fig.axes[0].get_yticklabels()]
    assert ticks and not any("…" in tick for tick in ticks)
    assert any("given by" in tick and ")" in tick for tick in ticks), "the order's giver is cut off"


def test_a_small_share_never_warned_is_not_shown_as_zero() -> None:
    from drills.experiment.figures import share_text

    assert share_text(0.004) == "0.4 %"
    assert share_text(0.0002) == "<0.1 %"
    assert share_text(0.9998) == ">99.9 %"
    assert share_text(0.0) == "0.0 %" and share_text(1.0) == "100.0 %"


@pytest.mark.parametrize("name", SCENARIOS)
def test_the_warning_figure_draws_no_arrow_without_a_share_never_warned_and_keeps_its_legend(
        exercises: dict, name: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fig, renderer = drawn(exercises, name, "channels", monkeypatch, tmp_path)
    ax = fig.axes[1]
    rows = {round(t.get_position()[1], 6): t.get_text() for t in ax.texts if t.get_gid() == "never-share"}
    for line in ax.lines:
        if line.get_gid() == "never-arrow":
            y = round(float(line.get_ydata()[0]), 6)
            assert y in rows, "an arrow for 'never warned' on a row where nobody was left unwarned"
    assert not any(text.strip().startswith(("0 %", "0.0 %")) for text in rows.values())
    page = fig.bbox
    for a in fig.axes:
        legend = a.get_legend()
        if legend is not None:
            box = legend.get_window_extent(renderer)
            assert page.x0 <= box.x0 and box.x1 <= page.x1, "the legend runs off the figure"


def test_a_channel_share_too_small_for_one_decimal_is_not_shown_as_nothing(
        exercises: dict, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """One person-replication in 10 000 first warned by a team reads '<0.1 %' on its bar, not '0.0 %'."""
    import dataclasses

    from drills.experiment.figures import share_text

    ex, card = exercises["dam"]
    firsts = {**card.first_warned_by, "team-far": 0.0001}
    tiny = {"dam": (ex, dataclasses.replace(card, first_warned_by=firsts))}
    fig, _ = drawn(tiny, "dam", "channels", monkeypatch, tmp_path)
    assert sorted(t.get_text().strip() for t in fig.axes[0].texts) == sorted(share_text(v) for v in firsts.values())
    assert "<0.1 %" in [t.get_text().strip() for t in fig.axes[0].texts]


def test_a_channel_is_named_by_its_kind_in_chinese_with_its_id(
        exercises: dict, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    ex, card = exercises["mine"]
    ids = {ch.id: ch.type for ch in ex.spec.channels}
    fig, _ = drawn(exercises, "mine", "channels", monkeypatch, tmp_path, lang="zh")
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    kinds = {"mine_pa": "井下广播（扩播）", "cap_lamp_paging": "矿灯寻呼", "station_phones": "车场电话"}
    named = [f"{kinds[ids[k]]} {k}" for k in card.first_warned_by if ids.get(k) in kinds]
    assert named and set(named) <= set(labels), labels
    fig_en, _ = drawn(exercises, "mine", "channels", monkeypatch, tmp_path)
    assert set(k for k in card.first_warned_by if k in ids) <= {t.get_text() for t in fig_en.axes[0].get_yticklabels()}


def test_the_warning_figure_counts_the_order_as_the_table_does(exercises: dict, monkeypatch: pytest.MonkeyPatch,
                                                               tmp_path: Path) -> None:
    """Seeing the water is not a warning: a place's share not first warned by the order is the table's."""
    from drills.experiment.figures import share_text

    card = exercises["dam"][1]
    fig, _ = drawn(exercises, "dam", "channels", monkeypatch, tmp_path)
    ax = fig.axes[1]
    rows = dict(zip([t.get_text() for t in ax.get_yticklabels()], range(len(ax.get_yticklabels())), strict=True))
    shown = {round(t.get_position()[1]): t.get_text().strip() for t in ax.texts if t.get_gid() == "never-share"}
    for zone in card.zones:
        if zone.zone in rows and zone.share_not_first_warned_by_order > 0:
            assert shown[rows[zone.zone]] == f"{share_text(zone.share_not_first_warned_by_order)} not first", zone.zone


@pytest.mark.parametrize("name", SCENARIOS)
def test_the_warning_figure_lists_the_places_in_the_order_of_the_table_by_place(
        exercises: dict, name: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The lower panel's places run as the table's rows do: a valley's down the valley in the order the water
    reached them (not highest first), a mine's by level from the shallowest, and the title says so."""
    from drills.experiment.scorecard import zone_of

    ex, card = exercises[name]
    fig, _ = drawn(exercises, name, "channels", monkeypatch, tmp_path)
    ax = fig.axes[1]
    places = [tick.get_text() for tick in ax.get_yticklabels()]
    net = ex.spec.network
    zone = {net.nodes[p.start].id: zone_of(ex.spec, p) for p in ex.spec.people}
    rows = [z.zone for z in card.zones]
    at = [rows.index(zone[p]) for p in places]
    assert len(places) > 1 and at == sorted(at), list(zip(places, at, strict=True))
    if name == "dam":
        assert places == [z for z in rows if z in places]
    assert i18n.Text("en").words("zones_by", card.site) in ax.get_title()


def test_the_animation_names_its_seed_and_replication(exercises: dict) -> None:
    from drills.experiment.animation import heading
    from drills.experiment.i18n import Text

    ex, _ = exercises["dam"]
    assert f"seed {ex.seed} · replication 2" in heading(ex, 2, Text("en"))
    assert f"随机种子 {ex.seed}" in heading(ex, 0, Text("zh"))


def test_the_timeline_table_is_not_split_across_pages(reports: dict) -> None:
    """The median replication's events fit one page, so the table starts where it fits whole (it began with
    two rows at the foot of the figure's page); a split table repeats its header on the next page."""
    pages = [p.extract_text() for p in PdfReader(reports["mine", "en"] / "report.pdf").pages]
    assert sum("after start" in text for text in pages) == 1


def test_a_section_that_rings_only_the_cage_queue_does_not_say_nothing_is_ringed(exercises: dict) -> None:
    from drills.experiment.figures import cage_queues, rings_drawn

    ex, _ = exercises["mine"]
    assert any(q > 0 for q in cage_queues(ex).values())  # the section rings the cage's queue
    assert rings_drawn(ex, "section")


def test_the_weakest_places_do_not_say_the_order_never_reached_people_it_may_have_reached_later() -> None:
    """A record keeps each person's first warning: someone who saw the water first may have had the order later,
    so the summary says 'not warned by it first' (it said 'never reached by it'), and a place
    nobody there had the order first in most replications reads 'warned by the order: never' (it read 'the
    order reached everyone there by never')."""
    import math

    for lang, first in (("en", "not warned by it first"), ("zh", "未先收到撤离命令")):
        t = i18n.Text(lang)
        line = t("worst_place_line", zone="xc_south", people=99, warned="", safe=t.value(0.0, "share"),
                 t100=t.value(math.inf, "s"), never=t("never_part", share=t.value(1.0, "share")), fat="")
        assert first in line and "by never" not in line


# ------------------------------------------------------------------ layout: where each block went


def _fill_to(doc: Document, room: float) -> None:
    """A page whose text leaves ``room`` inches (to a line's height) below it."""
    doc.new_page()
    while doc.room() > room + 0.2:
        doc.text("filler line", 9, after=0.0)
    doc.y = PAGE_H - BOTTOM - room


def _section(doc: Document, rows: int, *, new_page: bool = False) -> None:
    """A heading, an intro kept with the table after it, and a table kept whole: the report's zones."""
    doc.heading("By level and place", new_page=new_page)
    doc.text("An intro of two lines or so, kept with the table it introduces. " * 2, 8.5, after=0.12, keep=True)
    doc.table([("zone", 2.0, "left"), ("people", doc.width - 2.0, "right")],
              [[f"level -{k}", "48"] for k in range(rows)], size=8.5, keep_together=True)


def _height(rows: int) -> float:
    """What :func:`_section` takes, measured on a page of its own."""
    doc = Document()
    doc.new_page()
    _section(doc, rows)
    return doc.plan[-1].bottom - 0.12 - TOP  # the space after the table may fall in the margin


def test_a_heading_and_its_table_stay_where_both_fit_and_move_together_where_they_do_not() -> None:
    """The table by level and place used to be measured with 0.75 in for its heading (which takes 0.52) and
    went to a page of its own when it fitted below the grading table; a heading never stays behind alone."""
    need = _height(6)
    doc = Document()
    _fill_to(doc, need + 0.02)
    _section(doc, 6)
    assert {b.page for b in doc.plan if b.label != "filler line"} == {0}
    doc = Document()
    _fill_to(doc, need - 0.05)
    _section(doc, 6)
    moved = [b for b in doc.plan if b.label != "filler line"]
    assert [b.kind for b in moved] == ["heading", "text", "table"] and {b.page for b in moved} == {1}
    assert moved[0].top == TOP  # on top of the new page, not left at the foot of the old one


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_zones_section_stays_below_what_comes_before_when_there_is_just_room_for_it(exercises: dict,
                                                                                      lang: str) -> None:
    """The report's own table by level and place, on a page with its height left and a hair more."""
    from drills.experiment.report import zones

    ex, card = exercises["mine"]
    alone = Document()
    alone.new_page()
    zones(alone, ex, card, i18n.Text(lang))
    need = alone.plan[-1].bottom - 0.12 - TOP
    doc = Document()
    _fill_to(doc, need + 0.01)
    zones(doc, ex, card, i18n.Text(lang))
    assert [b.page for b in doc.plan if b.label != "filler line"] == [0, 0, 0]


def test_a_section_follows_on_a_page_holding_only_the_end_of_the_one_before() -> None:
    """A main section starts a new page, unless the page so far is less than SECTION_FOLLOWS full (the end of
    the section before it) and the section fits below: a page is not left mostly empty for a page break."""
    short, full = Document(), Document()
    _fill_to(short, USABLE_H * (1 - SECTION_FOLLOWS) + 0.3)  # a little less than half full
    _fill_to(full, USABLE_H * (1 - SECTION_FOLLOWS) - 0.3)  # a little more: room enough, but a new page
    assert _height(4) < USABLE_H * (1 - SECTION_FOLLOWS) - 0.3
    for doc in (short, full):
        _section(doc, 4, new_page=True)
    assert short.plan[-1].page == 0 and short.plan[-3].section
    assert full.plan[-1].page == 1 and full.plan[-3].top == TOP


def layout_faults(doc: Document) -> list[str]:
    """What is wrong with where the blocks of ``doc`` went, from the plan it records (no pixels):

    - a heading, or an intro kept with what it introduces, that ends a page: the block after it is on the next;
    - a page that begins with a block (with the headings and intro kept with it) that would have fitted in the
      room left on the page before: its least height (all of a figure at its smallest scale or of a table kept
      whole, the header and first row of another) was no more than that room. A main section may begin a
      new page all the same when the page before is more than SECTION_FOLLOWS full.
    """
    faults = []
    for a, b in zip(doc.plan, doc.plan[1:], strict=False):
        if a.kept and b.page != a.page and not b.continued:
            faults.append(f"page {a.page + 1} ends with the {a.kind} {a.label!r}; what follows is on the next page")
    for page in range(1, len(doc.pages)):
        blocks = [b for b in doc.plan if b.page == page]
        if not blocks or blocks[0].continued:
            continue
        k = next((i for i, b in enumerate(blocks) if not b.kept), None)
        if k is None:
            continue
        need = blocks[k].top - blocks[0].top + blocks[k].least
        room = doc.closed[page - 1]
        if any(b.section for b in blocks[:k]) and USABLE_H - room > SECTION_FOLLOWS * USABLE_H:
            continue
        if need <= room:
            faults.append(f"page {page + 1} begins with the {blocks[k].kind} {blocks[k].label!r}, "
                          f"{need:.2f} in with what it keeps, which fitted in the {room:.2f} in left on page {page}")
    return faults


def test_layout_faults_are_found_in_a_plan_that_has_them() -> None:
    """The check itself: a heading drawn at the foot of a page before a page break, and a table put on a new
    page by hand though it fitted, are both reported."""
    doc = Document()
    _fill_to(doc, 3.0)
    doc.heading("Stranded")
    doc.text("kept", 8.5, keep=True)
    doc._begin(0.0)  # the heading and intro drawn with nothing after them,
    doc.new_page()  # and the page broken by hand
    doc.table([("zone", 2.0, "left"), ("people", 1.0, "right")], [["level -120", "48"]], size=8.5)
    faults = layout_faults(doc)
    assert any("ends with the text 'kept'" in f for f in faults)
    assert any("begins with the table 'level -120'" in f for f in faults)


@pytest.fixture(scope="module")
def laid_out(exercises: dict, reports: dict, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The graded report of each bundled example, in each language, laid out (findings, grading and all); the
    mine and the dam with the exercises and figures the other tests use."""
    from drills.experiment.figures import Figures, make_figures
    from drills.experiment.graded import graded
    from drills.experiment.report import document
    from drills.inputs.compile import load

    out = {}
    for path in bundled_scenarios():
        name = next((k for k, v in SCENARIOS.items() if v == path), None)
        ex = exercises[name][0] if name else run_exercise(load_drill(path, replications=N))
        card, _ = graded(scorecard(ex), load(path, None), ex.spec, ex)
        for lang in ("en", "zh"):
            if name:
                figs = Figures(sorted((p.stem, p) for p in (reports[name, lang] / "figures").glob("*.png")))
                figs.lang = lang
            else:
                figs = make_figures(ex, card, tmp_path_factory.mktemp(f"{path.stem}-{lang}"), lang=lang)
            out[path.stem, lang] = document(ex, card, figs, lang=lang)
    return out


def test_no_heading_ends_a_page_and_no_block_goes_to_the_next_page_when_it_fits(laid_out: dict) -> None:
    for (name, lang), doc in laid_out.items():
        assert layout_faults(doc) == [], f"{name} ({lang})"
        kinds = [b.kind for b in doc.plan]
        assert kinds.count("heading") >= 10 and "figure" in kinds and "table" in kinds


@pytest.mark.parametrize(("counts", "line"), [
    ((1, 0, 1), "grade: 差 · 1 deficiency (不足项), 0 must-correct (整改项), 1 improvement (改进项)"),
    ((2, 3, 18), "grade: 差 · 2 deficiencies (不足项), 3 must-correct (整改项), 18 improvements (改进项)"),
])
def test_a_count_of_findings_takes_the_singular_for_one(counts: tuple[int, int, int], line: str) -> None:
    t = i18n.Text("en")
    assert t("cli_grade", grade="差", **t.finding_counts(*counts)) == line
    noun = "deficiency" if counts[0] == 1 else "deficiencies"
    assert t("grade_capped", score=40, grade="差", **t.finding_counts(*counts)).startswith(
        f"Score 40 of 100, but with {counts[0]} {noun} (不足项) the grade is 差.")
    assert "不足项 1 项" in i18n.Text("zh")("cli_grade", grade="差", **i18n.Text("zh").finding_counts(1, 0, 1))


def test_histogram_bins_hold_values_that_differ_only_in_their_last_digits() -> None:
    """A cage busy 3 % of the time in four replications and 3 % plus one ulp in the fifth: numpy's "auto" rule
    cannot cut that range and raised, which stopped drill run before its figures were written."""
    from drills.experiment.figures import hist_bins

    v = np.array([3.0, 3.0, 3.0, 3.0, 3.0 + np.spacing(3.0)])
    with pytest.raises(ValueError):
        np.histogram_bin_edges(v, bins="auto")
    counts, _ = np.histogram(v, bins=hist_bins(v))
    assert counts.sum() == 5
    assert list(hist_bins(np.array([2.0, 5.0]), whole=True)) == [1.5, 2.5, 3.5, 4.5, 5.5]  # one bin per count
    spread = np.linspace(0.0, 100.0, 50)
    assert list(hist_bins(spread)) == list(np.histogram_bin_edges(spread, bins="auto"))


def test_dollar_signs_and_backslashes_in_the_planners_words_are_drawn_as_written(tmp_path: Path) -> None:
    """matplotlib reads text between two $ signs as TeX: a title "costing $5M and $2M" came out in math italics, and
    an unit with an unknown command between $ signs stopped the report with a ParseFatalException traceback."""
    from conftest import MINE_FILES, break_file, copy_bundled

    files = copy_bundled(tmp_path, MINE_FILES)
    title = "Inrush costing $5M and $2M, x^2_y"
    break_file(files["scenario"], "  title: Water inrush at the -360 east heading, day shift, flood season",
               f'  title: "{title}"')
    break_file(files["plan"], "  unit: Jinshan Mining Co. (example)", '  unit: "Jinshan $\\\\undefinedcmd$ Co."')
    ex = run_exercise(load_drill(files["scenario"], replications=2))
    for lang in ("en", "zh"):
        out = tmp_path / lang
        write_outputs(ex, scorecard(ex), out, lang=lang)
        first = PdfReader(out / "report.pdf").pages[0].extract_text()
        assert title in first and "Jinshan $\\undefinedcmd$ Co." in first, first


def test_each_trigger_is_told_by_what_meets_it_not_by_a_threshold_it_does_not_have():
    """A warning-level trigger is met at a level (no number), a breach by the event, an inflow change by a share."""
    spec = load_drill(bundled_root() / "scenarios" / "flood_season_night.yaml")
    en, zh = i18n.Text("en"), i18n.Text("zh")
    got = {tr.id: trigger_condition(tr, spec, en) for tr in spec.triggers}
    assert got == {"met-orange": "weather warning orange or higher", "met-red": "weather warning red",
                   "pond-red": "online monitoring level red", "dam-failure-seen": "dam breach",
                   "inflow-change": "mine inflow changed by ≥ 20 % of its usual flow"}
    assert trigger_condition(spec.triggers[0], spec, zh) == "气象预警达橙色及以上"
    mine = load_drill(bundled_root() / "scenarios" / "mine_inrush_day.yaml")
    assert [trigger_condition(tr, mine, en) for tr in mine.triggers] == [
        "inrush inflow (m³/h) ≥ 60", "water depth at face360e ≥ 0.05 m"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_cover_and_summary_say_the_dam_flood_is_the_built_in_estimate_where_no_study_is_given(
        reports: dict, exercises: dict, lang: str) -> None:
    # the whole grade of a dam-break drill rests on the flood: a screening estimate must say so up front
    from drills.experiment.i18n import Text
    from drills.experiment.report import flood_estimate_line

    dam, _ = exercises["dam"]
    mine, _ = exercises["mine"]
    line = flood_estimate_line(dam.spec, Text(lang))
    assert dam.spec.dam_break.recipe.study_rows is None and "hazard.dam_break.study" in line
    assert ("built-in screening estimate" if lang == "en" else "内置的筛查估算") in line
    assert flood_estimate_line(mine.spec, Text(lang)) == ""  # no dam break, nothing to say
    studied = replace(dam.spec, dam_break=replace(dam.spec.dam_break, recipe=replace(
        dam.spec.dam_break.recipe, study_rows=())))
    assert flood_estimate_line(studied, Text(lang)) == ""  # a study given: the flood is the planner's
    pages = text_of(reports["dam", lang] / "report.pdf")
    marker = "hazard.dam_break.study"
    assert marker in pages[0].replace("\n", "") and marker in pages[1].replace("\n", "")
    assert not any(marker in p for p in text_of(reports["mine", lang] / "report.pdf"))


def test_a_result_never_reached_stays_on_the_timeline_said_as_never_reached(
        exercises: dict, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The caption promises the results' rows; "everyone safe" reached in no replication was simply not drawn, so
    nothing showed that it never happened. It is now a row of its own, saying so, in English and in Chinese."""
    ex, card = exercises["dam"]
    per = {**card.per_replication, "t_all_safe_s": np.full(ex.replications, np.inf)}
    never = {"dam": (ex, replace(card, per_replication=per))}
    n = ex.replications
    for lang, label, said in (("en", "everyone safe", f"never reached in the drill ({n} of {n} replications)"),
                              ("zh", "全部人员到达安全地点", f"演练期间始终未达到（{n} 次重复中 {n} 次）")):
        fig, _ = drawn(never, "dam", "timeline", monkeypatch, tmp_path, lang=lang)
        ax = fig.axes[0]
        ticks = [tick.get_text() for tick in ax.get_yticklabels()]
        [row] = [k for k, tick in enumerate(ticks) if tick.replace("\n", " ").endswith(label)]
        notes = {round(txt.get_position()[1], 6): txt.get_text() for txt in ax.texts
                 if txt.get_gid() == "never-reached"}
        assert notes[round(float(ax.get_yticks()[row]), 6)] == said
        assert row >= len(ticks) - len(notes), ticks  # at the foot: no time to order it by


def test_the_typical_replication_table_lists_a_result_it_never_reached(exercises: dict,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from drills.experiment import report

    ex, card = exercises["dam"]
    per = {**card.per_replication, "t_all_safe_s": np.full(ex.replications, np.inf)}
    tables = []
    monkeypatch.setattr(report.Document, "table", lambda self, columns, rows, **kw: tables.append(rows))
    report.timeline(report.Document(), ex, replace(card, per_replication=per), i18n.Text("en"), {})
    [rows] = tables
    assert rows[-1] == ["–", "never", "result", "everyone safe"]


def test_an_absent_post_is_tagged_as_an_absence_not_a_decision(exercises: dict, monkeypatch: pytest.MonkeyPatch,
                                                               tmp_path: Path) -> None:
    from dataclasses import replace as copy

    from drills.model.records import Event

    ex, card = exercises["dam"]
    post = ex.spec.roles[next(iter(ex.spec.roles))].title
    results = [copy(r, timeline=(*r.timeline, Event(600.0, "absence", f"{post} absent"))) for r in ex.results]
    absent = {"dam": (copy(ex, results=tuple(results)), card)}
    for lang, tag in (("en", "[absence]"), ("zh", "[缺岗]")):
        fig, _ = drawn(absent, "dam", "timeline", monkeypatch, tmp_path, lang=lang)
        ticks = [tick.get_text().replace("\n", " ") for tick in fig.axes[0].get_yticklabels()]
        rows = [tick for tick in ticks if "absent" in tick or "不在岗" in tick]
        assert rows and all(row.startswith(tag) for row in rows), rows


#: Words of a mine that a report of a drill with no mine must not use in what it says of the drill (its summary,
#: scorecard, table by place and figure captions, up to the findings), by language; "level" alone is left out, as
#: a warning level is one too.
MINE_WORDS = {
    "en": re.compile(r"\b(level or place|levels or places|by level|levels? -?\d+|underground|crews?|crew mate|"
                     r"shifts?|cages?|refuges?|hoists?|miners?|mine|shafts?|surface)\b", re.IGNORECASE),
    "zh": re.compile("井下|分水平|水平或地点|开采水平|班组|下一班|罐笼|提升机|避险硐室|下井|矿井|地面、|地面或"),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_dam_report_speaks_of_places_and_no_mine(reports: dict, lang: str) -> None:
    """A drill with residents below a dam and nobody underground is told in a valley's words: its table is by
    place, its captions name the downstream order only, and nothing up to the findings speaks of levels,
    crews, shifts, cages or the underground (the findings may quote the plan's actions_by_level)."""
    t = i18n.Text(lang)
    text = "\n".join(text_of(reports["dam", lang] / "report.pdf"))
    told = text[:text.index("\n" + t("findings") + "\n")]
    words = sorted({m.group(0) for m in MINE_WORDS[lang].finditer(told)})
    assert not words, f"the {lang} dam report speaks of a mine: {words}"
    assert t("zones_valley") in told and t("zones_order_valley")[:12] in told
    mine = "\n".join(text_of(reports["mine", lang] / "report.pdf"))
    assert t("zones_mine") in mine and t("zones_valley") not in mine


def test_the_places_of_a_dam_drill_are_listed_by_when_the_water_first_reached_them(exercises: dict) -> None:
    """The near field first: the table by place (terminal, report and scorecard.json alike, all from the card's
    zones) runs in the order of the median time the water first reached each place, not of the places' names."""
    ex, card = exercises["dam"]
    nodes = {n.id: n.index for n in ex.spec.network.nodes}
    water = np.array([r.node_water_s for r in ex.results], dtype=float)
    water = np.where(np.isnan(water) | (water >= ex.spec.duration_s), np.inf, water)
    first = {z.zone: float(np.quantile(water[:, nodes[z.zone]], 0.5, method="inverted_cdf")) for z in card.zones}
    names = [z.zone for z in card.zones]
    assert names == sorted(names, key=lambda z: (first[z], z))
    assert names != sorted(names)  # the bundled valley's names do not run down it: the check can tell the two apart
    assert [z["zone"] for z in scorecard_json(ex, card)["zones"]] == names


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_terminal_table_of_a_dam_drill_is_by_place_and_says_its_order(exercises: dict, lang: str,
                                                                          capsys: pytest.CaptureFixture) -> None:
    """What drill run prints for a dam drill: the table by place, its first column "place", its rows in the
    card's order and a note that says so; no level of a mine anywhere."""
    from drills.cli import print_scorecard

    t = i18n.Text(lang)
    _, card = exercises["dam"]
    print_scorecard(card, t)
    out = capsys.readouterr().out
    assert t("cli_zones_valley") in out and t("cli_zones_both") not in out
    assert t("col_zone_valley") in out and t("col_zone_both") not in out
    assert t("zones_order_valley")[:12] in out
    assert not MINE_WORDS[lang].search(out), MINE_WORDS[lang].findall(out)
    rows = [line.split()[1] for line in out.splitlines() if line.startswith("│ ") and line.split()[1] in
            {z.zone for z in card.zones}]
    assert rows == [z.zone for z in card.zones]


def _table_with_changes(room: float, changes: int = 30, evidence: int = 1, split_rows: bool = True) -> Document:
    """A page leaving ``room`` inches, then a table row whose evidence takes ``evidence`` lines, with ``changes``
    lines of its own under its cells, as the findings give them."""
    under = "What to change\n" + "\n".join(f"change {i}" for i in range(changes))
    doc = Document()
    _fill_to(doc, room)
    doc.table([("class", 1.0, "left"), ("finding", 2.0, "left"), ("evidence", 3.0, "left")],
              [["a row", "its finding", " ".join(f"e{i:03d}" + " word" * 12 for i in range(evidence))]],
              under=[under], split_rows=split_rows)
    return doc


def _texts(page) -> list[str]:
    return [t.get_text() for t in page.texts]


def test_a_rows_own_lines_go_on_over_the_page_rather_than_leave_its_foot_empty() -> None:
    """A finding with a long list of changes under it used to go whole to the next page and leave the foot of this
    one empty: its cells and first changes stay, the rest go on over the page, each line once."""
    doc = _table_with_changes(2.0)
    assert len(doc.pages) == 2
    first, second = (_texts(page) for page in doc.pages)
    assert "a row" in first and "What to change" in first and "a row" not in second
    said = [x for x in first + second if x.startswith("change ")]
    assert said == [f"change {i}" for i in range(30)]  # in order, none lost, none twice
    assert "change 0" in first and "change 29" in second
    assert doc.closed[0] < 0.3  # the page is used to its foot


def test_a_row_is_not_parted_within_or_just_after_the_head_of_its_changes() -> None:
    """The head of a finding's changes wraps to two lines in a narrow table; it stays with its first change."""
    head = "What to change — proposed, not yet proven, tested each by re-simulation " * 2
    for room in (1.0 + 0.01 * k for k in range(30)):
        doc = Document()
        _fill_to(doc, room)
        doc.table([("class", 1.0, "left"), ("finding", 2.0, "left")], [["a row", "its finding"]],
                  under=[head + "\n" + "\n".join(f"change {i}" for i in range(30))], split_rows=True)
        pages = {k for k, page in enumerate(doc.pages) for t in page.texts
                 if t.get_text() == "change 0" or (t.get_fontweight() in ("bold", 700)
                                                   and t.get_text() not in ("class", "finding", "filler line"))}
        assert len(pages) == 1, room  # the head's lines and the first change on one page


def test_a_long_evidence_is_parted_between_its_lines_each_line_once() -> None:
    doc = _table_with_changes(2.0, changes=2, evidence=40)
    assert len(doc.pages) == 2 and doc.closed[0] < 0.3
    first, second = (_texts(page) for page in doc.pages)
    said = [x for x in first + second if re.match(r"(e\d{3}|word)\b", x)]
    assert " ".join(said).split() == " ".join(f"e{i:03d}" + " word" * 12 for i in range(40)).split()  # each once
    assert sum(x in said for x in first) >= ROW_KEPT and "change 1" in second and "evidence" in second  # header


@pytest.mark.parametrize("room", [0.25, 0.5])
def test_a_row_whose_first_lines_do_not_fit_goes_whole_to_the_next_page(room: float) -> None:
    """Never a cell's line alone, nor the cells with only the head of their changes, at the foot of a page."""
    doc = _table_with_changes(room)
    assert not any(t in ("a row", "What to change") for t in _texts(doc.pages[0]))
    assert {"a row", "What to change", "change 0"} <= set(_texts(doc.pages[1]))


def test_a_table_whose_rows_may_not_be_parted_moves_the_row_whole() -> None:
    doc = _table_with_changes(2.0, split_rows=False)
    assert not any(t.startswith("change") or t == "a row" for t in _texts(doc.pages[0]))
    assert len([t for t in _texts(doc.pages[1]) if t.startswith("change ")]) == 30


def _squeezed(text: str) -> str:
    """Text with its white space left out: the PDF's lines break where the page does."""
    return "".join(text.split())


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_the_report_names_the_parts_of_the_model_not_the_code_s_modules(reports: dict, name: str, lang: str) -> None:
    """The assumptions headed each model's defaults 'Model defaults (drills.model.movement)' and quoted texts that
    named modules ('as in drills.model.movement.WET_DEPTH_M', 'defined once, in drills.experiment.readings'). A
    regulator now reads the part of the model ('Walking and crowding: model defaults'), in both languages."""
    t = i18n.Text(lang)
    text = "\n".join(text_of(reports[name, lang] / "report.pdf"))
    assert not re.search(r"drills\s*\.\s*(model|experiment|inputs|commands)", text)
    assert "Model defaults (" not in text and "模型默认值（" not in text
    topics = ("topic_movement", "topic_hoist", "topic_warning") if name == "mine" else (
        "topic_dam_break", "topic_lethality", "topic_residents")
    for key in (*topics, "topic_decision"):
        assert _squeezed(t("model_defaults", topic=t(key))) in _squeezed(text), key


def test_a_change_several_places_share_is_written_out_once_on_the_summary(tmp_path: Path) -> None:
    """Below the dam the order comes after the water at several places, and one change answers them all: the
    summary's three most serious findings wrote that long change out under each. It is written once; the findings
    after it that share it say "the same as for finding 1"."""
    from drills.experiment.graded import finding_line, graded
    from drills.inputs.compile import load

    spec = load_drill(SCENARIOS["dam"], replications=3, seed=3)
    ex = run_exercise(spec)
    card, _ = graded(scorecard(ex), load(SCENARIOS["dam"]), spec, ex)
    top = card.findings[:3]
    first = top[0].proposed.first("en")
    assert all(f.proposed.first("en") == first for f in top)  # the case: one change for the three
    write_outputs(ex, card, tmp_path, lang="en")
    text = _squeezed("\n".join(text_of(tmp_path / "report.pdf")))
    t = i18n.Text("en")
    start = text.index(_squeezed(t("worst_findings")))
    summary = text[start: text.index(_squeezed(t("scorecard")), start)]
    assert summary.count(_squeezed(first)) == 1
    assert summary.count(_squeezed(t("prop_same_as", k=1))) == 2
    # numbered as the findings section numbers them, so the reader finds each one there
    for k, f in enumerate(top, 1):
        assert f"{k}.{_squeezed(finding_line(f, t))}" in summary
        assert f"{k}.{_squeezed(f.words('en')[0])}" in text[text.index(_squeezed(t("findings_requirements"))):]


def test_the_summary_says_what_to_change_for_its_findings_and_defines_safe_from_the_water(tmp_path: Path) -> None:
    """The summary page's three most serious findings, and the terminal's first ones, did not say what to change,
    while the findings section did. Each now carries the first proposed change (or what to decide), marked as not yet
    proven; the summary and the scorecard give the one definition of 'safe from the water'."""
    import io

    from rich.console import Console

    from drills import cli
    from drills.experiment.graded import graded
    from drills.inputs.compile import load

    spec = load_drill(SCENARIOS["mine"], replications=3, seed=3)
    ex = run_exercise(spec)
    card, ev = graded(scorecard(ex), load(SCENARIOS["mine"]), spec, ex)
    top = card.findings[:3]
    assert top and all(f.proposed is not None for f in top)
    for lang in ("en", "zh"):
        t = i18n.Text(lang)
        write_outputs(ex, card, tmp_path / lang, lang=lang)
        text = _squeezed("\n".join(text_of(tmp_path / lang / "report.pdf")))
        start = text.index(_squeezed(t("worst_findings")))
        summary = text[start: text.index(_squeezed(t("scorecard")), start)]
        for f, change in zip(top, Proposed.firsts([f.proposed for f in top], lang), strict=True):
            # a change is marked as not yet proven; a decision left to the planner proposes no edit to prove (a line
            # that would repeat an earlier one says "the same as for finding k")
            if change in [t(key, k=k) for key in ("prop_same_as", "summary_decide_same_as") for k in (1, 2)]:
                pass
            elif f.proposed.changes:
                assert ("not yet proven" if lang == "en" else "尚未验证") in change
            else:
                assert ("[no plan edit proposed]" if lang == "en" else "〔未提出预案修改〕") in change
            assert _squeezed(change) in summary
        scorecard_part = text[text.index(_squeezed(t("scorecard")), start):]
        definition = _squeezed(t.words("safe_def", card.site))
        assert definition in text[:start] and definition in scorecard_part
        buf = io.StringIO()
        real = cli.out_console
        cli.out_console = Console(file=buf, width=2000, color_system=None)  # wide: no line is wrapped
        try:
            cli.print_findings(card, ev, assessed_faults=False, t=t)
        finally:
            cli.out_console = real
        lines = buf.getvalue().splitlines()
        shown = [k for k, line in enumerate(lines) if re.match(r"  \d+\. \[", line)]
        firsts = Proposed.firsts([f.proposed for f in card.findings[:len(shown)]], lang)
        assert shown and all(lines[k + 1].strip() == firsts[i] for i, k in enumerate(shown))
        # numbered as the report numbers them: the same finding under the same number
        assert all(lines[k].startswith(f"  {i}. [") and lines[k].endswith(card.findings[i - 1].words(lang)[0])
                   for i, k in enumerate(shown, 1))


@pytest.mark.parametrize("changes", [1, 2, 3, 4])
def test_the_head_of_a_few_changes_is_not_left_at_the_foot_of_a_page(changes: int) -> None:
    """A row with a two-line head over three changes was parted just after the head: the report's page ended on
    "What to change — proposed, …" and its changes began the next page. The head stays with its first change."""
    head = "What to change — proposed, not yet proven, tested each by re-simulation " * 2
    for room in (0.6 + 0.02 * k for k in range(100)):
        doc = Document()
        _fill_to(doc, room)
        doc.table([("class", 1.0, "left"), ("finding", 2.0, "left"), ("evidence", 3.0, "left")],
                  [["a row", "its finding", " ".join(f"e{i:03d}" + " word" * 12 for i in range(6))]],
                  under=[head + "\n" + "\n".join(f"change {i}" for i in range(changes))], split_rows=True)
        heads = {k for k, page in enumerate(doc.pages) for t in page.texts if t.get_text().startswith("What to")}
        first = {k for k, page in enumerate(doc.pages) for t in page.texts if t.get_text() == "change 0"}
        assert heads == first, (room, heads, first)


@pytest.mark.parametrize("word", ["plan.warning.actions_by_level.red[0]", "jinshan_mine_plan.yaml:57", "x" * 34])
def test_a_long_word_stays_out_of_the_next_cell(word: str) -> None:
    """A plan clause's field path a little wider than the finding column was left whole and ran over the evidence
    beside it: a word may use its own cell's padding, never the next cell."""
    from drills.experiment.report import LEFT, PAGE_W, _width_in

    doc = Document()
    doc.table([("finding", 2.0, "left"), ("evidence", 3.0, "left")], [[f"Plan clause: {word}", "the evidence"]])
    drawn = [t for t in doc.pages[0].texts if t.get_text() not in ("finding", "evidence", "the evidence")]
    assert "".join(t.get_text() for t in drawn).replace(" ", "") == f"Planclause:{word}"
    for t in drawn:
        left = t.get_position()[0] * PAGE_W - LEFT
        assert left + _width_in(t.get_text(), 8.0) <= 2.0 + 0.025 + 1e-6, t.get_text()  # short of the next text


def test_a_latin_bracket_around_chinese_stays_with_the_chinese_it_opens_or_closes() -> None:
    """The Chinese report broke "plan.roles[0]（Pond duty officer (尾矿库值班员) 的替补）" after "(": a line ended on
    the bracket and the role's written name was cut in two. No line may end in "(" or begin with ")"."""
    text = ("qingshui_dam_plan.yaml:12 plan.roles[0]（Pond duty officer (尾矿库值班员) 的替补）；"
            "为 Pond duty officer (尾矿库值班员) 增加替补")
    for k in range(60):
        lines = wrap(text, 8.0, 0.8 + 0.05 * k)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        assert not any(ln.rstrip().endswith("(") or ln.lstrip().startswith(")") for ln in lines), lines


def test_a_90_percent_time_later_than_everyone_s_is_explained() -> None:
    """At a mine where everyone was warned in only 21 of 30 replications, the scorecard read '90 % warned 0:49:40*'
    above 'everyone warned 0:48:17*', which reads as an error: each mean leaves out other replications. A note under
    the table says so, with the counts; it says nothing when the order is the natural one."""
    from drills.experiment.scorecard import Summary

    def summary(key: str, mean: float, not_reached: int) -> Summary:
        return Summary(key, key, "s", mean, mean - 60, mean + 60, mean - 300, mean, mean + 300, not_reached, 30)

    t = i18n.Text("en")
    odd = [summary("t90_warned_s", 2980.0, 2), summary("t100_warned_s", 2897.0, 9)]
    assert t.warned_order_note(odd) == ("90 % warned by the order reads later than everyone warned: each is the mean "
                                        "of the replications in which it was reached (28 and 21 of 30), and those in "
                                        "which everyone was warned were the quicker ones.")
    assert "30 次中的 28 次和 21 次" in i18n.Text("zh").warned_order_note(odd)
    assert t.warned_order_note([summary("t90_warned_s", 600.0, 2), summary("t100_warned_s", 700.0, 9)]) == ""
    assert t.warned_order_note([summary("t90_warned_s", 2980.0, 2), summary("t100_warned_s", 2897.0, 16)]) == ""


def test_the_quoted_model_defaults_speak_of_no_example_mine_as_the_reader_s() -> None:
    """The report of any mine quotes the model modules' defaults: "half a wind at the bundled mine's depth" (本例
    矿井) read, in the report of another mine, as if it were about that mine. They name the depth instead."""
    from drills.experiment.report import SOURCES
    from drills.experiment.sources_zh import SOURCES_ZH

    for module, _ in SOURCES:
        en = importlib.import_module(module).__doc__ or ""
        zh = SOURCES_ZH.get(module, "")
        assert "bundled" not in en.lower() and "example mine" not in en.lower(), module
        assert "本例" not in zh and "示例矿" not in zh, module
    assert "half a wind\n  in a shaft 360 m deep" in (importlib.import_module("drills.model.hoist").__doc__ or "")
    # the dam's runout relations are told on a pond named as an example, not as the reader's pond
    dam = " ".join((importlib.import_module("drills.model.dam_break").__doc__ or "").split())
    assert "for example, 115 km for a pond with a 40 m dam holding 3 Mm³" in dam and "12 km for that example" in dam
    assert "例如坝高40m、库容3Mm³的尾矿库为115km" in "".join(SOURCES_ZH["drills.model.dam_break"].split())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_score_under_the_grade_table_is_the_one_the_terminal_and_markdown_give(lang, monkeypatch) -> None:
    """The report rounded the overall score to a whole number ("Score 44 of 100" where drill recommend's terminal
    and recommendations.md said S = 44.5), and rounded half to even: a score of 89.5, graded 良好 below the 90 of
    优秀, read "Score 90 of 100 → 良好"."""
    from types import SimpleNamespace

    from drills.experiment import report

    said: list[str] = []
    doc = SimpleNamespace(heading=lambda *a, **k: None, table=lambda *a, **k: None, width=7.0,
                          text=lambda text, *a, **k: said.append(text))
    basis = SimpleNamespace(bands=(("优秀", "excellent", 90.0), ("良好", "good", 80.0)),
                            most_must_correct_for_excellent=2, score=89.5, capped=False, deficiencies=0,
                            must_correct=1, improvements=2)
    card = SimpleNamespace(grading=basis)
    monkeypatch.setattr(report, "grade_rows", lambda *a: [])
    monkeypatch.setattr(report, "grade_of", lambda *a: "良好")
    report.grade_basis(doc, SimpleNamespace(replications=60, spec=SimpleNamespace(duration_s=3600)), card,
                       i18n.Text(lang))
    score = said[-1]  # the line under the table
    assert "89.5" in score and " 90 " not in score and "90/100" not in score, score


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_shares_read_with_a_space_before_the_per_cent_sign_everywhere(lang: str) -> None:
    """The report writes "95 %"; a finding's causes read "order after the water or never 100%", the assumptions
    "present 95%" and the cage's note "busy 50%"."""
    import re
    from types import SimpleNamespace

    from drills.experiment.finding_text import Say
    from drills.experiment.i18n import Text
    from drills.experiment.report import parameter_rows
    from drills.experiment.revision_report import _bands

    assert Say(lang)("m2_cause_share", cause="x", share=1.0, times="t").startswith("x 100 %")
    assert "50 %" in Text(lang)("md_cage_note", wait="0:01:00", busy=0.5)
    assert _bands((0.95, 0.9, 0.8), "≥", Text(lang), minutes=False).startswith("A ≥ 95 %")
    spec = load_drill(bundled_root() / "scenarios" / "dam_break_night.yaml", replications=1)
    rows = parameter_rows(SimpleNamespace(spec=spec, replications=1, seed=1), Text(lang))[0]
    text = " ".join(b for _, b in rows)
    assert not re.search(r"\d%", text), re.search(r".{30}\d%", text)
    assert re.search(r"\d %", text)


@pytest.mark.parametrize(("lang", "why"), [("en", "an upper floor sheltered no one"), ("zh", "楼上也无法避险")])
def test_a_weak_place_where_people_die_upstairs_says_why_the_upper_floor_did_not_save_them(exercises, lang, why):
    """ht_b below the dam: all its people saw the water first and went upstairs, and ~100 of 160 die: the flow there
    is, in most replications, fast and deep enough to bring a house down (Jonkman's breach zone), where the lethality
    rule gives everyone upstairs the chance-zone rate or more. The summary gave the deaths and not that."""
    from drills.experiment.i18n import Text
    from drills.experiment.report import weak_place_line
    from drills.model.lethality import CHANCE_RATE

    ex, card = exercises["dam"]
    start = {p.person: p.start for p in ex.results[0].people}
    lost = upstairs = 0.0
    for res in ex.results:
        rates = [p.fatality_p for p in res.people if start[p.person] == "ht_b" and p.situation == "upper_floor"]
        upstairs += sum(rates)
        lost += any(r >= CHANCE_RATE for r in rates)
    z = next(z for z in card.zones if z.zone == "ht_b")
    assert z.upstairs_fatalities == pytest.approx(upstairs / ex.replications) and z.upstairs_lost_in == lost > 0
    assert z.upstairs_fatalities <= z.expected_fatalities.mean + 1e-9
    t = Text(lang)
    line = weak_place_line(z, t, ex.replications)
    assert t("upstairs_lost_part", k=int(lost), n=ex.replications) in line and why in line
