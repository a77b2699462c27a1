"""``--lang``: the language of a command's report, figures and what it prints."""

from __future__ import annotations

from drills.commands.problems import fail_option
from drills.experiment.i18n import LANGS, Text


def language(lang: str) -> Text:
    """The words of ``--lang``; an unknown language is one message and exit code 2, before anything runs."""
    if lang not in LANGS:
        fail_option(f"--lang: unknown language {lang!r}; use {' or '.join(LANGS)}")
    return Text(lang)


def asked(argv: list[str]) -> str:
    """The language a command line asks for with ``--lang`` (the last one given, as click takes it), read before
    click parses it, so that click's own usage errors can be told in it; "en" if none."""
    lang = "en"
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif arg.startswith("--lang="):
            lang = arg[len("--lang="):]
    return lang
