"""The two consoles every command prints to: results on standard output, problems on standard error."""

from __future__ import annotations

import sys
from typing import Any

from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text as RichText

#: Piped into a log file (not a terminal), rich would wrap the tables at 80 columns and split every metric's
#: name over several lines; 160 keeps a row on one line.
out_console = Console(highlight=False, emoji=False, soft_wrap=True, width=None if sys.stdout.isatty() else 160)
err_console = Console(stderr=True, highlight=False, emoji=False, soft_wrap=True)


def bold(text: str) -> RichText:
    """``text`` in bold, as written (a title from a file may hold brackets)."""
    return RichText(text, style="bold")


class PlainTable(Table):
    """A rich table whose title, headers and cells are shown as written. Rich reads "[a word …]" in a plain
    string as markup and drops it: a revision tried "[under role_absent:dispatcher]" lost those words, and so
    would an id or title from a planner's file."""

    def __init__(self, *headers: str, title: str | None = None, **kw: Any) -> None:
        super().__init__(*headers, title=RichText(title) if isinstance(title, str) else title, **kw)

    def add_column(self, header: RenderableType = "", *args: Any, **kw: Any) -> None:  # type: ignore[override]
        super().add_column(RichText(header) if isinstance(header, str) else header, *args, **kw)

    def add_row(self, *cells: RenderableType | None, **kw: Any) -> None:  # type: ignore[override]
        super().add_row(*(RichText(c) if isinstance(c, str) else c for c in cells), **kw)
