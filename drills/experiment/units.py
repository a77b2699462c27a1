"""How numbers are shown to a planner: clock minutes for times, percent for shares."""

from __future__ import annotations

import math


def fmt_value(value: float, unit: str) -> str:
    """Format a metric value for the terminal and the report."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, float) and math.isinf(value):
        return "never" if value > 0 else "−∞"
    if unit == "s":  # h:mm:ss, so that a 30-hour flood season and a 15-minute inrush read alike
        sign = "−" if value < 0 else ""
        v = round(abs(value))
        return f"{sign}{v // 3600}:{v % 3600 // 60:02d}:{v % 60:02d}"
    if unit == "share":
        return f"{100 * value:.1f} %"
    return f"{value:.1f}"


def fmt_range(low: float, high: float, unit: str) -> str:
    """A confidence interval: "0:05:44 – 0:10:16", "88.3 – 100.0 %" (a share's unit once, at the end)."""
    if math.isnan(low) or math.isnan(high):
        return "–"
    if unit == "share":
        return f"{fmt_value(low, unit).removesuffix(' %')} – {fmt_value(high, unit)}"
    return f"{fmt_value(low, unit)} – {fmt_value(high, unit)}"
