"""Write an exercise's outputs — scorecard.json, outcomes.csv, figures/*.png, report.pdf — atomically.

Everything is first written into a temporary folder beside the destination, then each file is moved
into place with :func:`os.replace`, so a crash or a bad input never leaves a half-written report; the files
an earlier output left in the folder are then removed (see :mod:`drills.experiment.staging`).
"""

from __future__ import annotations

import csv
import dataclasses
import json
import math
from pathlib import Path

from drills import __version__
from drills.experiment.exercise import ExerciseResult
from drills.experiment.findings import requirement_tags
from drills.experiment.scorecard import Scorecard
from drills.experiment.staging import write_staged
from drills.model.records import PersonRecord
from drills.model.spec import Meta


def _finite(x: float) -> float | None:
    return x if isinstance(x, float | int) and math.isfinite(x) else None


def provenance(ex: ExerciseResult) -> dict:
    """What every output says about where it came from (no wall-clock time: same seed, same bytes)."""
    m = ex.spec.meta
    return {
        "tool": f"drill {__version__}",
        "seed": ex.seed,
        "replications": ex.replications,
        **({"until_settled": {"asked": ex.settling.asked, "ceiling": ex.settling.ceiling,
                              "looks": list(ex.settling.steps), "stopped": ex.settling.why,
                              "unsettled": ex.settling.unsettled}} if ex.settling is not None else {}),
        "site": {"id": m.site_id, "name": m.site_name},
        "plan": {"id": m.plan_id, "version": m.plan_version, "unit": m.plan_unit},
        "scenario": {"id": m.scenario_id, "title": m.scenario_title, "start_time": m.start_time},
        "files": {k: Path(v).name for k, v in m.files.items()},
        "people": len(ex.spec.people),
        "duration_s": ex.spec.duration_s,
        "input_warnings": input_warnings_json(m),
    }


def input_warnings_json(meta: Meta) -> list[dict]:
    """The plausibility warnings of the input files (file by name, as in ``files``): values that passed
    validation but look like data-entry slips; the drill ran them as written."""
    return [{"file": Path(f).name, "line": line, "field": fld, "message": msg}
            for f, line, fld, msg in meta.input_warnings]


def settle_span_json(card: Scorecard) -> dict | None:
    """The replications that would settle the grade's unsettled checks if their shares were anywhere in their likely
    ranges (``Scorecard.settle_span``); "most": null when a range reaches the tail."""
    span = getattr(card, "settle_span", None)
    return None if span is None else {"fewest": span[0], "most": span[1]}


def scorecard_json(ex: ExerciseResult, card: Scorecard) -> dict:
    zones = [
        {"zone": z.zone, "people": z.people, "kept_out": z.kept_out,
         "share_not_first_warned_by_order": (z.share_not_first_warned_by_order
                                             if math.isfinite(z.share_not_first_warned_by_order) else None),
         **{s.key: s.to_json() for s in (z.share_warned_before_water, z.t100_warned_s, z.share_safe_before_water,
                                          z.margin_min_s, z.expected_fatalities)}}
        for z in card.zones
    ]
    by = dict(card.first_warned_by)
    never = by.pop("", 0.0)  # nothing warned them, not even the water (by place: share_not_first_warned_by_order)
    tags = requirement_tags(card.findings)  # the report's tags, each finding's clause still whole beside them
    return {
        **provenance(ex),
        "grade": card.grade,
        # true where the water reached no one in any replication: the grade has not tried the evacuation ahead of it
        "water_reached_no_one": card.water_reached_no_one,
        "grading": card.grading.to_json() if card.grading is not None else None,
        "findings": [{"class": f.klass, "title": f.title, "evidence": f.evidence, "clause": f.clause,
                      "requirement_tags": [tags[x] for x in f.requirements()],
                      **({"proposed": f.proposed.to_json()} if getattr(f, "proposed", None) is not None else {})}
                     for f in card.findings],
        "single_faults": card.robustness.to_json() if card.robustness is not None else None,
        "confidence": list(card.confidence),
        "settle_with_replications": card.settle_with,
        # the same if the shares were anywhere in their likely ranges; "most": null when a range reaches the tail
        "settle_span_replications": settle_span_json(card),
        "metrics": [m.to_json() for m in card.metrics],
        "zones": zones,
        "first_warned_by": by,
        "expected_fatalities_by_situation": card.fatalities_by_situation,
        "expected_fatalities_by_outcome": card.fatalities_by_outcome,
        "never_warned_share": never,
        # the water running down from an inrush, where it stops people at the peak as written; null if nowhere
        "running_water": dataclasses.asdict(card.running_water) if card.running_water is not None else None,
    }


#: fields written in full: rounded to one decimal, as the times are, a LIFESim safe-zone rate of 0.0002 would
#: read as 0 and a chance-zone rate of 0.9123 as 0.9, and the file's expected fatalities would not be the report's
EXACT_FIELDS = frozenset({"fatality_p"})


def write_outcomes_csv(ex: ExerciseResult, path: Path) -> None:
    """One row per person per replication: the exercise's seed first (so that a row copied out of the file
    still says which run it came from), then every field of :class:`~drills.model.records.PersonRecord`:
    times to 0.1 s, probabilities in full (:data:`EXACT_FIELDS`)."""
    names = list(PersonRecord._fields)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["seed", *names])
        for r in ex.results:
            for p in r.people:
                row: list = [ex.seed]
                for n in names:
                    v = getattr(p, n)
                    if isinstance(v, float):
                        v = ("" if math.isnan(v) else "inf" if math.isinf(v) else repr(v) if n in EXACT_FIELDS
                             else f"{v:.1f}")
                    row.append(v)
                w.writerow(row)


def write_outputs(ex: ExerciseResult, card: Scorecard, out_dir: str | Path, *, lang: str = "en",
                  animate: bool = False) -> dict[str, Path]:
    """Write every output of an exercise into ``out_dir`` (and, with ``animate``, animation.gif of replication
    0), replacing the outputs drill wrote there before; return the paths written."""
    from drills.experiment import figures, report  # matplotlib is imported only when writing

    def fill(tmp: Path) -> None:
        (tmp / "figures").mkdir()
        data = scorecard_json(ex, card)
        (tmp / "scorecard.json").write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        write_outcomes_csv(ex, tmp / "outcomes.csv")
        figs = figures.make_figures(ex, card, tmp / "figures", lang=lang)
        report.write_pdf(ex, card, figs, tmp / "report.pdf", lang=lang)
        if animate:
            from drills.experiment.animation import write_gif

            write_gif(ex, tmp / "animation.gif", lang=lang)

    return write_staged(out_dir, fill)
