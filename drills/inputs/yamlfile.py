"""Safe YAML loading that remembers where every value came from.

ruamel.yaml's round-trip loader builds only plain mappings, sequences and scalars (no arbitrary
Python objects, so it is safe for untrusted files) and records the line of every key and item.
:class:`YamlDocument` keeps that tree beside a plain-Python copy so a validation error found later
at ``("links", 3, "length_m")`` can be reported at the right line of the right file.
"""

from __future__ import annotations

import difflib
import functools
import io
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.resolver import VersionedResolver

from drills.inputs.bundled import bundled_meant, close_file
from drills.inputs.problems import STRAY_KEY, InputError, Problem, in_file_order, utf8_text

_CParser: Any = None
try:  # libyaml's parser, for speed; ruamel's pure-Python one reads every file without it
    from _ruamel_yaml import CParser as _LibyamlParser
except ImportError:  # pragma: no cover - a platform without the wheel
    pass
else:
    class _CParser(_LibyamlParser, VersionedResolver):  # type: ignore[no-redef]
        """libyaml's parser and composer, resolving plain values by the YAML 1.2 rules, as the round-trip
        loader does."""

        def __init__(self, text: str) -> None:
            _LibyamlParser.__init__(self, text)
            VersionedResolver.__init__(self, loader=self)


Loc = Sequence[int | str]


@dataclass
class YamlDocument:
    """A loaded YAML file: the plain data and the line of each value.

    Attributes:
        path: the file.
        data: plain dicts, lists and scalars.
        tree: ruamel's tree with line marks (0-based internally).
    """

    path: Path
    data: Any
    tree: Any
    #: For a copy with some list items left out (see :func:`drills.inputs.validate.validate_partial`):
    #: per list, by its location in the file, the index in the file of each item kept.
    kept: dict[tuple[int | str, ...], list[int]] | None = None

    def original(self, loc: Loc) -> tuple[int | str, ...]:
        """``loc`` in this document's data as a location in the file (they differ only in a partial copy)."""
        if not self.kept:
            return tuple(loc)
        out: list[int | str] = []
        for part in loc:
            kept = self.kept.get(tuple(out))
            if isinstance(part, int) and kept is not None and 0 <= part < len(kept):
                part = kept[part]
            out.append(part)
        return tuple(out)

    def line_of(self, loc: Loc) -> int | None:
        """Return the 1-based line of the value at ``loc``, or of its nearest ancestor."""
        loc = self.original(loc)
        node = self.tree
        line: int | None = 1 if node is not None else None
        for key in loc:
            if isinstance(node, CommentedMap) and key in node:
                line = _key_line(node, key) or line
                node = node[key]
            elif isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
                line = node.lc.item(key)[0] + 1
                node = node[key]
            else:
                break
        return line

    def written_at(self, loc: Loc) -> tuple[int, str] | None:
        """Where the value at ``loc`` is written, as (the identity of the mapping that writes its key, the key):
        the same for the places that take one value from an anchor (``<<: *crew``); None for a value that is not
        a mapping's."""
        *above, key = self.original(loc) or (None,)
        node = self.tree
        for part in above:
            walks = ((isinstance(node, CommentedMap) and part in node)
                     or (isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node)))
            if not walks:
                return None
            node = node[part]
        source = _key_source(node, key) if isinstance(node, CommentedMap) and key in node else None
        return (id(source), str(key)) if source is not None and isinstance(key, str) else None

    def tree_at(self, loc: Loc) -> Any:
        """The value at ``loc`` as ruamel read it (its keys as written: a number stays a number), or None if the
        file has nothing there."""
        node = self.tree
        for part in self.original(loc):
            if isinstance(node, CommentedMap):
                part = next((k for k in node if str(k) == part), part)  # the plain copy's keys are text
                if part not in node:
                    return None
            elif not (isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node)):
                return None
            node = node[part]
        return node

    def problem(self, loc: Loc, message: str, *, code: str = "", names: tuple[str, ...] = ()) -> Problem:
        """Build a :class:`Problem` located at ``loc`` in this file (``code`` and ``names``: see :class:`Problem`)."""
        return Problem(str(self.path), self.line_of(loc), field_name(self.original(loc)), message, code, names)


def _key_line(node: CommentedMap, key: Any) -> int | None:
    """The 1-based line where ``key`` of ``node`` is written (see :func:`_key_source`). None if nowhere."""
    source = _key_source(node, key)
    return int(source.lc.key(key)[0]) + 1 if source is not None else None


