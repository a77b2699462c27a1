"""The fonts of the reports: DejaVu Sans (ships with matplotlib) with a Chinese fallback.

No Chinese font is assumed on the machine. The project installs one from PyPI with itself:
``paperang-p2-fonts-cjk`` carries WenQuanYi Micro Hei (文泉驿微米黑, version 0.2.0-beta), a TrueType
collection of about 5 MB whose glyphs are TrueType outlines, so matplotlib embeds it in a PDF as a
subset CID TrueType font and a text extractor reads the Chinese characters back. The font is licensed
under the Apache License 2.0 (its own ``name`` table, entry 13); the wrapping package is MIT.

:func:`register` adds the font file to matplotlib's font manager the first time a report or figure is
drawn — never at import. If the package is missing, any CJK family already known to matplotlib is used
instead; without either, :func:`drills.experiment.figures.renderable` drops what cannot be drawn.
"""

from __future__ import annotations

import contextlib
import functools
import logging
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

#: The bundled fallback: package, file inside it, family name matplotlib reads from the file.
CJK_PACKAGE = "paperang_p2_fonts_cjk"
CJK_FILE = ("fonts", "wqy-microhei.ttc")
CJK_FAMILY = "WenQuanYi Micro Hei"
LATIN_FAMILY = "DejaVu Sans"
#: Families that carry Chinese glyphs, tried when the bundled font is not installed.
OTHER_CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Droid Sans Fallback",
)


def cjk_font_file() -> Path | None:
    """Path of the installed WenQuanYi Micro Hei collection, or None if the package is absent."""
    try:
        path = Path(str(resources.files(CJK_PACKAGE).joinpath(*CJK_FILE)))
    except ModuleNotFoundError:
        return None
    return path if path.is_file() else None


@functools.cache
def register() -> tuple[str, ...]:
    """Make the Chinese font known to matplotlib (once per process); return the font families to use.

    Returns:
        ``("DejaVu Sans", <a CJK family>)``, or ``("DejaVu Sans",)`` when no CJK font is available.
    """
    from matplotlib import font_manager

    path = cjk_font_file()
    if path is not None:
        font_manager.fontManager.addfont(str(path))
    installed = {f.name for f in font_manager.fontManager.ttflist}
    cjk = [f for f in (CJK_FAMILY, *OTHER_CJK_FAMILIES) if f in installed][:1]
    return (LATIN_FAMILY, *cjk)


class _NoBoldNotice(logging.Filter):
    """WenQuanYi has no bold face; matplotlib says so each time. The regular face is what we want."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "Failed to find font weight" not in record.getMessage()


@contextlib.contextmanager
def quiet_font_notices() -> Iterator[None]:
    """Silence matplotlib's "no bold face" notice inside the ``with`` block only."""
    log = logging.getLogger("matplotlib.font_manager")
    notice = _NoBoldNotice()
    log.addFilter(notice)
    try:
        yield
    finally:
        log.removeFilter(notice)
