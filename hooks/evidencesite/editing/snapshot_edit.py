"""The `snapshot` field written into one evidence item of a page, every other byte as
staff left it (the importer's way: `yamledit` edits at PyYAML's node marks, then the
result is read back and compared).

    evidence:
      - title: 市政府常务会议集体讨论重大决策新闻
        type: 新闻链接
        url: https://example.gov.cn/news/123.html
        snapshot:
          file: N012/网页快照-2-20261206-093000.pdf
          captured: "2026-12-06T09:30:00+08:00"
          sha256: 3b1f…
"""

from __future__ import annotations

import codecs
import re
from typing import Any

import yaml

from evidencesite.editing import yamledit
from evidencesite.reading.sourcefile import decode, split_page
from evidencesite.catalogue.reading import say

_OPEN = re.compile(r"---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)


def snapshot_value(file: str, captured: str, sha256: str) -> dict[str, str]:
    return {"file": file, "captured": captured, "sha256": sha256}


def record_snapshot(raw: bytes, path: str, index: int, url: str, value: dict[str, str]) -> bytes:
    """The page with `evidence[index].snapshot` set to `value`; EditError when the page has a
    shape this edit does not handle (a flow-style list), when item `index` no longer links
    to `url` (the page changed meanwhile), or when the result does not read back exactly."""
    bom = raw.startswith(codecs.BOM_UTF8)
    text = raw[len(codecs.BOM_UTF8):].decode("utf-8") if bom else raw.decode("utf-8")
    opening = _OPEN.match(text)
    closing = _CLOSE.search(text, opening.end()) if opening else None
    if not opening or not closing:
        raise yamledit.EditError(say("snapshot_edit.no-front-matter"))
    front = text[opening.end():closing.start()]
    newline = yamledit.newline_of(text)
    root = yamledit.compose(front)
    if root is None:
        raise yamledit.EditError(say("snapshot_edit.empty-front-matter"))
    evidence = yamledit.entries(front, root).get("evidence")
    sequence = evidence.value if evidence else None
    if not isinstance(sequence, yaml.SequenceNode) or sequence.flow_style or index >= len(sequence.value):
        raise yamledit.EditError(say("snapshot_edit.evidence-not-list"))
    item = sequence.value[index]
    if not isinstance(item, yaml.MappingNode) or item.flow_style or not item.value:
        raise yamledit.EditError(say("snapshot_edit.item-not-mapping", index=index + 1))
    fields = yamledit.entries(front, item)
    if "url" not in fields or str(fields["url"].value.value).strip() != url:
        raise yamledit.EditError(say("snapshot_edit.url-changed", index=index + 1))
    indent = yamledit.mapping_indent(front, item)
    lines = [" " * indent + "snapshot:"] + [f"{' ' * (indent + 2)}{k}: {_scalar(k, v)}" for k, v in value.items()]
    block = newline.join(lines) + newline
    if "snapshot" in fields:
        old = fields["snapshot"]
        edit = yamledit.Edit(yamledit.line_start(front, old.key_node.start_mark.index), yamledit.next_line(front, old.end),
                             block)
    else:
        last = max(fields.values(), key=lambda e: e.end)
        edit = yamledit.insert_after(front, last, lines, newline)
    front = yamledit.apply_edits(front, [edit])
    result_text = text[:opening.end()] + front + text[closing.start():]
    result = (codecs.BOM_UTF8 if bom else b"") + result_text.encode("utf-8")
    _verify(raw, result, path, index, value)
    return result


def _scalar(key: str, value: str) -> str:
    # captured is quoted: plain, YAML would read a timestamp (the site reads text either way, other tools may not)
    return yamledit.quoted(value) if key == "captured" else yamledit.plain_or_quoted(value)


def _verify(old: bytes, new: bytes, path: str, index: int, value: dict[str, str]) -> None:
    """The edit set evidence[index].snapshot and changed nothing else, or EditError."""
    before = split_page(decode(old, path), path)
    after = split_page(decode(new, path), path)
    if [f.code for f in after.front_matter.findings] != [f.code for f in before.front_matter.findings] \
            or before.body != after.body:
        raise yamledit.EditError(say("snapshot_edit.reread-differs"))
    a: Any = before.front_matter.data
    b: Any = after.front_matter.data
    try:
        expected = {**a, "evidence": [dict(e) for e in a["evidence"]]}
        expected["evidence"][index]["snapshot"] = dict(value)
    except (TypeError, KeyError, IndexError):
        raise yamledit.EditError(say("snapshot_edit.evidence-unreadable")) from None
    if b != expected:
        raise yamledit.EditError(say("snapshot_edit.reread-differs"))
