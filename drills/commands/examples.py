"""``drill examples``: the bundled examples, each with its title, and ``--copy DIR`` to start a planner's own files
from them (installed from a wheel, they live inside the package, where they should not be edited)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from drills.inputs.bundled import bundled_root, bundled_scenarios, bundled_suites
from drills.inputs.problems import InputError
from drills.inputs.yamlfile import load_yaml

#: the folders copied, with everything in them (sites, suites, hydraulic studies), keeping their layout so that
#: the scenarios' relative ``site:`` and ``plan:`` still find their files
FOLDERS = ("plans", "scenarios")


def title_of(path: Path) -> str:
    """The title a scenario or suite file gives itself ("" if it has none or cannot be read)."""
    try:
        data = load_yaml(path).data
    except InputError:
        return ""
    body: dict = next((data[k] for k in ("scenario", "suite")
                       if isinstance(data, dict) and isinstance(data.get(k), dict)), {})
    return str(body.get("title", ""))


def listing(lang: str = "en") -> list[str]:
    """The lines ``drill examples`` prints, in ``lang``: each scenario (for ``drill run``), then each suite (for
    ``drill season``), its path on a line of its own and its title under it (as the file writes it), then how to
    copy them."""
    from drills.commands.problems import words

    lines = []
    for head, files in (("examples_scenarios", bundled_scenarios()), ("examples_suites", bundled_suites())):
        lines.append(words(head, lang))
        for p in files:
            lines.append(f"  {p}")
            if title := title_of(p):
                lines.append(f"      {title}")
    lines.append(words("examples_copy", lang))
    return lines


def bundled_files() -> list[Path]:
    """Every bundled file, relative to :func:`~drills.inputs.bundled.bundled_root`, in a stable order."""
    root = bundled_root()
    return sorted(p.relative_to(root) for folder in FOLDERS for p in (root / folder).rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts)


def copy_examples(dest: Path) -> list[Path]:
    """Copy the bundled plans and scenarios (with their sites and suites) into ``dest``, keeping their layout;
    return the files written.

    Nothing is copied if any of them is already there (a planner's edited copy is never overwritten), or if
    ``dest`` is a file: :class:`FileExistsError` names what is in the way. The files are copied into a
    temporary folder in ``dest`` first and then moved into place, so that a copy that fails half-way leaves no
    half-copied file behind.
    """
    files = bundled_files()
    if dest.exists() and not dest.is_dir():
        raise FileExistsError(f"{dest} is a file, not a folder")
    there = [dest / f for f in files if (dest / f).exists()]
    if there:
        shown = ", ".join(str(p) for p in there[:3]) + (f" and {len(there) - 3} more" if len(there) > 3 else "")
        raise FileExistsError(f"already there: {shown}")
    dest.mkdir(parents=True, exist_ok=True)
    root = bundled_root()
    with tempfile.TemporaryDirectory(prefix=".drill-examples-", dir=dest) as tmp:
        for f in files:
            (Path(tmp) / f).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(root / f, Path(tmp) / f)
        for f in files:
            (dest / f).parent.mkdir(parents=True, exist_ok=True)
            os.replace(Path(tmp) / f, dest / f)
    return [dest / f for f in files]
