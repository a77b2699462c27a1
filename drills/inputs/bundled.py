"""Where the bundled example files are, installed or in a source checkout."""

from __future__ import annotations

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


def bundled_named(name: str) -> Path | None:
    """The bundled example file called ``name`` (a scenario, suite, plan or site), if there is one."""
    root = bundled_root()
    for folder in ("scenarios", "scenarios/suites", "scenarios/sites", "plans"):
        candidate = root / folder / name
        if candidate.is_file():
            return candidate
    return None
