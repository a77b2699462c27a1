"""Input problems: one readable line per problem, with file, line and field.

Every bad input the planner can write ends up as an :class:`InputError` carrying one
:class:`Problem` per fault. The CLI prints them as ``file:line: field: message`` and exits with
code 2; nothing below the CLI prints or exits.
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass
from typing import Any

from drills.inputs import messages_zh

#: :attr:`Problem.code` of a reference to a name the files do not have (a node, role, channel, shift, dam,
#: profile, plan step or fault target)
UNKNOWN_NAME = "unknown_name"
#: :attr:`Problem.code` of an id that an earlier item of the same list already has
DUPLICATE_ID = "duplicate_id"
#: :attr:`Problem.code` of a top-level key beside the file's own (its schema still checks the rest)
STRAY_KEY = "stray_key"
#: :attr:`Problem.code` of a file of another kind than the one wanted (its ``names``: the kind it is, the kind wanted)
WRONG_KIND = "wrong_kind"


def did_you_mean(name: str, known: Any) -> str:
    """"; did you mean 'x'?" with the nearest of ``known`` if one is close to ``name`` (a slip of the keys), else "".

    Of names equally close by :mod:`difflib`'s measure, the one sharing the longest beginning with ``name``: ids
    differ at their ends ('ms1301' is 'ms1300' mistyped, not 'ms1350'). A name that differs only in capitals
    ('Red' for 'red') is close however short it is."""
    same = sorted(k for k in known if k.lower() == name.lower() and k != name)
    if same:
        return f"; did you mean {same[0]!r}?"
    near = difflib.get_close_matches(name, sorted(known), n=5, cutoff=0.75)
    if not near:
        return ""

    def closeness(k: str) -> tuple[float, int, str]:
        same = next((i for i, (a, b) in enumerate(zip(name, k, strict=False)) if a != b), min(len(name), len(k)))
        return round(difflib.SequenceMatcher(None, name, k).ratio(), 9), same, k

    return f"; did you mean {max(near, key=closeness)!r}?"


def leaves_out(problems: list[Problem]) -> bool:
    """Whether ``problems`` made a file fit its schema only in part (a stray top-level key leaves nothing out)."""
    return any(p.code != STRAY_KEY for p in problems)


@dataclass(frozen=True)
class Problem:
    """One fault in one input file.

    Attributes:
        file: path of the file as the planner named it.
        line: 1-based line number, or ``None`` when the fault concerns the whole file.
        field: dotted path of the field, e.g. ``site.links[3].length_m``; empty for the file.
        message: what is wrong, in the planner's words.
        code: what kind of problem it is, for the code that sorts problems (:data:`UNKNOWN_NAME`,
            :data:`DUPLICATE_ID`, :data:`STRAY_KEY`, :data:`WRONG_KIND`; empty for any other); not part of the
            message, nor of equality.
        names: the names the problem is about (the name that matches nothing, the id used twice).
    """

    file: str
    line: int | None
    field: str
    message: str
    code: str = dataclasses.field(default="", compare=False)
    names: tuple[str, ...] = dataclasses.field(default=(), compare=False)

    def __str__(self) -> str:
        return self.text()

    def text(self, lang: str = "en") -> str:
        """The problem as one line, ``file:line: field: message``, the message in ``lang`` ("en" or "zh").

        The file, line and field stay as written, so that an editor can jump to them; a message the Chinese
        catalogue (:mod:`drills.inputs.messages_zh`) has no words for stays in English, whole."""
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        message = in_language(self.message, lang)
        return f"{where}: {self.field}: {message}" if self.field else f"{where}: {message}"


def in_language(message: str, lang: str) -> str:
    """An input problem's or plausibility warning's ``message`` (English, as the checks word it) in ``lang``:
    as it is in English, in Chinese if the catalogue has words for all of it, else in English."""
    if lang == "zh":
        return messages_zh.translate(message) or message
    return message


class InputError(Exception):
    """Raised when one or more input files are invalid; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def in_file_order(problems: list[Problem]) -> list[Problem]:
    """Each problem once, file by file (in the order the files first appear), each file top to bottom."""
    unique = list(dict.fromkeys(problems))
    rank = {f: i for i, f in reversed(list(enumerate(p.file for p in unique)))}
    return sorted(unique, key=lambda p: (rank[p.file], p.line or 0))


def utf8_text(data: bytes, file: str) -> str:
    """The text of an input file, which must be UTF-8 (a byte-order mark in front is dropped).

    Raises:
        InputError: the bytes are not UTF-8; the problem names the line of the first byte that is not, and says
            so when the file is UTF-16 or reads as GB18030 (GBK), as Windows editors may save it.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        byte = data[exc.start]
        message = f"not UTF-8 text: byte 0x{byte:02x} cannot be read; "
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            message += "the file is saved as UTF-16 (what Windows editors call 'Unicode'): save it as UTF-8"
            raise InputError([Problem(file, line, "", message)]) from None
        try:
            data.decode("gb18030")
        except UnicodeDecodeError:
            message += "save the file as UTF-8"
        else:
            message += "the file looks saved as GBK (GB18030), as older Chinese Windows editors do: save it as UTF-8"
        raise InputError([Problem(file, line, "", message)]) from None

