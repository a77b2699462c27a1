"""How numbers are shown to a planner: clock minutes for times, percent for shares.

A negative number is written with the minus sign − (U+2212), as in print, in every unit: the times of a table
had it while its counts of people had the hyphen-minus of ``-0.83``, and a column read as two kinds of sign. A
number that rounds to zero where it is shown has no sign at all.
"""

from __future__ import annotations

import math
import string
from typing import Any

#: The minus sign of every negative number shown (U+2212, not the hyphen-minus "-").
MINUS = "\u2212"


def signed(value: float, digits: str, *, plus: bool = False) -> str:
    """``digits``, the size of ``value`` as shown, with the sign of ``value``: the minus sign when it is
    negative, and "+" when it is positive and ``plus`` is asked for (a difference). A value that rounds to
    zero in its unit has no sign: "0:00:00", not "−0:00:00" (a change too small to show is neither)."""
    if not any(d in "123456789" for d in digits):
        return digits
    if value < 0:
        return MINUS + digits
    return "+" + digits if plus else digits


def percent(share: float) -> str:
    """A share in whole per cent, with the space before the sign that every share shown has: "95 %"."""
    return f"{100 * share:.0f} %"


class _Shares(string.Formatter):
    """``str.format``, but a field formatted as a percentage ("{share:.0%}") is written "95 %", not "95%"."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec.endswith("%"):
            return format(value, format_spec)[:-1] + " %"
        return super().format_field(value, format_spec)


_SHARES = _Shares()


def fill(template: str, **facts: Any) -> str:
    """``template.format(**facts)``, with the percentages of :class:`_Shares` (a text's shares read "100 %", as the
    rest of the report writes them)."""
    return _SHARES.vformat(template, (), facts) if "%}" in template else template.format(**facts)


def fmt_value(value: float, unit: str) -> str:
    """Format a metric value for the terminal and the report."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, float) and math.isinf(value):
        return "never" if value > 0 else MINUS + "∞"
    if unit == "s":  # h:mm:ss, so that a 30-hour flood season and a 15-minute inrush read alike
        v = round(abs(value))
        return signed(value, f"{v // 3600}:{v % 3600 // 60:02d}:{v % 60:02d}")
    if unit == "share":
        return signed(value, f"{100 * abs(value):.1f}") + " %"
    return signed(value, f"{abs(value):.1f}")


def fmt_range(low: float, high: float, unit: str) -> str:
    """A confidence interval: "0:05:44 – 0:10:16", "88.3 – 100.0 %" (a share's unit once, at the end)."""
    if math.isnan(low) or math.isnan(high):
        return "–"
    if unit == "share":
        return f"{fmt_value(low, unit).removesuffix(' %')} – {fmt_value(high, unit)}"
    return f"{fmt_value(low, unit)} – {fmt_value(high, unit)}"
