"""Edit a plan file as its planner wrote it: comments, order and layout survive.

A revision is a short list of *edits* — plain data, so it can be written to JSON and shown to the
planner — applied to a deep copy of the plan's ruamel round-trip tree:

* ``("set", path, value)`` — set a mapping key (missing mappings on the way are created);
* ``("delete", path)`` — remove a mapping key;
* ``("append", path, value)`` — append to a list (created if missing);
* ``("add_unique", path, values)`` — append the values a list does not hold yet;
* ``("remove", path, selector)`` — remove the list items equal to, or matching, the selector;
* ``("move_first", path, value)`` — put a value at the head of a list (added if absent).

A path is a tuple of mapping keys, list indices, and *selectors*: a dict such as ``{"id": "siren-dam"}``
picks the one list item whose keys have those values.

The revised text keeps every line of the original that the edits do not touch: the edited tree is
dumped, compared line by line with a dump of the unedited tree, and only the changed blocks are
spliced into the original text (ruamel joins a flow list the planner wrapped over two lines; such a
line is rewritten only if an edit touches it). The result is checked to load to the same data as the
edited tree; if it does not, the plain dump is used.
"""

from __future__ import annotations

import copy
import difflib
import io
import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.util import load_yaml_guess_indent

Edit = tuple[Any, ...]


class EditError(ValueError):
    """An edit does not fit the plan (its target is missing, e.g. after another revision removed it)."""


#: a line holding a flow list of plain scalars: its lead (indent, key or dash) and its items
_FLOW_LIST = re.compile(r"^(\s*(?:[\w.-]+: |- )+)\[([\w.-]+(?:, [\w.-]+)*)\]$")


def _yaml(mapping: int = 2, sequence: int = 2, offset: int = 0) -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 100_000  # never re-wrap a long line of the planner's
    y.indent(mapping=mapping, sequence=max(sequence, offset + 2), offset=offset)
    return y


def _mapping_indent(text: str) -> int:
    """The indent of the first nested mapping key (ruamel guesses only the sequences' indent)."""
    for line in text.splitlines():
        stripped = line.lstrip(" ")
        if line.startswith(" ") and stripped[:1] not in ("", "#", "-") and ":" in stripped:
            return len(line) - len(stripped)
    return 2


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def matches(item: Any, selector: Any) -> bool:
    """An item of a plan's list is the one ``selector`` names: a mapping with those keys and values, or equal."""
    if isinstance(selector, dict):
        return isinstance(item, dict) and all(item.get(k) == v for k, v in selector.items())
    return item == selector


def _new(value: Any, flow: bool) -> Any:
    """A ruamel node for a new value: nested mappings and lists in flow style, the top one as asked."""
    if isinstance(value, dict):
        m = CommentedMap()
        for k, v in value.items():
            m[k] = _new(v, True)
        if flow:
            m.fa.set_flow_style()
        return m
    if isinstance(value, list | tuple):
        s = CommentedSeq(_new(v, True) for v in value)
        s.fa.set_flow_style()
        return s
    if isinstance(value, float) and value.is_integer():
        return int(value)  # 1200, not 1200.0, as a planner writes it
    return value


