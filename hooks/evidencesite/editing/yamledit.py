"""Surgical edits to YAML that staff wrote by hand: change one value, add or remove one
key, append one item to a list, and leave every other byte as it was.

A YAML dumper would rewrite the whole file (comments, quoting, key order, line endings
all lost), so edits are made on the text itself at the places PyYAML's node marks
point to. `Edit`s are collected first and applied together, so the positions they
were computed from stay valid. Text keeps its own line endings (LF or CRLF); the
caller strips and restores a BOM.

Also here: how a value is written as YAML so that the site's loader reads back exactly
the same text (`plain_or_quoted`, `flow_list`, `block_text`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import yaml

# Characters PyYAML counts as line breaks that a text editor may not: neutralised (same
# length, so node marks still index the original text) before composing.
_ODD_BREAKS = str.maketrans({"\x85": " ", "\u2028": " ", "\u2029": " "})


class EditError(Exception):
    """The text has a shape these edits do not handle (for example a flow-style list)."""


def compose(text: str) -> yaml.Node | None:
    """PyYAML's node tree; node marks index into `text` itself."""
    safe = re.sub(r"\r(?!\n)", " ", text.translate(_ODD_BREAKS))
    return yaml.compose(safe, Loader=yaml.SafeLoader)


def newline_of(text: str) -> str:
    """The file's line ending: CRLF if its first line ends so, else LF."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    text: str


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply edits computed on `text`; insertions at the same place keep the order given."""
    ordered = sorted(enumerate(edits), key=lambda pair: (pair[1].start, pair[0]), reverse=True)
    limit = len(text)
    for _, edit in ordered:
        if edit.end > limit:
            raise EditError(f"overlapping edits at {edit.start}")
        text = text[:edit.start] + edit.text + text[edit.end:]
        limit = edit.start
    return text


# ---------------------------------------------------------------------------
# Positions
# ---------------------------------------------------------------------------


def line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def line_end(text: str, index: int) -> int:
    """Where the line holding `index` ends, before its CR LF or LF (or the end of text)."""
    end = text.find("\n", index)
    if end < 0:
        return len(text)
    return end - 1 if end > 0 and text[end - 1] == "\r" else end


def next_line(text: str, index: int) -> int:
    """The start of the line after the one holding `index` (or the end of text)."""
    end = text.find("\n", index)
    return len(text) if end < 0 else end + 1


def content_end(text: str, node: yaml.Node) -> int:
    """Where a node's own text ends. PyYAML's end mark runs on over trailing blank lines
    (and, after a block list or mapping, over comment lines): those belong to what follows."""
    start, end = node.start_mark.index, node.end_mark.index
    collection = not isinstance(node, yaml.ScalarNode)
    while True:
        cut = text.rfind("\n", start, end)
        if cut < 0:
            break
        tail = text[cut + 1:end].strip()
        if tail and not (collection and tail.startswith("#")):
            break
        end = cut
    while end > start and text[end - 1] in " \t\r":
        end -= 1
    return end


def column(text: str, index: int) -> int:
    return index - line_start(text, index)


# ---------------------------------------------------------------------------
# Mappings: one key at a time
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One `key: value` of a block mapping, located in the text."""

    key: str
    key_node: yaml.Node
    value: yaml.Node
    end: int
    """Where the value's own text ends (see `content_end`)."""


def entries(text: str, mapping: yaml.Node) -> dict[str, Entry]:
    """The mapping's keys (first occurrence of each) with their places."""
    if not isinstance(mapping, yaml.MappingNode) or mapping.flow_style:
        raise EditError("not a block mapping")
    found: dict[str, Entry] = {}
    for key_node, value in mapping.value:
        key = str(key_node.value)
        if key not in found:
            found[key] = Entry(key, key_node, value, content_end(text, value))
    return found


