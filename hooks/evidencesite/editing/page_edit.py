"""The register fields of one indicator page: a new page holding only them, or an
existing page with them changed line by line and every other byte as staff left it.

`edit_page` checks its own work: the edited page must read back with the register fields
at their new values and everything else (other fields, body) exactly as before, or it
raises `yamledit.EditError` and the import writes nothing.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Any

from evidencesite.editing import yamledit
from evidencesite.catalogue.messages import finding
from evidencesite.model import Status, normalise_code
from evidencesite.catalogue.register_messages import change
from evidencesite.reading.schema import normalise_date_text
from evidencesite.reading.sourcefile import SourceError, decode, split_page
from evidencesite.catalogue.reading import say

REGISTER_FIELDS = ("id", "title", "requirement", "area", "group", "lead", "partners", "due", "due_text", "points")
"""The fields an import may write, in the order the contract lists them."""
FIELD_LABELS = {
    "id": say("page_edit.label-id"),
    "title": say("page_edit.label-title"),
    "requirement": say("page_edit.label-requirement"),
    "area": say("page_edit.label-area"),
    "group": say("page_edit.label-group"),
    "lead": say("page_edit.label-lead"),
    "partners": say("page_edit.label-partners"),
    "due": say("page_edit.label-due"),
    "due_text": say("page_edit.label-due-text"),
    "points": say("page_edit.label-points"),
}
_OPEN = re.compile(r"---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)


@dataclass(frozen=True)
class FrontMatterText:
    """A page's text split around its front matter, as the editors rewrite it: every
    byte outside `front` is given back unchanged, the BOM included."""

    bom: bool
    head: str
    front: str
    tail: str

    @classmethod
    def of(cls, raw: bytes) -> "FrontMatterText":
        """Of a page `split_page` has already read (so both --- lines are there)."""
        bom = raw.startswith(codecs.BOM_UTF8)
        text = raw[len(codecs.BOM_UTF8):].decode("utf-8") if bom else raw.decode("utf-8")
        opening = _OPEN.match(text)
        closing = _CLOSE.search(text, opening.end())
        return cls(bom, text[:opening.end()], text[opening.end():closing.start()], text[closing.start():])

    @property
    def newline(self) -> str:
        return yamledit.newline_of(self.head + self.front + self.tail)

    def with_front(self, front: str) -> bytes:
        return (codecs.BOM_UTF8 if self.bom else b"") + (self.head + front + self.tail).encode("utf-8")


def render_value(key: str, value: Any) -> str:
    """A register field's value as YAML the site's loader reads back unchanged."""
    if key == "requirement":
        return yamledit.block_text(value)
    if key in ("area", "group"):
        return yamledit.quoted(value)
    if key == "partners":
        return yamledit.flow_list(value)
    if key == "due":
        return value  # an ISO date, plain as the contract writes it; the loader reads it as text
    if key == "points":
        return points_text(value)  # a YAML number
    return yamledit.plain_or_quoted(value)


def points_text(value: Any) -> str:
    """3.0 -> "3", 1.5 -> "1.5"."""
    number = float(value)
    return str(int(number)) if number.is_integer() else str(number)


def new_page(ident: str, targets: dict[str, Any], body: str) -> str:
    """A page holding only what the register says, status 未启动, and one line saying where it came from."""
    lines = ["---"]
    for key in REGISTER_FIELDS:
        value = ident if key == "id" else targets.get(key)
        if value:
            lines += yamledit.entry_lines(key, render_value(key, value))
    lines += [f"status: {Status.NOT_STARTED.value}", "---", body, ""]
    return "\n".join(lines)


def _normal(key: str, value: Any) -> Any:
    """A field's value as the loader reads it, for comparison: text stripped, codes and
    dates normalised, partners as a list (one partner may be written as text)."""
    if value is None or value == [] or value == "":
        return None
    if key == "points":
        try:
            return float(value) if not isinstance(value, bool) else value
        except (TypeError, ValueError):
            return value
    if key == "partners":
        items = re.split(r"[、,\uff0c]", value) if isinstance(value, str) else value
        if not isinstance(items, list):
            return value
        return [str(v).strip() for v in items if v is not None and str(v).strip()] or None
    if not isinstance(value, str):
        return value  # a list or mapping where text belongs: never equal to a register value
    if key in ("area", "group", "id"):
        return normalise_code(value)
    if key == "due":
        return normalise_date_text(value.strip())
    return value.strip()


def _same(key: str, current: Any, target: Any) -> bool:
    return _normal(key, current) == _normal(key, target)


def _shown(value: Any) -> str:
    if isinstance(value, float):
        value = points_text(value)
    if isinstance(value, list):
        value = "、".join(str(v) for v in value)
    text = re.sub(r"\s+", " ", str(value)).strip()
    return text if len(text) <= 40 else text[:40] + "…"


def edit_page(raw: bytes, path: str, targets: dict[str, Any]) -> tuple[bytes, list[str]]:
    """The page with its register fields set to `targets`, every other byte unchanged;
    and one description per changed field. SourceError when the page cannot be read."""
    parsed = split_page(decode(raw, path), path)
    duplicate = [f for f in parsed.front_matter.findings if f.field in REGISTER_FIELDS]
    if duplicate:
        raise SourceError(duplicate[0])
    data = parsed.front_matter.data
    if data is not None and not isinstance(data, dict):
        raise SourceError(finding("yaml-not-mapping", path=path, line=2, kind=say("page_edit.expected-list-or-line")))
    data = data or {}
    page = FrontMatterText.of(raw)
    front, newline = page.front, page.newline
    root = yamledit.compose(front)
    entries = yamledit.entries(front, root) if root is not None else {}
    edits: list[yamledit.Edit] = []
    details: list[str] = []
    for key in REGISTER_FIELDS:
        if key not in targets:
            continue
        target, current = targets[key], data.get(key)
        if _same(key, current, target):
            continue
        entry = entries.get(key)
        label = FIELD_LABELS[key]
        if target is None:
            edits.append(yamledit.remove_entry(front, entry))
            details.append(change("field-remove", label=label, old=_shown(current)))
        elif entry is None:
            edits.append(_insert(front, entries, key, yamledit.entry_lines(key, render_value(key, target)), newline))
            details.append(change("field-add", label=label, new=_shown(target)))
        else:
            edits.append(yamledit.replace_value(front, entry, render_value(key, target), newline))
            details.append(change("field-set", label=label, old=_shown(current), new=_shown(target)))
    if not edits:
        return raw, []
    result = page.with_front(yamledit.apply_edits(front, edits))
    _verify(raw, result, path, targets)
    return result, details


def _insert(front: str, entries: dict[str, yamledit.Entry], key: str, lines: list[str], newline: str) -> yamledit.Edit:
    """A new field goes after the register field before it in REGISTER_FIELDS order, else
    before the one after it, else at the top."""
    order = list(REGISTER_FIELDS)
    before = [entries[k] for k in order[:order.index(key)] if k in entries]
    if before:
        return yamledit.insert_after(front, max(before, key=lambda e: e.end), lines, newline)
    after = [entries[k] for k in order[order.index(key) + 1:] if k in entries]
    if after:
        return yamledit.insert_before(front, min(after, key=lambda e: e.end), lines, newline)
    return yamledit.Edit(0, 0, newline.join(lines) + newline)


def _verify(old: bytes, new: bytes, path: str, targets: dict[str, Any]) -> None:
    """The edit changed the register fields to their targets and nothing else, or EditError."""
    before = split_page(decode(old, path), path)
    after = split_page(decode(new, path), path)
    a, b = before.front_matter.data or {}, after.front_matter.data or {}
    if [f.code for f in after.front_matter.findings] != [f.code for f in before.front_matter.findings] \
            or before.body != after.body:
        raise yamledit.EditError(path)
    for key in set(a) | set(b):
        if key in targets:
            if not _same(key, b.get(key), targets[key]):
                raise yamledit.EditError(path)
        elif a.get(key) != b.get(key):
            raise yamledit.EditError(path)


