"""The requirements the findings cite: each stated once in the report's list, each row citing it by its tag beside
its own plan clause, and each requirement's national sources (GB, AQ, the State's documents) before the international
and foreign ones, which are marked as background."""

from __future__ import annotations

import re
from functools import cache

import pytest
from test_chinese_report import english_words

from drills.experiment import finding_text as ft
from drills.experiment.evaluation import Evaluation, grade
from drills.experiment.exercise import run_exercise
from drills.experiment.findings import Finding, class_label, requirement_tags, table_row
from drills.experiment.graded import report_finding
from drills.inputs.bundled import bundled_root
from drills.inputs.compile import compile_drill, load

N = 6
#: the bundled drills: the valley's findings cite GISTM and Res. ANM, the mine's only Chinese standards
SCENARIOS = ["dam_break_night.yaml", "mine_inrush_day.yaml", "flood_season_night.yaml"]
#: a Chinese national standard's code, as the requirements cite it
NATIONAL = re.compile(r"\b(?:GB/T|GB|AQ/T|AQ) \d")
#: an international or foreign source, as the requirements cite it
FOREIGN = re.compile(r"Res\. ANM|GISTM|巴西")


@cache
def evaluated(scenario: str) -> Evaluation:
    loaded = load(bundled_root() / "scenarios" / scenario, None)
    spec = compile_drill(loaded, replications=N)
    return grade(loaded, spec, run_exercise(spec), None)


def findings_of(scenario: str) -> list[Finding]:
    found = list(evaluated(scenario).findings)
    assert found, scenario
    return found


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_list_holds_each_requirement_the_findings_cite_exactly_once(scenario: str, lang: str) -> None:
    found = findings_of(scenario)
    tags = requirement_tags(found, lang)
    cited_texts = [x for f in found for x in f.requirements(lang)]
    assert set(tags) == set(cited_texts)  # every requirement cited is listed, and nothing else
    assert len(set(tags.values())) == len(tags)  # each under a tag of its own
    assert list(tags.values()) == [f"S{k}" for k in range(1, len(tags) + 1)]
    # the list is shorter than the rows: a requirement cited by several findings is stated once
    assert len(tags) < len(cited_texts)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_every_row_cites_by_tag_the_requirements_of_its_finding_and_keeps_its_plan_clause(scenario: str,
                                                                                         lang: str) -> None:
    found = [report_finding(f) for f in findings_of(scenario)]  # as the report lists them
    tags = requirement_tags(found, lang)
    text_of = {tag: text for text, tag in tags.items()}
    for f in found:
        cls, finding, evidence, cites = table_row(f, tags, lang)
        assert cls.split("\n") == class_label(f.cls, lang == "zh").split(" ")  # the Chinese word whole on a line
        assert [text_of[tag] for tag in cites.split(ft.PHRASES[lang]["sep"])] == list(f.requirements(lang)), cites
        title, clause = finding.split("\n")  # the plan clause stays on its row, whole, under the title
        assert (title, evidence) == f.words(lang)[:2]
        assert clause == ft.PHRASES[lang]["plan_clause"].format(clause=f.plan_clause(lang)) and f.plan_clause(lang)
        for text in f.requirements(lang):  # the row does not repeat the requirement it cites
            assert text not in " ".join((cls, finding, evidence, cites))
        assert f.source is not None
        assert f.plan_clause(lang) in f.words(lang)[2]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("key", sorted(ft.STANDARDS["en"]))
def test_national_sources_come_before_the_foreign_ones_marked_as_background(key: str, lang: str) -> None:
    text = ft.requirement(key, lang)
    label = ft.PHRASES[lang]["background"].split("{")[0]
    national, _, foreign = text.partition(label)
    assert not FOREIGN.search(national), text  # nothing foreign before the label
    assert not NATIONAL.search(foreign), text  # nothing national after it
    assert bool(FOREIGN.search(text)) == bool(foreign), text  # every foreign source is marked as background
    for source in ft.STANDARDS[lang][key]:
        assert source in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_finding_of_several_requirements_tells_all_national_sources_before_any_foreign_one(lang: str) -> None:
    text = ft.standard(("M2-valley", "M3", "backup_power"), lang)
    label = ft.PHRASES[lang]["background"].split("{")[0]
    national, _, foreign = text.partition(label)
    assert "AQ 2033-2011 4.2" in national and "AQ/T 2052-2016 5.4.3" in national
    assert "GISTM 13.1" in foreign and "95/2022" in foreign and not FOREIGN.search(national)


def test_the_valley_requirement_puts_the_chinese_standards_before_gistm_and_res_anm() -> None:
    for lang in ("en", "zh"):
        text = ft.requirement("M2-valley", lang)
        assert max(text.index("GB/T 29639-2020"), text.index("2023")) < min(text.index("Res. ANM"),
                                                                             text.index("GISTM"))


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_chinese_requirements_and_rows_have_no_stray_english(scenario: str) -> None:
    found = [report_finding(f) for f in findings_of(scenario)]
    tags = requirement_tags(found, "zh")
    for text in tags:
        assert english_words(text, ()) == [], text
    for f in found:
        facts = f.source.facts if f.source is not None else {}
        refs = f.source.refs if f.source is not None else ()
        row = " ".join(table_row(f, tags, "zh"))
        assert english_words(row, (facts, refs)) == [], row


def test_the_scorecard_keeps_each_finding_whole_with_its_tags(tmp_path) -> None:
    import json

    from drills.experiment.graded import graded
    from drills.experiment.outputs import write_outputs
    from drills.experiment.scorecard import scorecard

    loaded = load(bundled_root() / "scenarios" / "dam_break_night.yaml", None)
    spec = compile_drill(loaded, replications=N)
    ex = run_exercise(spec)
    card, _ = graded(scorecard(ex), loaded, spec, ex)
    write_outputs(ex, card, tmp_path, lang="en")
    written = json.loads((tmp_path / "scorecard.json").read_text(encoding="utf-8"))["findings"]
    tags = requirement_tags(card.findings)
    assert len(written) == len(card.findings)
    for row, f in zip(written, card.findings, strict=True):
        assert row["clause"] == f.clause  # the requirement in full, then the plan clause
        assert all(text in row["clause"] for text in f.requirements())
        assert row["requirement_tags"] == [tags[x] for x in f.requirements()]
