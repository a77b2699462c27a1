"""What to change for each finding, as ``drill run`` reports it: the candidate revisions of the finding's remedies,
in the planner's words, naming the plan clause each changes; proposals not yet proven, or proven where
``drill recommend`` chose them; what the planner must decide where no plan edit follows."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from drills.experiment.exercise import run_exercise
from drills.experiment.findings import DEFICIENCY, IMPROVEMENT, MUST_CORRECT
from drills.experiment.graded import graded
from drills.experiment.i18n import Text
from drills.experiment.outputs import write_outputs
from drills.experiment.proposals import DECIDE, SHOWN, clauses, propose
from drills.experiment.revisions import Context
from drills.experiment.scorecard import scorecard
from drills.inputs.bundled import bundled_root
from drills.inputs.compile import compile_drill, load

N = 4


@cache
def _graded(name: str):
    loaded = load(bundled_root() / "scenarios" / f"{name}.yaml", None)
    spec = compile_drill(loaded, replications=N, seed=7)
    ex = run_exercise(spec)
    card, ev = graded(scorecard(ex), loaded, spec, ex)
    return loaded, ex, card, ev


def _written_at(plan: Path, section: str, ident: str) -> tuple[int, int]:
    """The index of the item ``ident`` in ``plan.<section>`` and the 1-based line its ``- id:`` is written on."""
    items = yaml.safe_load(plan.read_text(encoding="utf-8"))["plan"][section]
    k = next(i for i, x in enumerate(items) if x["id"] == ident)
    line = next(n for n, text in enumerate(plan.read_text(encoding="utf-8").splitlines(), 1)
                if text.strip() == f"- id: {ident}")
    return k, line


def _report_finding(card, key: str):
    return next(f for f in card.findings if f.source is not None and f.source.key == key)


def test_a_post_with_no_backup_gets_a_deputy_named_at_its_own_clause() -> None:
    """The mine plan's mine manager acts (the report to the county) with no backup: the 整改项 proposes a deputy for
    that post, naming the post and the clause where the plan writes it (plan.roles[k], at its line)."""
    loaded, _, card, _ = _graded("mine_inrush_day")
    plan = Path(loaded.plan_doc.path)
    k, line = _written_at(plan, "roles", "mine_manager")
    f = _report_finding(card, "M8:backups")
    assert f.cls == MUST_CORRECT
    (change,) = [c for c in f.proposed.changes if c.candidate.kind == "name_backup"]
    assert change.clauses == (f"{plan.name}:{line} plan.roles[{k}]",)
    assert not change.proved
    words = f.proposed.words("en")
    assert "Name a deputy for mine_manager" in words and f"plan.roles[{k}]" in words
    assert "not yet proven" in words and "drill recommend" in words


def test_a_channel_without_battery_gets_one_at_its_own_clause() -> None:
    loaded, _, card, _ = _graded("dam_break_night")
    plan = Path(loaded.plan_doc.path)
    k, line = _written_at(plan, "channels", "siren-dam")
    f = _report_finding(card, "M8:backup_power")
    (change,) = f.proposed.changes
    assert change.candidate.kind == "add_battery"
    assert change.clauses == (f"{plan.name}:{line} plan.channels[{k}]",)
    assert "Give siren-dam a 12 h battery (now 0 h)" in f.proposed.words("en")


def test_every_deficiency_and_must_correct_finding_says_what_to_change_or_to_decide() -> None:
    for name in ("mine_inrush_day", "dam_break_night"):
        _, _, card, _ = _graded(name)
        for f in card.findings:
            if f.cls not in (DEFICIENCY, MUST_CORRECT):
                continue
            p = f.proposed
            assert p is not None, f.title
            assert p.changes or p.decision(), f.title
            assert len(p.changes) <= SHOWN
            for c in p.changes:
                assert c.clauses and all(" plan." in x for x in c.clauses), c
                assert f.source.key in c.candidate.addresses


def test_a_finding_no_revision_answers_says_what_the_planner_must_decide() -> None:
    _, _, card, _ = _graded("dam_break_night")
    f = _report_finding(card, "M7:not_recorded")
    assert f.cls == IMPROVEMENT and f.proposed.changes == ()
    assert f.proposed.decide == DECIDE["not_recorded"]
    assert f.proposed.words("en").startswith("What the planner must decide")
    assert "drill interval" in f.proposed.words("en")


def test_a_remedy_that_finds_nothing_to_change_names_the_revisions_tried() -> None:
    """The dam plan names backups for the township duty office, so a deputy for it is no change: a finding on it
    whose only remedy is a backup says that the revision that would answer it finds nothing to change."""
    from dataclasses import replace

    loaded, ex, _, ev = _graded("dam_break_night")
    (f,) = [replace(f, remedies=("name_backup",)) for f in ev.findings if f.key == "M5:post:township_duty"]
    p = propose([f], Context.of(loaded, ev.spec, ex.results))[f.key]
    assert p.changes == () and p.decide == ""
    assert "name a backup" in p.decision("en") and "nothing to change" in p.decision("en")


def test_a_post_whose_order_waited_for_a_step_never_done_is_told_to_give_it_at_once() -> None:
    """The township duty office's order to evacuate waits for the pond manager's call, which was never made when the
    manager and every backup were away. The post has a backup, so the finding proposed nothing ("nothing to
    change"). Its order can be given at once by the post that declares red, without the wait: that is proposed now.
    A post's finding proposes handing on only that post's own orders (the pond manager, who gives none, is told
    to name a deputy only)."""
    loaded, ex, _, ev = _graded("dam_break_night")
    ctx = Context.of(loaded, ev.spec, ex.results)
    posts = {f.key: f for f in ev.findings if f.kind == "m5_post"}
    township = posts["M5:post:township_duty"]
    assert township.facts["steps"][0]["why"] == [("waiting", 1)]
    assert "delegate_order" in township.remedies
    p = propose([township], ctx)[township.key]
    assert [c.candidate.key for c in p.changes] == ["delegate_order:red:evacuate_downstream"]
    assert p.first("en").startswith("What to change: Let duty_officer, who declares red, give evacuate_downstream "
                                    "at once (now township_duty after")
    manager = posts["M5:post:pond_manager"]
    assert [c.candidate.kind for c in propose([manager], ctx)[manager.key].changes] == ["name_backup"]


def test_a_change_drill_recommend_chose_is_shown_first_and_proven() -> None:
    loaded, ex, _, ev = _graded("dam_break_night")
    (f,) = [f for f in ev.findings if f.key == "M5:post:pond_manager"]
    ctx = Context.of(loaded, ev.spec, ex.results)
    p = propose([f], ctx, {"name_backup:pond_manager": ("R2", False)})[f.key]
    assert p.changes[0].candidate.key == "name_backup:pond_manager" and p.changes[0].proved == "R2"
    words = p.words("en")
    assert words.startswith("What to change:") and "[proven by re-simulation: R2]" in words
    assert "〔已重新模拟验证：R2〕" in p.words("zh")


def test_clauses_name_the_entry_an_edit_changes_and_each_once() -> None:
    loaded, *_ = _graded("mine_inrush_day")
    plan = Path(loaded.plan_doc.path)
    k, line = _written_at(plan, "roles", "mine_manager")
    edits = [("append", ("plan", "roles"), {"id": "x"}),
             ("append", ("plan", "roles", {"id": "mine_manager"}, "backups"), "x"),
             ("set", ("plan", "roles", {"id": "mine_manager"}, "title"), "y")]
    assert clauses(edits, loaded) == (f"{plan.name}:{line} plan.roles[{k}]",)
    missing = [("set", ("plan", "roles", {"id": "nobody"}, "title"), "y")]
    assert clauses(missing, loaded)[0].endswith(" plan.roles")


def test_the_report_and_the_scorecard_carry_what_to_change(tmp_path: Path) -> None:
    loaded, ex, card, _ = _graded("mine_inrush_day")
    write_outputs(ex, card, tmp_path)
    text = " ".join((page.extract_text() or "") for page in PdfReader(tmp_path / "report.pdf").pages)
    text = " ".join(text.split())
    assert "What to change — proposed, not yet proven" in text
    assert "Name a deputy for mine_manager" in text
    assert "What the planner must decide" in text
    # the class column glosses the standards' word in English, as the summary and the terminal do
    table = "".join(text[text.index("class finding evidence requirement"):].split())
    assert "must-correct(整改项)" in table and "整改项" not in table.replace("must-correct(整改项)", "")
    data = json.loads((tmp_path / "scorecard.json").read_text(encoding="utf-8"))
    backups = next(f for f in data["findings"] if f["title"].startswith("Posts with no backup"))
    (change,) = backups["proposed"]["changes"]
    assert change["kind"] == "name_backup" and change["proven"] is None
    assert change["clauses"][0].endswith("plan.roles[{}]".format(_written_at(Path(loaded.plan_doc.path), "roles",
                                                                             "mine_manager")[0]))


@pytest.mark.parametrize("name", ["mine_inrush_day", "dam_break_night"])
def test_what_to_change_is_told_in_chinese(name: str) -> None:
    from test_chinese_report import english_left

    card = _graded(name)[2]
    scenario = bundled_root() / "scenarios" / f"{name}.yaml"
    for f in card.findings:
        zh = f.proposed.words("zh")
        assert zh.startswith(("整改建议", "需由预案编制人决定")), zh
        assert english_left(zh, scenario) == [], zh
    assert Text("zh")("prop_head") != Text("en")("prop_head")


def test_the_recommend_report_marks_the_revisions_it_chose_as_proven() -> None:
    """In drill recommend's report, a revision it chose is told as proven (or made on paper) by its label in the
    revised plan, and stands first under the findings it answers."""
    from types import SimpleNamespace

    from drills.experiment.recommendation import Applied
    from drills.experiment.revision_report import chosen_proposals
    from drills.experiment.revisions import generate

    loaded, ex, _, ev = _graded("mine_inrush_day")
    cands = generate(list(ev.findings), Context.of(loaded, ev.spec, ex.results))
    backup = next(c for c in cands if c.key == "name_backup:mine_manager")
    deadline = next(c for c in cands if c.static)
    tried = [SimpleNamespace(candidate=c, error="") for c in cands]
    rec = SimpleNamespace(baseline=ev, candidates=tuple(cands), costs={}, trials=tried,
                          applied=(Applied("R1", backup, True), Applied("R2", deadline, False)))
    proposed = chosen_proposals(rec)
    backups = proposed["M8:backups"]
    assert backups.changes[0].proved == "R1" and not backups.changes[0].on_paper
    assert backups.words("en").startswith("What to change:")
    assert "[proven by re-simulation: R1]" in backups.words("en")
    county = proposed["M8:county_deadline:red"]
    assert county.changes[0].on_paper and "[made on paper, as the rules require: R2]" in county.words("en")
    assert "〔按规定书面修订：R2〕" in county.words("zh")
    internal = proposed["M4:internal"]  # its candidates were all re-simulated, none chosen
    assert internal.changes and not any(c.proved for c in internal.changes)
    assert internal.words("en").count("[re-simulated, not chosen: see recommendations.md]") == len(internal.changes)
    # the candidates beyond those shown were re-simulated too: the report drill recommend writes says so, where it
    # read "which “drill recommend” tries too" of the trials it had just made
    more = [p for p in proposed.values() if p.more]
    assert more and all("each re-simulated: see recommendations.md" in p.words("en") or
                        "re-simulated: see recommendations.md" in p.words("en") for p in more)
    assert not any("tries too" in p.words("en") or "一并检验" in p.words("zh") for p in more)


def test_a_decision_left_to_the_planner_is_not_called_unproven() -> None:
    """A line saying what the planner must decide proposes no change, so there is nothing a re-simulation could
    prove: it says no plan edit is proposed, not "not yet proven"."""
    from drills.experiment.i18n import Text

    assert Text("en")("summary_decide", decision="x") == "What to decide: x [no plan edit proposed]"
    assert "尚未验证" not in Text("zh")("summary_decide", decision="x")


def test_a_change_shown_for_an_earlier_finding_is_not_written_out_again() -> None:
    """Several places can share one cause and one change (an order that comes after the water at every place below
    the dam): the summary and the terminal write the change out once and say "the same as for finding k" beneath
    each later finding sharing it, naming the number of the one it is written under (not "the same as above",
    which sent the reader up a chain of findings, and wrote the change out again after any other finding between
    them). A different change, or a decision, is written out."""
    from types import SimpleNamespace

    from drills.experiment.proposals import Change, Proposed

    def change(title: str) -> Proposed:
        cand = SimpleNamespace(words=lambda lang, title=title: title)
        return Proposed(changes=(Change(candidate=cand, clauses=("plan.triggers[0]",)),))  # type: ignore[arg-type]

    auto, siren = change("make the trigger automatic"), change("add a siren")
    decide = Proposed(decide="prop_decide_exits")
    for lang in ("en", "zh"):
        lines = Proposed.firsts(iter([auto, auto, None, siren, decide, decide, auto]), lang)
        t = Text(lang)
        assert lines == [auto.first(lang), t("prop_same_as", k=1), "", siren.first(lang), decide.first(lang),
                         t("summary_decide_same_as", k=5), t("prop_same_as", k=1)]
    assert Text("en")("prop_same_as", k=1) == "What to change: the same as for finding 1"
    assert Text("en")("summary_decide_same_as", k=5) == "What to decide: the same as for finding 5"
    assert Text("zh")("summary_decide_same_as", k=5) == "需由预案编制人决定：同第 5 项"


def test_a_place_no_route_can_help_says_only_setting_out_sooner_does() -> None:
    """People at the -360 faces met the water on their way out, and no way on foot from there stays 5 min ahead of
    the water when they set out: the finding said the route revisions "find nothing to change in the plan as
    written". It now says what drill recommend says of such a place: no new route helps, only setting out sooner."""
    from drills.experiment.revisions import ROUTE_SAFETY_S, safe_way

    loaded, ex, _, ev = _graded("mine_inrush_day")
    ctx = Context.of(loaded, ev.spec, ex.results)
    turned = [f for f in ev.findings if f.kind == "turned_back"]
    assert turned and all(safe_way(ctx, f.targets["places"][0]) is None for f in turned)
    proposed = propose(turned, ctx)
    assert ROUTE_SAFETY_S == 300.0
    for f in turned:
        p = proposed[f.key]
        assert p.changes == () and "nothing to change" not in p.decision("en")
        assert p.decision("en").startswith("how to have its people set out sooner (an earlier order, or a quicker "
                                           "response): no way on foot from there stays 0:05:00 ahead of the water")
        assert "只有更早出发才有用" in p.decision("zh")


def test_a_place_whose_route_already_is_the_safe_way_is_told_to_set_out_sooner() -> None:
    """People at stope360w turned back in a few replications although the plan's ladder route from there already is
    the quickest way that stays 5 min ahead of the water when they typically set out: the finding said the route
    revisions "find nothing to change in the plan as written", which leaves the planner guessing. It now says the
    route is already that way and only setting out sooner helps those who turned back."""
    from drills.experiment.findings import Finding
    from drills.experiment.revisions import current_path, safe_way

    loaded, ex, _, ev = _graded("mine_inrush_day")
    ctx = Context.of(loaded, ev.spec, ex.results)
    kept = [p for r in ctx.plan.evacuation.routes for p in r.from_
            if safe_way(ctx, p) is not None and safe_way(ctx, p) == current_path(ctx, p)]
    assert kept  # the bundled plan's routes from the upper levels already are the safe ways
    for place in kept:
        f = Finding(f"M3:turned_back:{place}", "M3", MUST_CORRECT, "", "", "", "",
                    remedies=("change_route", "ladderway_route"), targets={"places": [place]}, kind="turned_back")
        p = propose([f], ctx)[f.key]
        assert p.changes == ()
        said = p.decision("en")
        assert "nothing to change" not in said and "already is the quickest way on foot that stays 0:05:00" in said
        assert said.startswith("how to have its people set out sooner") and "已是比水提前" in p.decision("zh")


def test_the_findings_table_writes_a_shared_change_once_and_refers_to_it_by_number() -> None:
    """Below the dam and in the mine, one change (an automatic red trigger) answered eight findings, and the report's
    table wrote its four lines out under each of them. The list now numbers its findings and writes a change out
    under the first finding it answers; a later finding with the same changes says "the same as for finding k"."""
    from types import SimpleNamespace

    from drills.experiment.proposals import Change, Proposed

    def change(*titles: str) -> Proposed:
        cands = [SimpleNamespace(words=lambda lang, title=title: title) for title in titles]
        return Proposed(changes=tuple(Change(candidate=c, clauses=("plan.triggers[0]",)) for c in cands))  # type: ignore[arg-type]

    auto, both = change("make the trigger automatic"), change("make the trigger automatic", "add a siren")
    decide = Proposed(decide="prop_decide_exits")
    told = Proposed.told([auto, None, both, auto, decide, both, decide], "en")
    assert told == [auto.words("en"), "", both.words("en"), "What to change: the same as for finding 1",
                    decide.words("en"), "What to change: the same as for finding 3",
                    "What the planner must decide: the same as for finding 5"]
    zh = Proposed.told([auto, auto, decide, decide], "zh")
    assert zh == [auto.words("zh"), "整改建议：同第 1 项", decide.words("zh"), "需由预案编制人决定：同第 3 项"]


def test_the_report_numbers_its_findings_and_each_reference_points_to_the_same_change(tmp_path: Path) -> None:
    import re

    _, ex, card, _ = _graded("mine_inrush_day")
    write_outputs(ex, card, tmp_path)
    text = " ".join((page.extract_text() or "") for page in PdfReader(tmp_path / "report.pdf").pages)
    text = " ".join(text.split())
    refs = [int(k) for k in re.findall(r"What to change: the same as for finding (\d+)", text)]
    assert refs  # the bundled mine's red trigger answers several findings
    table = text[text.index("class finding evidence requirement"):]
    for k in set(refs):
        assert re.search(rf"\b{k}\. ", table)  # the finding referred to is numbered in the table


def test_people_where_the_water_breaks_in_are_told_only_acting_on_its_signs_helps() -> None:
    """face360e is where the inrush breaks in: its people were caught before any order could reach them, and the
    finding said the route, ladderway, refuge, cage and assembly revisions "find nothing to change in the plan as
    written". It now says what would protect them: withdrawal at the inrush's signs (事故征兆紧急撤人)."""
    loaded = load(bundled_root() / "scenarios" / "mine_inrush_day.yaml", None)
    spec = compile_drill(loaded, replications=12, seed=7)
    ex = run_exercise(spec)
    _, ev = graded(scorecard(ex), loaded, spec, ex)
    ctx = Context.of(loaded, spec, ex.results)
    source = [f for f in ev.findings if f.kind == "m3_place" and f.facts["source"]]
    assert [f.facts["place"] for f in source] == ["face360e"]  # the scenario's inrush is at the -360 east heading
    p = propose(source, ctx)[source[0].key]
    assert p.changes == () and "nothing to change" not in p.decision("en")
    assert p.decision("en").startswith("how to have the people where the water breaks in withdrawn before it does")
    assert "事故征兆紧急撤人" in p.decision("en") and "事故征兆紧急撤人" in p.decision("zh")
    others = [f for f in ev.findings if f.kind == "m3_place" and not f.facts["source"]]
    assert others and all(propose([f], ctx)[f.key].decide != "prop_decide_source" for f in others)


def test_the_findings_of_the_people_where_the_water_breaks_in_refer_to_each_other() -> None:
    """At stope360e, where the water running down from the face reaches the people first, the finding of the people
    who turned back says only setting out sooner helps them, and the findings of the people warned late and not safe
    there propose an automatic trigger. Both are true, and neither named the other: read apart, they seem to
    contradict each other. Each now refers the planner to the others by their numbers in the list, in English and
    Chinese; so do the findings of any place one of whose findings leaves the planner to decide, and of no place
    whose findings each propose a change. At face360e, where the inrush breaks in, the one finding says only
    withdrawal at the inrush's signs helps (its people no longer turn back there: the running water catches them
    first) and refers to no other."""
    from drills.experiment.proposals import Proposed

    loaded = load(bundled_root() / "scenarios" / "mine_inrush_day.yaml", None)
    spec = compile_drill(loaded, replications=12, seed=7)
    ex = run_exercise(spec)
    _, ev = graded(scorecard(ex), loaded, spec, ex)
    proposed = propose(ev.findings, Context.of(loaded, spec, ex.results))
    number = {f.key: k for k, f in enumerate(ev.findings, 1)}
    source = next(f for f in ev.findings if f.kind == "m3_place" and f.facts["source"])
    assert source.targets["places"] == ["face360e"]
    assert proposed[source.key].decide == "prop_decide_source" and proposed[source.key].see_also == ()
    en = Proposed.told([proposed.get(f.key) for f in ev.findings], "en")
    zh = Proposed.told([proposed.get(f.key) for f in ev.findings], "zh")
    assert "only acting on its signs" in en[number[source.key] - 1]
    turned = next(f for f in ev.findings if f.kind == "turned_back" and f.targets["places"] == ["stope360e"])
    late = next(f for f in ev.findings if f.kind == "m3_place" and f.targets["places"] == ["stope360e"])
    assert (proposed[turned.key].decide, proposed[late.key].decide) == ("prop_decide_no_way", "")
    assert en[number[late.key] - 1].endswith(f"\nSee also finding {number[turned.key]}, on the people of the same "
                                             "place.")
    assert zh[number[late.key] - 1].endswith(f"\n另见第 {number[turned.key]} 项（同一地点的人员）。")
    assert number[late.key] in proposed[turned.key].see_also
    assert proposed[late.key].see_also == (number[turned.key],)
    assert proposed[late.key].to_json()["see_also_findings"] == [number[turned.key]]
    # recommendations.md gives it as an item of the finding, beside what to decide, not as a thing to decide
    from drills.experiment.findings import requirement_tags
    from drills.experiment.revision_report import _finding_md

    k = number[late.key]
    md = Proposed.told([proposed.get(f.key) for f in ev.findings], "en", here=True, also=False)[k - 1]
    lines = _finding_md(k, late, requirement_tags(ev.findings), Text("en"), md, proposed[late.key].also("en"))
    assert "See also" not in md
    assert lines[-1] == f"   - See also finding {number[turned.key]}, on the people of the same place."
    # every place: its findings refer to each other where one leaves the planner to decide, else to none
    at: dict[str, list] = {}
    for f in ev.findings:
        if f.kind in ("m2_late", "m3_place", "turned_back"):  # a place's findings
            at.setdefault(f.targets["places"][0], []).append(f)
    assert any(all(proposed[f.key].changes for f in found) and len(found) > 1 for found in at.values())  # pump360
    for found in at.values():  # a finding leaving the planner to decide names every other; one proposing a change
        for f in found:         # names those that leave the planner to decide (it does not contradict another change)
            others = tuple(number[g.key] for g in found if g is not f
                           and not (proposed[f.key].changes and proposed[g.key].changes))
            assert proposed[f.key].see_also == others


def test_a_failed_gate_names_the_findings_whose_changes_answer_it() -> None:
    """A failed M2 gate said 'the changes proposed under the places' findings answer it' without saying which of some
    twenty findings those are; now that the findings are numbered it names them: its metric's places' findings, by
    their numbers in the list it was given (the report's and recommendations.md's order)."""
    from drills.experiment.findings import Finding

    loaded, ex, _, ev = _graded("mine_inrush_day")
    ctx = Context.of(loaded, ev.spec, ex.results)

    def finding(key: str, metric: str, kind: str) -> Finding:
        return Finding(key, metric, DEFICIENCY, "", "", "", "", kind=kind, targets={"places": []})

    found = [finding("M2:gate", "M2", "gate_failed"), finding("M3:a", "M3", "m3_place"),
             finding("M2:a", "M2", "m2_late"), finding("M1", "M1", "order_time"), finding("M2:b", "M2", "m2_late"),
             finding("M3:gate", "M3", "gate_failed")]
    proposed = propose(found, ctx)
    gate = proposed["M2:gate"]
    assert gate.answered_by == (3, 5) and proposed["M3:gate"].answered_by == (2,)
    assert gate.words("en") == ("What the planner must decide (no plan edit is proposed):\nthe plan as a whole fails "
                                "this gate; the changes proposed under the places' findings answer it (findings 3, 5)")
    assert gate.decision("zh").endswith("各地点评估发现（第 3、5 项）下的整改建议即针对此项")
    assert gate.first("en").startswith("What to decide: the plan as a whole fails this gate;")  # the summary's line
    assert "(findings 3, 5)" in gate.first("en") and gate.to_json()["decide"].endswith("(findings 3, 5)")
    assert all(p.answered_by == () for k, p in proposed.items() if not k.endswith(":gate"))
