"""The plausibility warnings of the input files, as one short block before a command's own output.

They are warnings: the command goes on and exits 0. Each is one ``file:line: field: message`` line, as a
validation problem is (see :mod:`drills.inputs.plausibility` for the ranges and their sources), in the
language of ``--lang``.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console

from drills.commands.problems import words
from drills.inputs.problems import Problem

Located = tuple[str, int | None, str, str]


def print_warnings(console: Console, warnings: Iterable[Problem | Located], *, going_on: str, lang: str = "en") -> None:
    """Print the warnings (each once, in the order given), headed by their number and what happens next.

    Args:
        console: where to print (standard error: the command's results stay alone on standard output).
        warnings: problems, or (file, line, field, message) as a drill's provenance keeps them.
        going_on: what the command does regardless, by its key in :data:`drills.commands.problems.WORDS`
            without ``going_on_``: "run" (the drill runs as written), "season", "plans" or "validate".
        lang: the language of the lines, "en" or "zh".
    """
    found = dict.fromkeys(w if isinstance(w, Problem) else Problem(*w) for w in warnings)
    lines = [w.text(lang) for w in found]
    if not lines:
        return
    head = "warning" if len(lines) == 1 else "warnings"
    console.print(words(head, lang, n=len(lines), going_on=words(f"going_on_{going_on}", lang)), markup=False)
    for line in lines:
        console.print(f"  {line}", markup=False, soft_wrap=True)
