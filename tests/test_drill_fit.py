"""``drill fit``: a log-normal from the times recorded at the planner's own drills, to replace a default."""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest
from pydantic import TypeAdapter
from ruamel.yaml import YAML
from test_cli import invoke

from drills.commands.fit import seconds
from drills.inputs.base import DistSpec, dist_or_number
from drills.inputs.drill_records import MIN_RECORDS, load_records
from drills.inputs.problems import InputError
from drills.model.variability import Z95, LogNormal, fit_lognormal


def test_the_fit_is_the_mean_and_spread_of_the_logs() -> None:
    # logs m - 1, m, m + 1: mean m and standard deviation (n - 1) exactly 1
    m = math.log(120.0)
    fitted = fit_lognormal(np.exp([m - 1, m, m + 1]))
    assert fitted.median == pytest.approx(120.0)
    assert fitted.p95 == pytest.approx(120.0 * math.exp(Z95))


def test_a_large_sample_of_a_known_log_normal_gives_it_back() -> None:
    true = LogNormal(90.0, 600.0)
    fitted = fit_lognormal(true.sample_n(np.random.default_rng(7), 20_000))
    assert fitted.median == pytest.approx(90.0, rel=0.02)
    assert fitted.p95 == pytest.approx(600.0, rel=0.03)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "records.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_fit_prints_the_distribution_as_the_site_takes_it(tmp_path: Path) -> None:
    times = LogNormal(90.0, 600.0).sample_n(np.random.default_rng(3), 40).round()
    path = write(tmp_path, "miner,response_s,level\n" + "".join(f"m{i},{t:g},-360\n" for i, t in enumerate(times)))
    res = invoke("fit", path, "--column", "response_s")
    assert res.exit_code == 0, res.output
    fitted = fit_lognormal(times)
    snippet = re.search(r"\{dist: lognormal.*\}", res.stdout)
    assert snippet is not None, res.stdout
    dist = dist_or_number(TypeAdapter(DistSpec).validate_python(YAML(typ="safe").load(snippet[0])))
    assert dist.median == pytest.approx(fitted.median, abs=0.5)
    assert dist.p95 == pytest.approx(fitted.p95, abs=0.5)
    above = int((times > fitted.p95).sum())
    assert f"above it: {above} of the 40 records" in res.stdout
    assert f"recorded: median {seconds(float(np.median(times))):g} s" in res.stdout
    assert "only 40 records" not in res.stdout


def test_records_all_equal_fit_a_log_normal_of_no_spread_with_none_above_it(tmp_path: Path) -> None:
    """exp(log 60) is a hair under 60: all five records were said to lie above the fitted 95th percentile."""
    res = invoke("fit", write(tmp_path, "t_s\n" + "60\n" * MIN_RECORDS))
    assert res.exit_code == 0, res.output
    assert "{dist: lognormal, median: 60, p95: 60}" in res.stdout
    assert f"above it: 0 of the {MIN_RECORDS} records (0 %)" in res.stdout, res.stdout


def test_times_under_a_tenth_of_a_second_are_not_written_as_0(tmp_path: Path) -> None:
    """Four times of 0.1 ms and one of 1e6 s fit a median of 0.01 s, printed 'median: 0': a distribution the site
    and plan refuse (its median must be more than 0)."""
    res = invoke("fit", write(tmp_path, "t_s\n0.0001\n0.0001\n0.0001\n0.0001\n1e6\n"))
    assert res.exit_code == 0, res.output
    snippet = re.search(r"\{dist: lognormal.*\}", res.stdout)
    assert snippet is not None, res.stdout
    dist = dist_or_number(TypeAdapter(DistSpec).validate_python(YAML(typ="safe").load(snippet[0])))
    fitted = fit_lognormal(np.array([1e-4] * 4 + [1e6]))
    assert dist.median == pytest.approx(fitted.median, rel=0.05) and dist.median > 0
    assert "median 0 s" not in res.stdout
    assert seconds(0.04) == 0.04 and seconds(0.25) == 0.2 and seconds(12.4) == 12


def test_few_records_are_fitted_with_a_caution(tmp_path: Path) -> None:
    res = invoke("fit", write(tmp_path, "t_s\n" + "\n".join(str(60 + 10 * k) for k in range(MIN_RECORDS)) + "\n"))
    assert res.exit_code == 0 and f"only {MIN_RECORDS} records" in res.stdout, res.output


