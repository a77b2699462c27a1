"""Where the bundled example files are, installed or in a source checkout."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

DEFAULT_SCENARIO = "mine_inrush_day.yaml"
DEFAULT_SUITE = "flood_season_2026.yaml"


def bundled_root() -> Path:
    """The folder holding ``plans/`` and ``scenarios/``.

    A wheel carries them inside the package (``drills/bundled``); a source checkout or editable
    install has them at the top of the repository.
    """
    inside = Path(str(resources.files("drills"))) / "bundled"
    if (inside / "scenarios").is_dir():
        return inside
    return Path(__file__).resolve().parents[2]


def bundled_scenarios() -> list[Path]:
    """Every bundled scenario file, sorted by name."""
    return sorted((bundled_root() / "scenarios").glob("*.yaml"))


def bundled_suites() -> list[Path]:
    """Every bundled suite (for ``drill season``), sorted by name."""
    return sorted((bundled_root() / "scenarios" / "suites").glob("*.yaml"))


def default_scenario() -> Path:
    return bundled_root() / "scenarios" / DEFAULT_SCENARIO


def default_suite() -> Path:
    """The bundled annual exercise, what ``drill season`` runs when given no suite."""
    return bundled_root() / "scenarios" / "suites" / DEFAULT_SUITE


#: the folders holding the bundled examples, relative to :func:`bundled_root`
EXAMPLE_FOLDERS = ("scenarios", "scenarios/suites", "scenarios/sites", "plans")


def close_file(name: str, files: Iterable[Path]) -> Path | None:
    """The file among ``files`` whose name is a close spelling of ``name`` (for a name typed without its
    extension, a file whose name without it is), or None; the first in order where two are as close."""
    by: dict[str, Path] = {}
    for f in files:
        by.setdefault(f.name if Path(name).suffix else f.stem, f)
    close = difflib.get_close_matches(name, list(by), n=1, cutoff=0.8)
    return by[close[0]] if close else None


def bundled_meant(path: Path) -> tuple[bool, Path] | None:
    """The bundled example a path with no file behind it most likely means, and whether it is that example's
    own name or path (True: ``dam_break_night.yaml`` or ``scenarios/dam_break_night.yaml`` typed where the
    examples are not, or the name without ``.yaml``) or a close spelling of it (False: ``dam_break_nigth``).
    None for a path in a folder of the planner's own, or one like no example's."""
    if path.is_absolute():
        return None
    root = bundled_root()
    parent = path.parent.as_posix()
    folders = EXAMPLE_FOLDERS if parent == "." else (parent,) if parent in EXAMPLE_FOLDERS else ()
    names = (path.name, path.name + ".yaml") if path.suffix == "" else (path.name,)
    for folder in folders:
        for name in names:
            if (root / folder / name).is_file():
                return True, root / folder / name
    near = close_file(path.name, [p for folder in folders for p in sorted((root / folder).glob("*.yaml"))])
    return (False, near) if near is not None else None