def replace_value(text: str, entry: Entry, value: str, newline: str) -> Edit:
    """Give `entry` a new value (YAML text; may span lines, written with LF).

    Only the value changes: the key, anything before it and a comment after a one-line
    value stay. A comment after a one-line value that becomes a block stays on the key line."""
    colon = text.index(":", entry.key_node.end_mark.index)
    start, end = colon + 1, max(entry.end, colon + 1)
    lines = value.split("\n")
    tail_end = line_end(text, end)
    tail = text[end:tail_end]
    if len(lines) > 1 and tail.strip():
        lines[0] += tail
        end = tail_end
    return Edit(start, end, " " + newline.join(lines))


def remove_entry(text: str, entry: Entry) -> Edit:
    """Remove the key, its value and the rest of the value's last line."""
    return Edit(line_start(text, entry.key_node.start_mark.index), next_line(text, entry.end), "")


def insert_after(text: str, entry: Entry, lines: list[str], newline: str) -> Edit:
    """New lines (already indented) right after the line where `entry`'s value ends."""
    at = next_line(text, entry.end)
    block = newline.join(lines) + newline
    if at == len(text) and not text.endswith("\n"):
        block = newline + block
    return Edit(at, at, block)


def insert_before(text: str, entry: Entry, lines: list[str], newline: str) -> Edit:
    at = line_start(text, entry.key_node.start_mark.index)
    return Edit(at, at, newline.join(lines) + newline)


def entry_lines(key: str, value: str, indent: int = 0) -> list[str]:
    """`key: value` as lines at `indent` (a multi-line value's later lines are indented too)."""
    first, *rest = value.split("\n")
    pad = " " * indent
    return [f"{pad}{key}: {first}"] + [pad + line if line else line for line in rest]


# ---------------------------------------------------------------------------
# Block lists
# ---------------------------------------------------------------------------


def append_item(text: str, sequence: yaml.Node, item: list[str], newline: str) -> Edit:
    """Append a list item after the last one, indented as the items already there.

    `item` is the item's lines without the `- ` and without indentation of their own
    beyond their nesting (line 0 follows the dash; later lines line up under it)."""
    if not isinstance(sequence, yaml.SequenceNode) or sequence.flow_style or not sequence.value:
        raise EditError("not a non-empty block list")
    first, last = sequence.value[0], sequence.value[-1]
    content = column(text, first.start_mark.index)
    dash = text.rfind("-", line_start(text, first.start_mark.index), first.start_mark.index)
    if dash < 0:
        raise EditError("list item without a dash")
    dash_col = column(text, dash)
    lines = [" " * dash_col + "-" + " " * (content - dash_col - 1) + item[0]]
    lines += [" " * content + line if line else line for line in item[1:]]
    at = next_line(text, content_end(text, last))
    block = newline.join(lines) + newline
    if at == len(text) and not text.endswith("\n"):
        block = newline + block
    return Edit(at, at, block)


def mapping_indent(text: str, mapping: yaml.Node) -> int:
    return column(text, mapping.value[0][0].start_mark.index) if mapping.value else 0


# ---------------------------------------------------------------------------
# Values written so that the loader reads back the same text
# ---------------------------------------------------------------------------


def plain_or_quoted(value: str) -> str:
    """A one-line scalar: plain when YAML reads it back as the same text, else double-quoted."""
    try:
        if "\n" not in value and yaml.safe_load(f"k: {value}") == {"k": value}:
            return value
    except yaml.YAMLError:
        pass
    return quoted(value)


def quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def flow_list(values: list[str]) -> str:
    """`[a, b]`, each item plain when that reads back the same inside brackets."""
    items = []
    for value in values:
        try:
            plain = "\n" not in value and yaml.safe_load(f"k: [{value}]") == {"k": [value]}
        except yaml.YAMLError:
            plain = False
        items.append(value if plain else quoted(value))
    return "[" + ", ".join(items) + "]"


def block_text(value: str) -> str:
    """Text as a block scalar: `>` for one line (as the shipped pages write requirements),
    `|` when the text has line breaks of its own, so they survive."""
    lines = value.split("\n")
    style = ">" if len(lines) == 1 else "|"
    return style + "\n" + "\n".join("  " + line if line else "" for line in lines)