def _key_source(node: CommentedMap, key: Any) -> CommentedMap | None:
    """The mapping that writes ``key`` of ``node``: the mapping itself, or, for a key merged in from an anchor
    (``<<: *base``), the anchored mapping. None if neither has it."""
    if key in node.lc.data:
        return node
    for merged in getattr(node, "merge", ()):
        source = merged[1] if isinstance(merged, tuple) else merged  # (position, map) in older ruamel.yaml
        if isinstance(source, CommentedMap) and key in source and (found := _key_source(source, key)) is not None:
            return found
    return None


def field_name(loc: Loc) -> str:
    """Format a location tuple as ``a.b[3].c``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def number_as_written(value: int | float) -> str:
    """A number as the file writes it: ruamel's reader keeps how a number was written (``007``, ``2.10``,
    ``1e3``) and its writer gives it back; a number not read from a file is its plain text."""
    if type(value) in (int, float):  # how the reader gives a plain decimal: its text is the number's
        return str(value)
    if isinstance(value, _WrittenInt):
        return value.written
    width = getattr(value, "_width", None)
    if isinstance(value, int) and width and not getattr(value, "_underscore", None):  # leading zeros: the writer
        return ("-" if value < 0 else "") + str(abs(value)).zfill(width)  # would count the sign among them
    written = io.StringIO()
    _number_writer().dump(value, written)
    return written.getvalue().split("\n", 1)[0]


@functools.cache
def _number_writer() -> YAML:
    return YAML()


MAX_VALUES = 1_000_000  # YAML aliases can multiply a small file into billions of values


def _plain(node: Any, doc: YamlDocument, loc: tuple[int | str, ...] = (), budget: list[int] | None = None) -> Any:
    """Copy ruamel's tree into plain Python, refusing explicit tags (``!!python/...`` and the like)."""
    budget = budget if budget is not None else [MAX_VALUES]
    budget[0] -= 1
    if budget[0] < 0:
        raise InputError([Problem(str(doc.path), None, "", "the file expands to too many values (YAML aliases?)")])
    tag = getattr(getattr(node, "tag", None), "value", None)
    if tag is not None:
        raise InputError([doc.problem(loc, f"YAML tag {tag!r} is not allowed; write plain values")])
    if isinstance(node, _BadDate):  # told here, where its field is known
        raise InputError([doc.problem(loc, f"not a valid date or time: {node} ({node.why})")])
    if isinstance(node, CommentedMap):
        return {str(k): _plain(v, doc, (*loc, str(k)), budget) for k, v in node.items()}
    if isinstance(node, CommentedSeq):
        return [_plain(v, doc, (*loc, i), budget) for i, v in enumerate(node)]
    return node


#: the kinds of input file, each named by the file's one top-level key
FILE_KINDS = ("site", "plan", "scenario", "suite")
_KINDS_TEXT = "'site', 'plan', 'scenario' or 'suite'"


def file_kind(doc: YamlDocument) -> str:
    """The kind of input file ``doc`` is, by its first known top-level key (see :func:`own_part` for the others).

    Raises:
        InputError: no known top-level key.
    """
    data = doc.data
    expected = f"expected one top-level key: {_KINDS_TEXT}"
    if not isinstance(data, dict) or not data:
        what = "a list" if isinstance(data, list) else "a single value" if not isinstance(data, dict) else "nothing"
        raise InputError([Problem(str(doc.path), 1, "", f"{expected}; the file holds {what}")])
    known = [k for k in data if k in FILE_KINDS]
    if not known:
        names = ", ".join(repr(k) for k in data)
        near = difflib.get_close_matches(next(iter(data)), FILE_KINDS, n=1, cutoff=0.6)
        hint = f" (did you mean {near[0]!r}?)" if near and len(data) == 1 else ""
        raise InputError([Problem(str(doc.path), doc.line_of((next(iter(data)),)), "",
                                  f"{expected}; found {names}{hint}")])
    return known[0]


