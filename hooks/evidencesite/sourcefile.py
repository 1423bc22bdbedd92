"""Reading what staff wrote: bytes to text, front matter to data with line numbers.

Staff save files on Windows in whatever their editor chose, so decoding is strict and
every failure says how to re-save. YAML is read with YAML 1.2 scalars: only `true` and
`false` are booleans, so `no`, `on`, `3.10` and `2021-04-30` stay text exactly as
written, and the schema decides what they mean. Duplicate keys are reported, not
silently overwritten, and every value keeps the line it came from.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from evidencesite.messages import finding
from evidencesite.model import Finding

FieldPath = tuple[str | int, ...]
_NULLS = {"", "~", "null", "Null", "NULL"}
_MAX_DEPTH = 50
# libyaml is about ten times faster; the pure-Python loader is the fallback and the
# one whose error messages are translated.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SourceError(Exception):
    """A file that cannot be read as a page; carries the finding that says why."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.format())
        self.finding = finding


def decode(raw: bytes, path: str) -> str:
    """UTF-8 (with or without BOM) to text with \\n line endings; anything else is a SourceError."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise SourceError(finding("encoding-utf16", path=path))
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


def read_text(file: Path, path: str) -> str:
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise SourceError(finding("unreadable", path=path, reason=exc.strerror or type(exc).__name__)) from None
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


def parse_yaml(text: str, path: str, first_line: int = 1) -> YamlData:
    """Parse YAML text; `first_line` is the file line the text starts on."""
    tab = re.search(r"^[ ]*\t", text, flags=re.MULTILINE)
    if tab:
        line = first_line + text.count("\n", 0, tab.start())
        raise SourceError(finding("yaml-tab", path=path, line=line))
    try:
        root = yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        root = _compose_for_message(text, path, first_line)
    result = YamlData(data=None)
    if root is not None:
        result.data = _construct(root, (), result, path, first_line, 0)
    result.lines.setdefault((), first_line)
    return result


def _compose_for_message(text: str, path: str, first_line: int) -> yaml.Node:
    """Parse again with the pure-Python loader, whose error messages the translations know."""
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = first_line + mark.line if mark else None
        raise SourceError(finding("yaml-syntax", path=path, line=line, detail=_yaml_detail(exc))) from None


def _yaml_detail(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    known = {
        "mapping values are not allowed here": "这一行出现了多余的冒号(标题里有英文冒号时,请给整段文字加英文引号)",
        "could not find expected ':'": "缺少“字段: 值”中的冒号,或上一行的引号没有配对",
        "found character '\\t' that cannot start any token": "这一行有 Tab",
        "did not find expected key": "缩进没有对齐,或列表项前缺少“- ”",
        "found unexpected end of stream": "引号没有配对",
        "found undefined alias": "使用了未定义的 * 引用",
        "did not find expected '-' indicator": "列表项的缩进没有对齐",
        "found unknown escape character": "双引号里的反斜杠 \\ 需要写成 \\\\,或改用单引号",
    }
    for english, chinese in known.items():
        if problem.startswith(english):
            return chinese
    return f"无法解析({problem})"


def _construct(node: yaml.Node, here: FieldPath, out: YamlData, path: str, first_line: int, depth: int) -> Any:
    if depth > _MAX_DEPTH:
        return None
    out.lines.setdefault(here, first_line + node.start_mark.line)
    if isinstance(node, yaml.MappingNode):
        mapping: dict[str, Any] = {}
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
            line = first_line + key_node.start_mark.line
            if key in seen:
                out.findings.append(finding("yaml-duplicate-key", path=path, line=line, field=key,
                                            key=key, first=seen[key]))
                continue
            seen[key] = line
            out.lines[(*here, key)] = line
            mapping[key] = _construct(value_node, (*here, key), out, path, first_line, depth + 1)
        return mapping
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, (*here, i), out, path, first_line, depth + 1) for i, item in enumerate(node.value)]
    return _scalar(node)


def _scalar(node: yaml.ScalarNode) -> Any:
    value = node.value
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


def split_page(text: str, path: str) -> PageSource:
    """Split `---` front matter from the body; both must be there."""
    if not _OPEN.match(text):
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
