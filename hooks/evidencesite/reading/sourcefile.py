"""Reading what staff wrote: bytes to text, front matter to data with line numbers.

Staff save files on Windows in whatever their editor chose, so decoding is strict and
every failure says how to re-save. YAML is read with YAML 1.2 scalars: only `true` and
`false` are booleans, so `no`, `on`, `3.10` and `2021-04-30` stay text exactly as
written, and the schema decides what they mean. Duplicate keys are reported, not
silently overwritten, and every value keeps the line it came from. Zero-width
characters (invisible, so never meant) are dropped from keys and values.

The traps of typing YAML with a Chinese input method (a full-width colon or space, a
missing space after the colon, dashes typed as ———) get a message of their own.
"""

from __future__ import annotations

import codecs
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from evidencesite.catalogue.messages import finding
from evidencesite.catalogue.reasons import os_reason, yaml_detail
from evidencesite.model.evidence_index import special_kind
from evidencesite.model import Finding, field_label, strip_invisible
from evidencesite.text.textsafety import first_control, without_control

FieldPath = tuple[str | int, ...]
_NULLS = {"", "~", "null", "Null", "NULL"}
_MAX_DEPTH = 50
# libyaml is about ten times faster; the pure-Python loader is the fallback and the
# one whose error messages are translated.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


UNDECODABLE = frozenset({"encoding-gbk", "encoding-utf16", "encoding-unknown", "encoding-binary", "unreadable"})
"""The codes of a file that cannot be read as text at all (MkDocs could not read it either)."""


class SourceError(Exception):
    """A file that cannot be read as a page; carries the finding that says why."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.format())
        self.finding = finding


def decode(raw: bytes, path: str) -> str:
    """UTF-8 (with or without BOM) to text with \\n line endings; anything else is a SourceError."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_utf16(raw):
        raise SourceError(finding("encoding-utf16", path=path))
    if b"\x00" in raw[:_SNIFF]:
        raise SourceError(finding("encoding-binary", path=path))
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        try:
            raw.decode("gb18030")
            code = "encoding-gbk"
        except UnicodeDecodeError:
            code = "encoding-unknown"
        raise SourceError(finding(code, path=path, line=line)) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


_SNIFF = 4096


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without a byte-order mark: front matter is ASCII, so every other byte is zero."""
    head = raw[:200]
    if len(head) < 8:
        return False
    even, odd = head[0::2].count(0), head[1::2].count(0)
    return max(even, odd) >= len(head) // 4 and min(even, odd) == 0


def read_text(file: Path, path: str) -> str:
    try:
        mode = file.stat().st_mode
        if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):  # a FIFO would block the read forever
            raise SourceError(finding("page-special", path=path, kind=special_kind(mode)))
        raw = file.read_bytes()
    except OSError as exc:
        raise SourceError(finding("unreadable", path=path, reason=os_reason(exc))) from None
    return decode(raw, path)


@dataclass
class YamlData:
    """Parsed YAML with the line of every key and the problems met on the way."""

    data: Any
    lines: dict[FieldPath, int] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def line(self, path: FieldPath) -> int | None:
        """The line of `path`, or of its nearest parent that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get(())


_TAB = re.compile(r"^[ ]*\t", re.MULTILINE)
# Typed with a Chinese input method, looked for on the lines where the YAML stopped
# making sense (inside a block of text, requirement: >, the same characters are prose).
_TRAPS = [
    (re.compile(r"^[ \u3000]*(?:-[ \u3000]+)?[A-Za-z_]+[ \u3000]*\uff1a"), "yaml-fullwidth-colon"),
    (re.compile(r"^[ ]*\u3000"), "yaml-fullwidth-space"),
    (re.compile(r"^[ ]*(?:-[ ]+)?[A-Za-z_]+:(?=[^\s:/])"), "yaml-colon-space"),
]


def parse_yaml(text: str, path: str, first_line: int = 1) -> YamlData:
    """Parse YAML text; `first_line` is the file line the text starts on."""
    tab = _TAB.search(text)
    if tab:
        raise SourceError(finding("yaml-tab", path=path, line=first_line + text.count("\n", 0, tab.start())))
    try:
        root = yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        root = _compose_for_message(text, path, first_line)
    result = YamlData(data=None)
    if root is not None:
        result.data = _construct(root, (), result, path, first_line, 0, set())
    result.lines.setdefault((), first_line)
    return result


def _compose_for_message(text: str, path: str, first_line: int) -> yaml.Node:
    """Parse again with the pure-Python loader, whose error messages the translations know."""
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        marks = [m for m in (getattr(exc, "context_mark", None), getattr(exc, "problem_mark", None)) if m]
        lines = text.split("\n")
        for n in sorted({k for m in marks for k in (m.line - 1, m.line)}):
            for pattern, code in _TRAPS:
                if 0 <= n < len(lines) and pattern.match(lines[n]):
                    raise SourceError(finding(code, path=path, line=first_line + n)) from None
        for n in sorted({m.line for m in marks}):
            special = _SPECIAL_START.match(lines[n]) if 0 <= n < len(lines) else None
            if special and not (special.group(2) in "[{" and "]}"["[{".index(special.group(2))] not in special.group(3)):
                raise SourceError(finding("yaml-special-start", path=path, line=first_line + n, key=special.group(1),
                                          char=special.group(2), value=special.group(2) + special.group(3).rstrip()))
        mark = marks[-1] if marks else None
        line = first_line + mark.line if mark else None
        raise SourceError(finding("yaml-syntax", path=path, line=line, detail=yaml_detail(exc))) from None