def own_part(doc: YamlDocument) -> tuple[str, YamlDocument, list[Problem]]:
    """The file's kind, the file with only that top-level key (what its schema checks), and a problem at each
    other top-level key: often a line indented too little, which YAML reads as a key of the file itself. The
    rest of the file is still checked, so that its other faults are told in the same run.

    Raises:
        InputError: no known top-level key.
    """
    kind = file_kind(doc)
    problems = []
    for key in doc.data:
        if key == kind:
            continue
        if key in FILE_KINDS:
            msg = (f"a second top-level key: a file holds one of {_KINDS_TEXT}, and this one already holds "
                   f"{kind!r}; put the {key} in a file of its own")
        else:
            msg = (f"unexpected top-level key: a file holds one of {_KINDS_TEXT}, and this one holds {kind!r}; "
                   f"if {key!r} belongs inside {kind!r}, indent it like the lines above it")
        problems.append(doc.problem((key,), msg, code=STRAY_KEY))
    own = YamlDocument(doc.path, {kind: doc.data[kind]}, doc.tree) if problems else doc
    return kind, own, problems


def with_strays(kind: str, strays: list[Problem], problems: list[Problem]) -> list[Problem]:
    """The stray top-level keys' problems (:func:`own_part`) with the schema's ``problems``, in file order; a
    required field found missing under a stray key's name is that key indented too little, told once."""
    misplaced = {f"{kind}.{p.field}" for p in strays}
    kept = [p for p in problems if not (p.field in misplaced and "required field is missing" in p.message)]
    return in_file_order(strays + kept)


#: plain words for the parser's complaints that mostly come from indentation
_INDENT_HINT = "check the indentation of this line and the line above"
_PARSER_HINTS = (
    ("mapping values are not allowed here", f"{_INDENT_HINT}; a value holding ': ' must be in quotes"),
    ("expected the end of the block",
     f"{_INDENT_HINT}: a line of a list or mapping must line up with the ones before it"),
    ("could not find expected ':'", f"a 'key: value' line needs a colon and a space; {_INDENT_HINT}"),
    ("did not find expected key", _INDENT_HINT),
    ("did not find expected '-' indicator", f"{_INDENT_HINT}: every item of this list starts with '- '"),
    ("found character '\\t' that cannot start any token", "indent with spaces, not tabs"),
    ("expected the text of a '|' or '>' block", "a value that starts with '|' or '>' must be in quotes"),
    ("sequence entries are not allowed here",
     "a '- ' item starts a line of its own, lined up with the other items of its list; a value that starts "
     "with '- ' must be in quotes"),
)


#: a ',' left out between two items of a [ ] or { } on one line, and a [ or { not closed
FLOW_COMMA_MISSING = "a ',' is missing between two items of the '[' or '{' on this line"
FLOW_NOT_CLOSED = "a '[' or '{' opened on this line is not closed"
#: ... where the line holds a comma as a Chinese input method types it, which YAML reads as part of a value
FLOW_WIDE_COMMA = ("this line holds a full-width comma ('，' or '、'), as a Chinese input method types it: separate "
                   "the items of a '[' or '{' with an ASCII ',' and a space")
#: a [ inside a { (or a { inside a [) on one line, not closed before the bracket that ends the other
FLOW_SQUARE_NOT_CLOSED = "a '[' on this line is not closed before the '}' that ends the '{' around it"
FLOW_BRACE_NOT_CLOSED = "a '{' on this line is not closed before the ']' that ends the '[' around it"


#: the parser's names for the parts of a file, which its complaints quote ("expected <block end>, but found
#: '<block mapping start>'"), in a planner's words
TOKEN_WORDS = {
    "<block mapping start>": "a new 'key: value' block",
    "<block sequence start>": "a new list",
    "<block end>": "the end of the block",
    "<scalar>": "a value",
    "<alias>": "an alias ('*')",
    "<anchor>": "an anchor ('&')",
    "<tag>": "a tag ('!')",
    "<comment>": "a comment",
    "<directive>": "a directive ('%')",
    "<document start>": "a new document ('---')",
    "<document end>": "the end of the document ('...')",
    "<stream start>": "the start of the file",
    "<stream end>": "the end of the file",
    "?": "a new key",  # the key of a 'key: value' line (the parser's '?', written by hand only for a complex key)
    "-": "a list item ('- ')",
}
#: a token name as the parser quotes it: bare, in quotes, or as a one-item tuple ("('<scalar>',)"); the
#: one-character tokens only where the parser says what it found ("but found '?'")
_TOKEN = re.compile(r"\('(<[a-z ]+>)',\)|'(<[a-z ]+>)'|(<[a-z ]+>)|(?<=but found )'([?-])'")
#: the parser's other words for what it expected, in a planner's
_PLAIN_PHRASES = {
    "expected the node content": "expected a value",
    "expected chomping or indentation indicators": "expected the text of a '|' or '>' block on the next line",
}


