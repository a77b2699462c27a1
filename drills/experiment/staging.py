"""Write a set of output files atomically: into a temporary folder beside the destination, then move
each into place with :func:`os.replace`. A crash or a bad input never leaves a half-written report.

An output folder holds the outputs of one command: a list of the files drill wrote there (with their
digests) is kept in the folder as :data:`MANIFEST`, and once a new set of files is in place, the files of
the previous set that the new one did not replace are removed — only those drill wrote and that are
unchanged since, never a file the planner put there or edited.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath

#: the list of files drill wrote into an output folder, with their SHA-256 digests
MANIFEST = ".drill_outputs.json"


def unwritable(out_dir: str | Path) -> str | None:
    """Why ``out_dir`` cannot be used as an output folder (it, or a folder above it, is a file; no permission;
    a file system that takes no new files), or None if it can. Nothing is left behind by the check."""
    out = Path(out_dir)
    probe = out
    while not os.path.lexists(probe) and probe.parent != probe:
        probe = probe.parent
    if not probe.is_dir():
        if probe == out:
            return f"{out} is a file, not a folder"
        return f"{probe} is a file, so the folder {out} cannot be made in it"
    try:
        os.rmdir(tempfile.mkdtemp(prefix=".drill-check-", dir=probe))
    except OSError as exc:
        # a folder that exists but "has no such file" takes no new folders (/proc, a lost network share)
        reason = "it takes no new folders" if exc.errno == errno.ENOENT else (exc.strerror or str(exc))
        return f"cannot write in {out}: {reason}" if probe == out else (
            f"cannot make the folder {out} in {probe}: {reason}")
    return None


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _previous(out: Path) -> dict[str, str]:
    """The files of the previous set drill wrote into ``out``, by relative path (empty if none, or unreadable)."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict):
        return {}
    return {k: v for k, v in files.items() if isinstance(k, str) and isinstance(v, str)}


def _inside(out: Path, rel: str) -> Path | None:
    """``out / rel`` if ``rel`` is a plain relative path below ``out`` (a manifest edited by hand may say
    anything), else None."""
    p = PurePosixPath(rel)
    if p.is_absolute() or not p.parts or any(part in ("", ".", "..") for part in p.parts) or rel == MANIFEST:
        return None
    return out.joinpath(*p.parts)


def _remove_leftovers(out: Path, before: dict[str, str], now: dict[str, str]) -> None:
    """Remove the files of the previous set that the new one did not replace, if unchanged since drill wrote
    them, and the folders (such as ``figures/``) that this leaves empty."""
    for rel, digest in sorted(before.items()):
        path = _inside(out, rel)
        if rel in now or path is None or path.is_symlink() or not path.is_file():
            continue
        try:
            if _digest(path) != digest:
                continue  # changed since: the planner's now
            path.unlink()
        except OSError:
            continue
        folder = path.parent
        while folder != out:
            try:
                folder.rmdir()  # only if empty
            except OSError:
                break
            folder = folder.parent


def _write_manifest(out: Path, files: dict[str, str]) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".drill-", suffix=".json", dir=out)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"written_by": "drill", "files": files}, fh, indent=1, sort_keys=True)
            fh.write("\n")
        os.replace(tmp, out / MANIFEST)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def write_staged(out_dir: str | Path, fill: Callable[[Path], None]) -> dict[str, Path]:
    """Call ``fill`` with a temporary folder, then move everything it wrote into ``out_dir``, replacing the
    outputs drill wrote there before (see the module's description).

    Returns:
        The files written, by their path relative to ``out_dir``.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".drill-", dir=out))
    try:
        fill(tmp)
        written: dict[str, Path] = {}
        digests: dict[str, str] = {}
        for src in sorted(p for p in tmp.rglob("*") if p.is_file()):
            rel = src.relative_to(tmp)
            digests[rel.as_posix()] = _digest(src)
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(src, out / rel)
            written[rel.as_posix()] = out / rel
        before = _previous(out)
        _write_manifest(out, digests)
        _remove_leftovers(out, before, digests)
        return written
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