# A plain value may not start with these: YAML reads them as lists, mappings, aliases, tags …
# (an unclosed [ or { is a list or mapping left open: the YAML message says so)
_SPECIAL_START = re.compile(r"^[ ]*(?:-[ ]+)?([A-Za-z_]+):[ ]+([\[{*&!|>@`%])(.*)$")


def _construct(node: yaml.Node, here: FieldPath, out: YamlData, path: str, first_line: int, depth: int,
               visited: set[int]) -> Any:
    if depth > _MAX_DEPTH:
        return None
    # The composer shares one node between an anchor and each alias of it: walking a
    # shared node again is what lets 1 KB of nested aliases expand to 10**9 values.
    # Nobody needs them in a page, so the first reuse stops the page.
    if id(node) in visited:
        raise SourceError(finding("yaml-alias", path=path, line=out.line(here), field=field_label(here)))
    visited.add(id(node))
    out.lines.setdefault(here, first_line + node.start_mark.line)
    if isinstance(node, yaml.MappingNode):
        mapping: dict[str, Any] = {}
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = strip_invisible(str(key_node.value)).strip() if isinstance(key_node, yaml.ScalarNode) else "?"
            line = first_line + key_node.start_mark.line
            if key in seen:
                out.findings.append(finding("yaml-duplicate-key", path=path, line=line, field=key,
                                            key=key, first=seen[key]))
                continue
            seen[key] = line
            out.lines[(*here, key)] = line
            mapping[key] = _construct(value_node, (*here, key), out, path, first_line, depth + 1, visited)
        return mapping
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, (*here, i), out, path, first_line, depth + 1, visited) for i, item in enumerate(node.value)]
    value = _scalar(node)
    if isinstance(value, str) and first_control(value):
        out.findings.append(finding("text-control-char", path=path, line=first_line + node.start_mark.line,
                                    field=field_label(here), code_point=first_control(value)))
        value = without_control(value)  # so exports, paths and pages downstream never meet it
    return value


def _scalar(node: yaml.ScalarNode) -> Any:
    value = strip_invisible(node.value)
    if not node.style and node.tag != "tag:yaml.org,2002:str":  # plain: None (Python) or '' (libyaml)
        if value in _NULLS:
            return None
        if value.lower() in ("true", "false"):
            return value.lower() == "true"
    return value


@dataclass
class PageSource:
    """A page split into front matter and Markdown body."""

    front_matter: YamlData
    body: str
    body_line: int


_OPEN = re.compile(r"^---[ \t]*\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


_DASHES = re.compile(r"^[ \t]*[-\u2014\u2015\u2500\u30fc\uff0d\u2013\u2212]{2,}[ \t]*$")


def front_matter_alias(text: str, path: str) -> Finding | None:
    """The yaml-alias finding for a page whose front matter uses an alias, else None.

    For pages the loader does not read field by field (news, guides): MkDocs and the
    macros plugin would expand the aliases. Parser events are linear in the text (aliases
    are not expanded there); front matter YAML cannot parse is MkDocs' to report."""
    if not _OPEN.match(text) or "*" not in text:
        return None
    close = _CLOSE.search(text, _OPEN.match(text).end())
    if not close:
        return None
    try:
        for event in yaml.parse(text[_OPEN.match(text).end():close.start()], Loader=_FAST_LOADER):
            if isinstance(event, yaml.AliasEvent):
                return finding("yaml-alias", path=path, line=2 + event.start_mark.line)
    except yaml.YAMLError:
        return None
    return None


def without_front_matter(text: str) -> str:
    """The text after a page's closing --- line (the whole text when there is none)."""
    opened = _OPEN.match(text)
    close = _CLOSE.search(text, opened.end()) if opened else None
    return text[close.end() + 1:] if close else text


def split_page(text: str, path: str) -> PageSource:
    """Split `---` front matter from the body; both must be there."""
    if not _OPEN.match(text):
        if not text.strip():
            raise SourceError(finding("page-empty", path=path, line=1))
        lines = text.split("\n")
        first = next(n for n, line in enumerate(lines) if line.strip())
        if _OPEN.match(lines[first].strip() + "\n"):
            raise SourceError(finding("frontmatter-not-first", path=path, line=1, first=first + 1))
        if _DASHES.match(lines[first]):
            raise SourceError(finding("frontmatter-dashes", path=path, line=first + 1, value=lines[first].strip()))
        raise SourceError(finding("frontmatter-missing", path=path, line=1))
    start = _OPEN.match(text).end()
    close = _CLOSE.search(text, start)
    if not close:
        raise SourceError(finding("frontmatter-unclosed", path=path, line=1))
    yaml_text = text[start:close.start()]
    data = parse_yaml(yaml_text, path, first_line=2)
    body_start = close.end() + 1
    body_line = text.count("\n", 0, min(body_start, len(text))) + 1
    return PageSource(front_matter=data, body=text[body_start:].lstrip("\n"), body_line=body_line)
