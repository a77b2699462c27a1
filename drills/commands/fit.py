"""``drill fit``: a log-normal from the times recorded at the planner's own drills, written as the site or plan
takes it, to replace a behaviour default (:mod:`drills.model.behaviour`) with the mine's or village's own."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import numpy as np
import typer

from drills.commands import PRINT_LANG_HELP
from drills.commands.consoles import out_console
from drills.commands.language import language
from drills.commands.problems import fail_input, words
from drills.inputs.drill_records import load_records
from drills.inputs.problems import InputError
from drills.model.variability import fit_lognormal

#: fewer records than this get the caution that the fitted tail rests on the shape more than on them ([P]: at 20
#: records the 95th percentile is the single largest one)
FEW_RECORDS = 20
#: the units a records column may hold besides seconds, as the command names them
UNIT_WORDS = {"en": {"min": "minutes", "h": "hours"}, "zh": {"min": "分钟", "h": "小时"}}


def seconds(t: float) -> float:
    """A time as written into a file: whole seconds from 10 s up, tenths below, and two significant figures under
    0.1 s, which tenths would write as 0 (a log-normal's median and percentile must be more than 0)."""
    return round(t) if t >= 10 else round(t, 1) if t >= 0.1 else float(f"{t:.2g}")


def fit(
    records: Annotated[Path, typer.Argument(help=(
        "CSV file with a header line and one recorded time per row, in seconds, or in minutes or hours for a "
        "column named ..._min or ..._h (e.g. each miner's time from the order to setting off, at last year's "
        "drill)"))],
    column: Annotated[str | None, typer.Option("--column", "-c", help=(
        "the column of times to fit; default: the file's only column, or its only column named with a time unit "
        "(..._s, ..._min, ..._h)"))] = None,
    lang: Annotated[str, typer.Option("--lang", help=PRINT_LANG_HELP)] = "en",
) -> None:
    """Fit a log-normal to times recorded at your own drills (a response, relay or decision delay) and print it as
    the site or plan takes it, to replace a default."""
    language(lang)
    try:
        rec = load_records(records, column)
    except InputError as exc:
        fail_input(exc.problems, lang)
    times = np.asarray(rec.times_s)
    fitted = fit_lognormal(times)
    n = len(times)
    above = int((times > fitted.p95 * (1 + 1e-9)).sum())  # records equal to it, as all are when all are equal
    say = [
        words("fit_head", lang, n=n, file=rec.file, column=rec.column),
        words("fit_recorded", lang, median=f"{seconds(float(np.median(times))):g} s",
              p95=f"{seconds(float(np.percentile(times, 95))):g} s"),
        words("fit_lognormal", lang, median=f"{seconds(fitted.median):g} s", p95=f"{seconds(fitted.p95):g} s",
              above=above, n=n, share=f"{100 * above / n:.0f} %"),
        words("fit_paste", lang, snippet=f"{{dist: lognormal, median: {seconds(fitted.median):g}, "
                                         f"p95: {seconds(fitted.p95):g}}}"),
    ]
    if rec.unit != "s":
        say.insert(1, words("fit_unit", lang, unit=UNIT_WORDS[lang][rec.unit]))
    if n < FEW_RECORDS:
        say.append(words("fit_few", lang, n=n))
    for line in say:
        out_console.print(line, markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add ``fit`` to the ``drill`` command."""
    app.command("fit")(fit)