def plain_tokens(what: str) -> str:
    """The parser's complaint with its token names in words: "expected the end of the block, but found a new
    'key: value' block"."""
    for jargon, words in _PLAIN_PHRASES.items():
        what = what.replace(jargon, words)
    return _TOKEN.sub(lambda m: TOKEN_WORDS.get(next(g for g in m.groups() if g), m[0]), what)


#: a line that starts with a key and a full-width colon, as a Chinese input method types it (``replications：500``)
_WIDE_COLON = re.compile(r"\s*(?:- )?(?P<key>[A-Za-z_][\w-]*)\s*：")
#: a line with a full-width space (U+3000) in its indentation or after its key's colon, as a Chinese input method
#: types it: YAML takes it for text, not for a space
_WIDE_SPACE = re.compile("[ \u3000]*\u3000[ \u3000]*(?:- |[A-Za-z_][\\w-]*[ ]*:)"
                         "|[ ]*(?:- )?[A-Za-z_][\\w-]*[ ]*:[ ]*\u3000")
WIDE_SPACE = ("this line holds a full-width space (U+3000), as a Chinese input method types it, in its indentation or "
              "after its colon: write ASCII spaces there")
#: a line that starts with a bare key and a space, where the key's colon was left out (``delay_s {dist: ..}``)
_NO_COLON = re.compile(r"\s*(?:- )?(?P<key>[A-Za-z_][\w-]*) +[^\s#:]")


def _with_hint(what: str, line: str = "") -> str:
    """The parser's complaint with plain words for its likely cause; ``line`` is the text of the line it points at.
    A "mapping values" complaint on a line that starts with a bare word is a key whose colon was left out."""
    m = _NO_COLON.match(line)
    if what.startswith("mapping values are not allowed here") and m and ": " in line[m.end():]:
        return f"{m['key']!r} needs a ':' after it (write {m['key']}: value)"
    for start, hint in _PARSER_HINTS:
        if what.startswith(start):
            return f"{what} ({hint})"
    return what


def _near(path: Path) -> Path | None:
    """A file beside ``path`` whose name is a close spelling of it (:func:`close_file`), or None."""
    try:
        files = sorted(p for p in path.parent.iterdir() if p.is_file())
    except OSError:  # no such folder, or not readable
        return None
    near = close_file(path.name, files)
    return path.parent / near.name if near is not None else None


def _one_folder_too_deep(path: Path) -> str | None:
    """The path as a file means it when its planner wrote it from the project's folder, not from the file's own:
    ``plan: plans/dam_plan.yaml`` in ``scenarios/x.yaml`` is looked for as ``scenarios/plans/dam_plan.yaml``;
    the file at ``plans/dam_plan.yaml`` is then written ``../plans/dam_plan.yaml`` from there. None if no such file."""
    for depth in range(1, min(len(path.parents), 4)):
        folder = path.parents[depth - 1]  # the folder the written path was taken from, if it is this one
        if (folder.parent / path.relative_to(folder)).is_file():
            return Path("..", path.relative_to(folder)).as_posix()
    return None


def missing(path: Path, *, named: bool = True, in_file: bool = False) -> str:
    """Why ``path`` cannot be read as an input file: a folder given where a file is wanted, or nothing there
    (``named``: the message names the path, for a problem reported at the file that refers to it; ``in_file``: the
    path is written in a file, relative to its folder, not given on the command line)."""
    if path.is_dir():
        return f"{path} is a folder, not a file" if named else "a folder, not a file"
    what = f"file not found: {path}" if named else "file not found"
    if (near := _near(path)) is not None:
        return f"{what}; did you mean {near}?"
    if in_file and (up := _one_folder_too_deep(path)) is not None:
        return f"{what}; did you mean {up} (a path in a file is relative to that file's own folder)?"
    meant = bundled_meant(path)  # a name or path from `drill examples` or the README, typed where they are not
    if meant is not None:
        same, example = meant
        what += f"; the bundled example of that name is {example}" if same else (
            f"; did you mean the bundled example {example}?")
    return what


