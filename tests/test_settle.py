"""Running on until the grade is settled (``drill run --until-settled``): when it goes on, how far, when it stops,
and that what it ends with is exactly the exercise ``-n`` gives with the number it reached."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from drills.cli import app
from drills.experiment import settle
from drills.experiment.exercise import ExerciseResult, run_exercise
from drills.experiment.settle import STEP_GROWTH, run_until_settled, unsettled_needs
from drills.experiment.tail import TailCheck, grouped
from drills.inputs.bundled import bundled_root
from drills.inputs.compile import compile_drill, load

MINE = bundled_root() / "scenarios" / "mine_inrush_day.yaml"


def scripted(monkeypatch: pytest.MonkeyPatch, needs_by_n: dict[int, list[int | None]]) -> list[tuple[int, int]]:
    """Grade by script: at ``n`` replications, the unsettled checks need ``needs_by_n[n]``. Replications are
    numbers. Returns the ranges run, as (first, how many)."""
    ran: list[tuple[int, int]] = []

    def fake_grade(loaded, spec, ex, rob):
        return SimpleNamespace(n=ex.replications)

    def fake_iter(spec, *, replications, seed, workers, first):
        ran.append((first, replications))
        return iter(range(first, first + replications))

    monkeypatch.setattr(settle, "grade", fake_grade)
    monkeypatch.setattr(settle, "iter_replications", fake_iter)
    monkeypatch.setattr(settle, "unsettled_needs", lambda ev: needs_by_n[ev.n])
    return ran


def numbered(n: int) -> ExerciseResult:
    return ExerciseResult(spec=None, seed=3, results=tuple(range(n)))  # type: ignore[arg-type]


def test_a_settled_grade_runs_nothing_more(monkeypatch: pytest.MonkeyPatch) -> None:
    ran = scripted(monkeypatch, {100: []})
    ex = run_until_settled(None, numbered(100), ceiling=1000)  # type: ignore[arg-type]
    assert ran == [] and ex.results == tuple(range(100))
    assert (ex.settling.steps, ex.settling.why, ex.settling.unsettled) == ((100,), "settled", 0)


def test_each_step_goes_to_what_the_checks_need_then_stops_when_settled(monkeypatch: pytest.MonkeyPatch) -> None:
    # two unsettled checks need 400 and 900 at 100 replications; at 900 one is left, needing 2 000; at 2 000
    # all are settled
    ran = scripted(monkeypatch, {100: [400, 900], 900: [2000], 2000: []})
    steps = []
    ex = run_until_settled(None, numbered(100), ceiling=5000,  # type: ignore[arg-type]
                           on_step=lambda n, k, to: steps.append((n, k, to)))
    assert steps == [(100, 2, 900), (900, 1, 2000)]
    assert ran == [(100, 800), (900, 1100)]
    assert ex.results == tuple(range(2000))  # in replication order, none twice, none left out
    assert (ex.settling.asked, ex.settling.steps, ex.settling.why) == (100, (100, 900, 2000), "settled")


def test_a_step_grows_at_least_by_the_step_factor_and_stops_at_the_ceiling(monkeypatch: pytest.MonkeyPatch) -> None:
    # the check would settle at 101 replications if its share stayed: the step still goes to 1.5 x 100; then
    # it needs far more than the ceiling allows
    scripted(monkeypatch, {100: [101], 150: [90000], 400: [90000]})
    ex = run_until_settled(None, numbered(100), ceiling=400)  # type: ignore[arg-type]
    assert STEP_GROWTH == 1.5
    assert ex.settling.steps == (100, 150, 400) and ex.replications == 400
    assert (ex.settling.why, ex.settling.unsettled, ex.settling.ceiling) == ("ceiling", 1, 400)


def test_checks_too_close_to_the_tail_to_tell_do_not_drive_a_step(monkeypatch: pytest.MonkeyPatch) -> None:
    ran = scripted(monkeypatch, {100: [None, None]})
    ex = run_until_settled(None, numbered(100), ceiling=5000)  # type: ignore[arg-type]
    assert ran == [] and (ex.settling.why, ex.settling.unsettled, ex.settling.steps) == ("too_close", 2, (100,))
    # but one that can be told drives the step for all
    ran = scripted(monkeypatch, {100: [None, 700], 700: [None]})
    ex = run_until_settled(None, numbered(100), ceiling=5000)  # type: ignore[arg-type]
    assert ran == [(100, 600)] and (ex.settling.why, ex.settling.steps) == ("too_close", (100, 700))


def test_the_unsettled_checks_are_the_gates_and_the_life_safety_findings_on_the_tail() -> None:
    gate = SimpleNamespace(tail=TailCheck(6, 100))  # 6 % of 100: cannot be told from 5 %
    held = SimpleNamespace(tail=TailCheck(0, 100))  # 0 of 100: within 5 %
    assert not gate.tail.settled and held.tail.settled
    ev = SimpleNamespace(
        grades={"M2": gate, "M3": held, "M1": SimpleNamespace(tail=None)},
        findings=[SimpleNamespace(numbers={"tail": "unsettled", "replications_to_settle": 5000}),
                  SimpleNamespace(numbers={"tail": "beyond", "replications_to_settle": None}),
                  SimpleNamespace(numbers={})])
    assert unsettled_needs(ev) == [gate.tail.replications_to_settle(), 5000]  # type: ignore[arg-type]
    assert gate.tail.replications_to_settle() > 100


def test_running_on_gives_exactly_the_exercise_of_that_many_replications() -> None:
    loaded = load(MINE, None)
    spec = compile_drill(loaded, replications=12, seed=5)
    ex = run_until_settled(loaded, run_exercise(spec), ceiling=30, workers=2)
    st = ex.settling
    assert st.steps[0] == 12 and len(st.steps) > 1  # 12 replications leave the bundled mine's grade unsettled
    assert all(b >= min(STEP_GROWTH * a, 30) for a, b in zip(st.steps, st.steps[1:], strict=False))
    direct = run_exercise(spec, replications=ex.replications)
    # by their repr: records hold NaN for what did not happen, and NaN is not equal to itself
    assert repr(ex.results) == repr(direct.results)
    assert "states" in ex.__dict__  # the grading at each look made them: the outputs do not make them again
    assert repr(ex.states) == repr(direct.states)  # the person states kept from the first looks, as made afresh


def run_cli(*args: str | Path):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_drill_run_until_settled_says_each_step_and_writes_how_the_number_was_reached(tmp_path: Path) -> None:
    res = run_cli("run", "-n", "6", "--seed", "5", "--until-settled", "15", "--out", tmp_path / "out")
    assert res.exit_code == 0, res.output
    assert "not settled after 6 replications (unsettled life-safety checks: " in res.output
    to = [int(x) for x in re.findall(r"running on to (\d+) \(ceiling 15\)", res.output)]
    card = json.loads((tmp_path / "out" / "scorecard.json").read_text(encoding="utf-8"))
    looks = card["until_settled"]["looks"]
    assert looks == [6, *to] and all(9 <= n <= 15 for n in to)  # at least 1.5 x 6 each step, at most the ceiling
    assert card["replications"] == looks[-1] and card["until_settled"]["asked"] == 6
    assert f"the same as -n {looks[-1]})" in res.output
    assert "--until-settled N runs on" not in res.output  # the hint is for runs without the option
    said = report_text(tmp_path / "out" / "report.pdf")
    assert "run the same command again with --until-settled" not in said
    if card["until_settled"]["stopped"] == "ceiling":
        assert "This run went on to its ceiling of 15 replications (--until-settled 15)" in said


def test_without_the_option_a_run_left_unsettled_says_how_to_settle_it(tmp_path: Path) -> None:
    res = run_cli("run", "-n", "6", "--seed", "5", "--out", tmp_path / "out")
    assert res.exit_code == 0, res.output
    assert "not settled: " in res.output
    assert "drill run --until-settled N runs on, up to N replications in all, until these are settled" in res.output
    # and the N to give, from the estimates in the notes: the most their range asks for (the estimate at the shares
    # seen where the range is open), rounded up to two figures, as the notes are
    card = json.loads((tmp_path / "out" / "scorecard.json").read_text(encoding="utf-8"))
    assert "until_settled" not in card and card["replications"] == 6
    span = card["settle_span_replications"]
    n = span["most"] or card["settle_with_replications"]
    assert span["fewest"] <= card["settle_with_replications"] <= n
    assert f"drill run --until-settled {n} (it stops sooner" in res.output
    low, most = grouped(span["fewest"]), grouped(n)
    assert "the estimates above ask for " + (f"about {low} to {most}" if span["most"] else
                                             f"at least about {low} (about {most} at the shares seen") in res.output
    # the report, handed on without the terminal, says it too, with the number to give
    said = report_text(tmp_path / "out" / "report.pdf")
    assert f"run the same command again with --until-settled {n}:" in said


def test_drill_recommend_s_report_says_to_run_it_again_with_more_replications(tmp_path: Path) -> None:
    """drill recommend's report told the planner to settle its unsettled checks by running "the same command again
    with --until-settled N", an option drill recommend does not have: it now says to run drill recommend again with
    -n N (every plan it tries run as many times), or to settle the plan as it is alone with drill run."""
    from drills.experiment.i18n import Text
    from drills.experiment.report import settle_how

    assert run_cli("recommend", "--until-settled", "20", "--out", tmp_path / "no").exit_code == 2  # no such option
    res = run_cli("recommend", "-n", "6", "--seed", "5", "--fault-replications", "0", "--out", tmp_path / "out")
    assert res.exit_code == 0, res.output
    said = report_text(tmp_path / "out" / "report.pdf")
    assert "Not settled by this number of replications" in said
    assert "run the same command again with --until-settled" not in said
    n = re.search(r"To settle them, run drill recommend again with -n (\d+): the estimates above ask for ", said)
    assert n is not None and f"drill run --until-settled {n[1]}, which runs on in steps" in said
    ex, card = SimpleNamespace(settling=None), SimpleNamespace(settle_span=(19, None), settle_with=59)
    zh = settle_how(ex, card, Text("zh"), recommend=True)  # type: ignore[arg-type]
    assert zh.startswith("如需判定，请以 -n 59 重新运行 drill recommend") and "同一命令" not in zh
    assert settle_how(ex, card, Text("en")).startswith("To settle them, run the same command again with "  # type: ignore[arg-type]
                                                       "--until-settled 59:")  # drill run's, as it was


def report_text(pdf: Path) -> str:
    """The report's text, its lines joined by single spaces."""
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(pdf).pages).split())


def test_a_ceiling_not_above_the_first_replications_is_refused_before_anything_runs(tmp_path: Path) -> None:
    res = run_cli("run", "-n", "20", "--until-settled", "20", "--out", tmp_path / "out")
    assert res.exit_code == 2
    assert res.stderr.strip() == ("--until-settled 20 is not more than the 20 replications to run first: give a "
                                  "larger ceiling, or leave it out; nothing was run or written.")
    assert not (tmp_path / "out").exists()