class PlanText:
    """A plan file's text and round-trip tree.

    Args:
        path: the plan YAML file.
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.text = self.path.read_text(encoding="utf-8")
        _, seq_indent, block_seq_indent = load_yaml_guess_indent(self.text)
        self._yaml = _yaml(_mapping_indent(self.text), seq_indent or 2, block_seq_indent or 0)
        self.tree = self._yaml.load(self.text)
        self._dumped = self._dump(copy.deepcopy(self.tree))  # dumping can disturb the comments it dumps

    def copy(self) -> Any:
        return copy.deepcopy(self.tree)

    def _dump(self, tree: Any) -> str:
        buf = io.StringIO()
        self._yaml.dump(tree, buf)
        return buf.getvalue()

    # ------------------------------------------------------------------ edits
    def apply(self, tree: Any, edits: list[Edit] | tuple[Edit, ...]) -> Any:
        """Apply ``edits`` in order to ``tree`` (in place) and return it."""
        for edit in edits:
            op, path = edit[0], tuple(edit[1])
            if op == "set":
                parent = self._walk(tree, path[:-1], create=True)
                _set_at_end(parent, path[-1], _new(edit[2], self._flow_like(parent)))
            elif op == "delete":
                parent = self._walk(tree, path[:-1])
                if path[-1] not in parent:
                    raise EditError(f"no {path[-1]!r} to delete at {_where(path)}")
                del parent[path[-1]]
            elif op in ("append", "add_unique", "move_first"):
                seq = self._list(tree, path)
                if op == "append":
                    item = _new(edit[2], self._flow_items(seq))
                    src = _tail(seq[-1]) if seq else []
                    seq.append(item)
                    _move_blank(src, _tail(item))
                elif op == "add_unique":
                    for v in edit[2]:
                        if v not in seq:
                            seq.append(_new(v, True))
                else:
                    if edit[2] in seq:
                        seq.remove(edit[2])
                    seq.insert(0, edit[2])
            elif op == "remove":
                seq = self._walk(tree, path)
                keep = [x for x in seq if not matches(x, edit[2])]
                if len(keep) == len(seq):
                    raise EditError(f"nothing matching {edit[2]!r} at {_where(path)}")
                for x in [x for x in seq if matches(x, edit[2])]:
                    seq.remove(x)
            else:
                raise EditError(f"unknown edit {op!r}")
        return tree

    def _walk(self, tree: Any, path: tuple, create: bool = False) -> Any:
        node = tree
        for k, key in enumerate(path):
            if isinstance(key, dict):
                if not isinstance(node, list):
                    raise EditError(f"{_where(path[:k])} is not a list")
                hits = [x for x in node if matches(x, key)]
                if len(hits) != 1:
                    raise EditError(f"no single item {key!r} in {_where(path[:k])}")
                node = hits[0]
            elif isinstance(node, dict):
                if key not in node:
                    if not create:
                        raise EditError(f"no {_where(path[:k + 1])} in the plan")
                    node[key] = _new({}, self._flow_like(node))
                node = node[key]
            elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
                node = node[key]
            else:
                raise EditError(f"no {_where(path[:k + 1])} in the plan")
        return node

    def _list(self, tree: Any, path: tuple) -> Any:
        parent = self._walk(tree, path[:-1], create=True)
        if path[-1] not in parent or parent[path[-1]] is None:
            _set_at_end(parent, path[-1], _new([], True))
        seq = parent[path[-1]]
        if not isinstance(seq, list):
            raise EditError(f"{_where(path)} is not a list")
        return seq

    @staticmethod
    def _flow_like(parent: Any) -> bool:
        return bool(getattr(getattr(parent, "fa", None), "flow_style", lambda: False)())

    @staticmethod
    def _flow_items(seq: Any) -> bool:
        """New list items copy their siblings' style (the flood plan writes one flow mapping per line)."""
        items = [x for x in seq if isinstance(x, dict)]
        return bool(items) and all(PlanText._flow_like(x) for x in items)

    # ------------------------------------------------------------------ text
    def render(self, tree: Any, header: str = "") -> str:
        """The text of an edited tree: the original's lines wherever the edits did not reach."""
        new = self._dump(tree)
        text = _splice(self.text, self._dumped, new)
        try:
            same = _plain(self._yaml.load(text)) == _plain(tree)
        except Exception:  # any parse failure means the splice went wrong
            same = False
        out = text if same else new
        return header + out

    def diff(self, new_text: str, revised_name: str) -> str:
        """A unified diff of the original file against a revised text."""
        return "".join(difflib.unified_diff(
            self.text.splitlines(keepends=True), new_text.splitlines(keepends=True),
            fromfile=self.path.name, tofile=revised_name))


def _tail(node: Any) -> list[tuple[Any, Any]]:
    """The (mapping, key) pairs down the last keys of ``node``'s block mappings and last items of its block lists:
    where ruamel keeps a blank line that follows the node's text."""
    chain: list[tuple[Any, Any]] = []
    while isinstance(node, (CommentedMap, CommentedSeq)) and node and not PlanText._flow_like(node):
        if isinstance(node, CommentedSeq):
            node = node[-1]
            continue
        key = list(node)[-1]
        chain.append((node, key))
        node = node[key]
    return chain


