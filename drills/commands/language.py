"""``--lang``: the language of a command's report, figures and what it prints."""

from __future__ import annotations

import typer

from drills.commands import EXIT_INPUT
from drills.commands.consoles import err_console
from drills.experiment.i18n import LANGS, Text


def language(lang: str) -> Text:
    """The words of ``--lang``; an unknown language is one message and exit code 2, before anything runs."""
    if lang not in LANGS:
        err_console.print(f"--lang: unknown language {lang!r}; use {' or '.join(LANGS)}", markup=False)
        raise typer.Exit(EXIT_INPUT)
    return Text(lang)
