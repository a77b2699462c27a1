"""``--out``: the output folder is checked before anything runs, so a long run is never lost to a bad folder."""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console

from drills.commands import EXIT_INPUT

#: exit code when the outputs of a finished run cannot be written (the folder changed during the run)
EXIT_WRITE = 1


def require_writable(out_dir: Path, err: Console) -> None:
    """One line naming ``--out`` and the reason, and exit code 2, if ``out_dir`` cannot be made or written."""
    from drills.experiment.staging import unwritable

    why = unwritable(out_dir)
    if why is not None:
        err.print(f"--out: {why}; nothing was run or written.", markup=False)
        raise typer.Exit(EXIT_INPUT)


def write_failed(out_dir: Path, exc: OSError, err: Console) -> NoReturn:
    """One line for outputs that could not be written after all (the disk filled up, the folder was removed
    during the run): no traceback, exit code 1."""
    reason = exc.strerror or str(exc)
    err.print(f"--out: could not write the outputs to {out_dir}: {reason}", markup=False)
    raise typer.Exit(EXIT_WRITE)