def _move_blank(src: list[tuple[Any, Any]], dst: list[tuple[Any, Any]]) -> None:
    """Move the blank line(s) kept after the end of ``src`` (a :func:`_tail`) to the end of ``dst``, written after
    it: a key or list item added at the end of a block goes before the blank line that closes the block, not
    after it (cut off from its block and run into the next)."""
    for mapping, key in src:
        slots = mapping.ca.items.get(key)
        token = slots[2] if slots and len(slots) > 2 else None
        if token is not None and dst and not token.value.strip("\n"):
            slots[2] = None
            last_map, last_key = dst[-1]
            last_map.ca.items.setdefault(last_key, [None, None, None, None])[2] = token
            return


def _set_at_end(mapping: Any, key: Any, value: Any) -> None:
    """``mapping[key] = value``; a new key comes last, before the blank line that closed the mapping."""
    new = key not in mapping and isinstance(mapping, CommentedMap) and bool(mapping) and not PlanText._flow_like(
        mapping)
    src = [(mapping, list(mapping)[-1]), *_tail(mapping[list(mapping)[-1]])] if new else []
    mapping[key] = value
    if new:
        _move_blank(src, [(mapping, key), *_tail(value)])


def _where(path: tuple) -> str:
    return ".".join(str(p) if not isinstance(p, dict) else "[" + ",".join(f"{k}={v}" for k, v in p.items()) + "]"
                    for p in path) or "the top"


def _splice(original: str, dumped: str, new: str) -> str:
    """Carry the changes between ``dumped`` and ``new`` over to ``original`` (see the module docstring)."""
    a = original.splitlines(keepends=True)
    b = dumped.splitlines(keepends=True)
    c = new.splitlines(keepends=True)
    # blocks of b, each with the lines of a it came from
    block_of: list[int] = [0] * len(b)
    blocks: list[tuple[int, int]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            for k in range(j2 - j1):
                block_of[j1 + k] = len(blocks)
                blocks.append((i1 + k, i1 + k + 1))
        else:
            for j in range(j1, j2):
                block_of[j] = len(blocks)
            blocks.append((i1, i2))
    lines: dict[int, list[str]] = {k: [] for k in range(-1, len(blocks))}
    touched: set[int] = set()
    for tag, j1, j2, k1, k2 in difflib.SequenceMatcher(None, b, c, autojunk=False).get_opcodes():
        if tag == "equal":
            for j, k in zip(range(j1, j2), range(k1, k2), strict=True):
                lines[block_of[j]].append(c[k])
            continue
        owner = block_of[j1] if j1 < j2 else (block_of[j1 - 1] if j1 > 0 else -1)
        for j in range(j1, j2):
            touched.add(block_of[j])
        touched.add(owner)
        lines[owner].extend(c[k1:k2])
    width = max((len(line.rstrip("\n")) for line in a), default=0)
    out: list[str] = [_wrapped(line, width) for line in lines[-1]]
    for k, (i1, i2) in enumerate(blocks):
        out.extend([_wrapped(line, width) for line in lines[k]] if k in touched else a[i1:i2])
    return "".join(out)


def _wrapped(line: str, width: int) -> str:
    """A written line wider than the planner's widest line, if it is a flow list of plain scalars, wrapped as the
    planner wraps one: continued under its first item (ruamel joins a list the planner wrapped, and an edit that
    lengthens it would otherwise leave one line far past the file's width)."""
    body = line.rstrip("\n")
    match = _FLOW_LIST.match(body)
    if len(body) <= width or not match:
        return line
    lead, items = match.group(1), match.group(2).split(", ")
    rows, row = [], lead + "["
    for k, item in enumerate(items):
        piece = item + ("," if k < len(items) - 1 else "]")
        if row.strip(" [") and len(row) + 1 + len(piece) > width:
            rows.append(row.rstrip())
            row = " " * len(lead) + " "
        row += ("" if row.endswith("[") or not row.strip() else " ") + piece
    return "\n".join([*rows, row]) + line[len(body):]