@pytest.mark.parametrize(("text", "column", "located"), [
    ("t_s\n30\n0\nsoon\n-4\n\n45\n", None, [(3, "t_s", "a time of 0 s cannot be fitted"),
                                           (4, "t_s", "not a number: 'soon'"),
                                           (5, "t_s", "must not be negative (got -4)")]),
    ("response_min\n3\n0\n2\n5\n7\n", None, [(3, "response_min", "a time of 0 min cannot be fitted (a log-normal has "
                                              "no zeros): it is a time under 1 min, rounded down; record the times in "
                                              "seconds, in a column named 'response_s'")]),
    ('t_s\n"30\n40\n', None, [(3, "t_s", "a quote (\") is not closed: the cell runs on over 2 lines to here, "
                                        "'30\\n40'; close the quote or remove it")]),
    ("who,t_s,u_min\na,30,1\n", None, [(1, "", "the file has 3 columns (who, t_s, u_min): name the one to fit with "
                                               "--column")]),
    ("who,level\na,30\n", None, [(1, "", "the file has 2 columns (who, level): name the one to fit with --column")]),
    ("who,t_s\na,30\n", "ts", [(1, "", "no column 'ts' (--column); did you mean 't_s'?")]),
    ("t_s\n30\n40\n\n50\n", None, [(1, "t_s", f"only 3 recorded times; a fit needs at least {MIN_RECORDS}")]),
    ("t_s\n30\n", None, [(1, "t_s", f"only 1 recorded time; a fit needs at least {MIN_RECORDS}")]),
    ("who;t_s\na;30\nb;4,5\n", "t_s", [(3, "t_s", "not a number: '4,5'; write decimals with a point: 4.5")]),
    ("\n\n", None, [(None, "", "the file is empty")]),
    # a time longer than any drill (a unit slip); near the largest float, the fit overflowed into a traceback
    ("t_s\n30\n3000000\n", None, [(3, "t_s", "more than drill can take: at most 2592000 s (30 days), as no delay "
                                               "in a drill outlasts the drill; is the column's unit right?")]),
    ("t_h\n1\n1e306\n2\n3\n4\n", None, [(3, "t_h", "more than drill can take: at most 2592000 s (30 days)")]),
    # a decimal comma in a comma-separated file splits the time in two: 1,5 was fitted as 1 s and the 5 dropped
    ("t_s\n150\n1,5\n157\n200\n180\n", None, [(3, "", "2 values but the header has 1 column; a decimal comma "
                                                        "may be the cause: write 1.5 for 1,5")]),
    ("who,t_s,level\na,150,-360\nb,157,5,-360\n", "t_s", [(3, "", "4 values but the header has 3 columns; a "
                                                                   "decimal comma may be the cause: write 157.5 for "
                                                                   "157,5")]),
])
def test_bad_records_are_named_at_their_line(tmp_path: Path, text: str, column: str | None, located) -> None:
    path = write(tmp_path, text)
    with pytest.raises(InputError) as refused:
        load_records(path, column)
    got = [(p.line, p.field, p.message) for p in refused.value.problems]
    assert len(got) == len(located), got
    for (line, field, message), (want_line, want_field, says) in zip(got, located, strict=True):
        assert (line, field) == (want_line, want_field) and message.startswith(says), got
    res = invoke("fit", path, *(["--column", column] if column else []))
    assert res.exit_code == 2 and "Traceback" not in res.output and res.stdout == ""


def test_a_column_of_minutes_is_fitted_in_seconds(tmp_path: Path) -> None:
    minutes = [1.5, 2.0, 1.0, 3.0, 2.5, 1.2]
    path = write(tmp_path, "who,response_min\n" + "".join(f"m{i},{t}\n" for i, t in enumerate(minutes)))
    rec = load_records(path, "response_min")
    assert rec.times_s == tuple(60 * t for t in minutes) and rec.unit == "min"
    res = invoke("fit", path, "--column", "response_min")
    fitted = fit_lognormal(np.array(rec.times_s))
    assert "the column holds minutes: fitted in seconds" in res.stdout, res.output
    assert f"{{dist: lognormal, median: {seconds(fitted.median):g}, p95: {seconds(fitted.p95):g}}}" in res.stdout
    assert load_records(write(tmp_path, "t\n" + "5\n" * MIN_RECORDS), None).times_s == (5.0,) * MIN_RECORDS
    # columns pasted out of a spreadsheet are split by tabs
    rows = "".join(f"m{i}\t{t}\n" for i, t in enumerate(minutes))
    pasted = load_records(write(tmp_path, "who\tresponse_min\n" + rows), "response_min")
    assert pasted.times_s == rec.times_s


def test_a_folder_or_nothing_given_for_the_records_is_told_as_for_any_input_file(tmp_path: Path) -> None:
    """The records are read as the YAML inputs are: a folder is named as one (it was "[Errno 21] Is a
    directory"), a missing file as not found."""
    for path, says in ((tmp_path, "a folder, not a file"), (tmp_path / "nowhere.csv", "file not found")):
        with pytest.raises(InputError) as refused:
            load_records(path)
        assert [(p.line, p.message) for p in refused.value.problems] == [(None, says)]


def test_the_only_column_named_with_a_time_unit_is_fitted_without_column(tmp_path: Path) -> None:
    """A planner's records name who and where beside the time ('crew,response_s'); drill fit refused them without
    --column although only one column holds times by its name. It fits that one and says which."""
    times = [45, 60, 120, 90, 75, 200, 55]
    path = write(tmp_path, "crew,response_s,level\n" + "".join(f"c{i},{t},-360\n" for i, t in enumerate(times)))
    rec = load_records(path)
    assert rec.column == "response_s" and rec.times_s == tuple(float(t) for t in times)
    res = invoke("fit", path)
    assert res.exit_code == 0, res.output
    assert "column 'response_s'" in res.stdout and res.stdout == invoke("fit", path, "--column", "response_s").stdout