def read_input_text(path: Path) -> str:
    """The text of an input file (YAML, or a CSV of a hydraulic study or of drill records).

    Raises:
        InputError: nothing there or a folder (:func:`missing`), the file cannot be read, or it is not UTF-8
            (:func:`~drills.inputs.problems.utf8_text`).
    """
    try:
        data = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        raise InputError([Problem(str(path), None, "", missing(path, named=False))]) from None
    except OSError as exc:
        raise InputError([Problem(str(path), None, "", f"cannot read the file: {exc}")]) from None
    return utf8_text(data, str(path))


class _BadDate(str):
    """A value YAML reads as a date or time that is no date (month 13, 30 February): kept as its text, with why it
    is no date, until :func:`_plain` tells it at its field."""

    why: str

    def __new__(cls, text: str, why: str) -> _BadDate:
        value = super().__new__(cls, text)
        value.why = why
        return value


class _WrittenInt(int):
    """An integer whose text in the file is not its plain text (``+120``, ``-0``), with that text: a name written
    so (a level '+120') keeps it."""

    written: str

    def __new__(cls, value: int, written: str) -> _WrittenInt:
        number = super().__new__(cls, value)
        number.written = written
        return number

    def __reduce__(self) -> Any:
        return _WrittenInt, (int(self), self.written)


class _Constructor(RoundTripConstructor):
    """ruamel's round-trip constructor, except that an impossible date is kept as its text (:class:`_BadDate`) to be
    told at its field, not a crash, and that an integer keeps the text it was written as where ruamel's own does not
    (:class:`_WrittenInt`)."""

    def construct_yaml_int(self, node: Any) -> Any:
        value = super().construct_yaml_int(node)
        if type(value) is int and str(node.value) != str(value):
            return _WrittenInt(value, str(node.value))
        return value

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError as exc:
            return _BadDate(str(node.value), str(exc))


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)
_Constructor.add_constructor("tag:yaml.org,2002:int", _Constructor.construct_yaml_int)


#: what :func:`_fast_tree` returns when it leaves the file to ruamel's own parser
_NOT_READ = object()
#: text that libyaml reads otherwise than ruamel's parser, found by fuzzing the bundled files: a tab inside a
#: plain value or after it (ruamel refuses it, with its hint to indent with spaces), an anchor or a tag typed
#: before a key in a flow mapping (the two split the name otherwise), and a version directive (it changes how
#: values read). A file that holds any of them is read by ruamel's parser alone.
_LEFT_TO_RUAMEL = ("\t", "&", "!", "%YAML")


def _fast_tree(text: str, yaml: YAML) -> Any:
    """The file's tree as ``yaml`` reads it, parsed by libyaml (ruamel.yaml.clib) and built by the same round-trip
    constructor, which keeps every line: about five times faster on the bundled files. ruamel's own parser
    words and places the complaints the tests and the Chinese catalogue know, so a file libyaml finds anything
    wrong with (or any file, without the C library) is left to it: returns ``_NOT_READ``. In 25 000 random
    mutations of the bundled files, the two read the same tree wherever both read the file; libyaml read one
    that ruamel refused, a key with '- ' inside it ("haz- ard:"), which the schema then refuses at its line."""
    if _CParser is None or any(c in text for c in _LEFT_TO_RUAMEL):
        return _NOT_READ
    try:
        node = _CParser(text).get_single_node()
        if node is None:
            return None
        constructor = _Constructor(loader=yaml)
        constructor.allow_duplicate_keys = yaml.allow_duplicate_keys
        return constructor.construct_document(node)
    except Exception:  # whatever it is, ruamel's parser reads the file again and says it
        return _NOT_READ


def ruamel_loader() -> YAML:
    """ruamel's round-trip loader as drill reads every file with it: its own parser, the constructor that
    keeps an impossible date to be told at its field, and duplicate keys refused."""
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.allow_duplicate_keys = False
    return yaml


