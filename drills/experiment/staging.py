"""Write a set of output files atomically: into a temporary folder beside the destination, then move
each into place with :func:`os.replace`. A crash or a bad input never leaves a half-written report."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_staged(out_dir: str | Path, fill: Callable[[Path], None]) -> dict[str, Path]:
    """Call ``fill`` with a temporary folder, then move everything it wrote into ``out_dir``.

    Returns:
        The files written, by their path relative to ``out_dir``.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".drill-", dir=out))
    try:
        fill(tmp)
        written: dict[str, Path] = {}
        for src in sorted(p for p in tmp.rglob("*") if p.is_file()):
            rel = src.relative_to(tmp)
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(src, out / rel)
            written[rel.as_posix()] = out / rel
        return written
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
