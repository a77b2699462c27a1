"""The two consoles every command prints to: results on standard output, problems on standard error."""

from __future__ import annotations

import sys

from rich.console import Console

#: Piped into a log file (not a terminal), rich would wrap the tables at 80 columns and split every metric's
#: name over several lines; 160 keeps a row on one line.
out_console = Console(highlight=False, emoji=False, soft_wrap=True, width=None if sys.stdout.isatty() else 160)
err_console = Console(stderr=True, highlight=False, emoji=False, soft_wrap=True)