def load_yaml(path: str | Path) -> YamlDocument:
    """Load one YAML file safely.

    Raises:
        InputError: the file is missing, unreadable, not YAML, has duplicate keys or is empty.
    """
    path = Path(os.path.normpath(path))
    text = read_input_text(path)
    wide = [Problem(str(path), k, "", f"{m['key']!r} is followed by a full-width colon '：': write {m['key']}: with "
                    "an ASCII colon and a space")
            for k, m in enumerate(map(_WIDE_COLON.match, text.splitlines()), 1) if m]
    if wide:
        raise InputError(wide)
    yaml = ruamel_loader()
    try:
        tree = _fast_tree(text, yaml)
        if tree is _NOT_READ:
            tree = yaml.load(text)
    except DuplicateKeyError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise InputError([Problem(str(path), line, _twice_written_field(text, exc),
                                  "duplicate key: " + _first_line(exc.problem))]) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        lines = text.splitlines()
        at = mark.line if mark else 0
        spaced = [k for k in (at - 1, at) if 0 <= k < len(lines) and _WIDE_SPACE.match(lines[k])]
        if spaced:  # the parser's complaint names the indentation or a colon, where the planner sees spaces
            raise InputError([Problem(str(path), spaced[-1] + 1, "", WIDE_SPACE)]) from None
        what = exc.problem or exc.context or "not valid YAML"
        if what.startswith("but found") and exc.context:  # "expected a single document ..., but found another"
            what = f"{exc.context}, {what}"
        what = plain_tokens(what)
        if exc.context and "flow" in exc.context and exc.context_mark is not None:
            # a [ or { that goes wrong: on the line that opened it, a ',' left out between two of its items (the
            # parser meets the next item's value or ':' where it wants a ',' or the bracket's end); else one not
            # closed, told at the line that opened it, not where the parser gave up
            same_line = exc.problem_mark is not None and exc.problem_mark.line == exc.context_mark.line
            mark = exc.context_mark
            hint = FLOW_COMMA_MISSING if same_line else FLOW_NOT_CLOSED
            if same_line and re.search("[，、]", text.splitlines()[mark.line]):
                hint = FLOW_WIDE_COMMA
            if same_line and (closer := re.search(r"but got '([\]}])'", what)):  # the other kind's end: not closed
                hint = FLOW_SQUARE_NOT_CLOSED if closer[1] == "}" else FLOW_BRACE_NOT_CLOSED
            what = f"{what} ({hint})"
        else:
            if exc.context == "while scanning a simple key" and exc.context_mark is not None:
                # a key whose colon is missing: point at that key, not at the line where the parser gave up
                mark = exc.context_mark
            lines = text.splitlines()
            what = _with_hint(what, lines[mark.line] if mark and mark.line < len(lines) else "")
        line = mark.line + 1 if mark else None
        raise InputError([Problem(str(path), line, "", f"YAML syntax error: {what}")]) from None
    except YAMLError as exc:
        raise InputError([Problem(str(path), None, "", f"YAML error: {_first_line(str(exc))}")]) from None
    except RecursionError:
        raise InputError([Problem(str(path), 1, "", "the file is nested too deeply to read")]) from None
    if tree is None:
        raise InputError([Problem(str(path), None, "", "the file is empty")])
    doc = YamlDocument(path=path, data=None, tree=tree)
    try:
        doc.data = _plain(tree, doc)
    except RecursionError:
        raise InputError([Problem(str(path), 1, "", "the file is nested too deeply to read")]) from None
    return doc


def _twice_written_field(text: str, exc: DuplicateKeyError) -> str:
    """The field path of the key ``exc`` found written twice (``site.hoists[0].decks``), from the file read again
    with both kept; empty if it cannot be found."""
    key = re.match(r'found duplicate key "(.*)" with value', exc.problem or "")
    mark = exc.context_mark  # where the mapping that holds the key twice starts
    if key is None or mark is None:
        return ""
    yaml = ruamel_loader()
    yaml.allow_duplicate_keys = True
    try:
        tree = yaml.load(text)
    except Exception:  # whatever else the file holds, the message stands without its field
        return ""
    loc = _mapping_starting_at(tree, mark.line, mark.column, ())
    return field_name((*loc, key[1])) if loc is not None else ""


def _mapping_starting_at(node: Any, line: int, column: int, loc: tuple[int | str, ...]) -> tuple[int | str, ...] | None:
    """The location of the mapping in ``node`` that starts at ``line`` and ``column`` (0-based), or None."""
    if isinstance(node, CommentedMap):
        if (node.lc.line, node.lc.col) == (line, column):
            return loc
        parts: Any = ((str(k), v) for k, v in node.items())
    elif isinstance(node, CommentedSeq):
        parts = enumerate(node)
    else:
        return None
    for part, value in parts:
        found = _mapping_starting_at(value, line, column, (*loc, part))
        if found is not None:
            return found
    return None


def _first_line(text: str | None) -> str:
    return (text or "").strip().splitlines()[0] if text else ""
