"""``--lang``: the language of a command's report, figures and what it prints."""

from __future__ import annotations

from drills.commands.problems import fail_option
from drills.experiment.i18n import LANGS, Text


def language(lang: str) -> Text:
    """The words of ``--lang``; an unknown language is one message and exit code 2, before anything runs."""
    if lang not in LANGS:
        fail_option(f"--lang: unknown language {lang!r}; use {' or '.join(LANGS)}")
    return Text(lang)
