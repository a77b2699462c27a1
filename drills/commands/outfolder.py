"""``--out``: the output folder is checked before anything runs, so a long run is never lost to a bad folder."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from drills.commands.problems import fail_option

#: exit code when the outputs of a finished run cannot be written (the folder changed during the run)
EXIT_WRITE = 1


def require_writable(out_dir: Path, lang: str = "en") -> None:
    """One line naming ``--out`` and the reason (in ``lang``), and exit code 2, if ``out_dir`` cannot be made or
    written."""
    from drills.experiment.staging import unwritable

    why = unwritable(out_dir)
    if why is not None:
        fail_option(f"--out: {why}; nothing was run or written.", lang)


@contextmanager
def writing(out_dir: Path, lang: str = "en") -> Iterator[None]:
    """Around writing a command's outputs: if they cannot be written after all (the disk filled up, the folder
    was removed during the run), one line (in ``lang``) and exit code 1 instead of a traceback."""
    try:
        yield
    except OSError as exc:
        reason = exc.strerror or str(exc)
        fail_option(f"--out: could not write the outputs to {out_dir}: {reason}", lang, EXIT_WRITE)
