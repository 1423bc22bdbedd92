"""Write a 市级初评 record into an indicator page: the `review` block of its front matter
set or replaced, every other byte (comments, quoting, key order, line endings, BOM) as
staff left it.

`set_review` checks its own work like `page_edit.edit_page`: the page must read back with
the new review and everything else exactly as before, or `yamledit.EditError` is raised
and scripts/review.py writes nothing.
"""

from __future__ import annotations

from evidencesite.editing import yamledit
from evidencesite.catalogue.messages import finding
from evidencesite.model import Review
from evidencesite.editing.page_edit import FrontMatterText
from evidencesite.reading.sourcefile import SourceError, decode, split_page
from evidencesite.catalogue.reading import say



def review_lines(review: Review) -> list[str]:
    """The block as YAML lines (without line endings), as the loader reads it back."""
    lines = ["review:",
             f"  result: {review.result.value}",
             f"  by: {yamledit.plain_or_quoted(review.by)}",
             f"  date: {review.date.isoformat()}"]
    if review.comment:
        lines.append(f"  comment: {yamledit.plain_or_quoted(review.comment)}")
    lines.append(f"  fingerprint: {yamledit.plain_or_quoted(review.fingerprint)}")
    return lines


def set_review(raw: bytes, path: str, review: Review) -> bytes:
    """The page's bytes with `review` as its review block. SourceError when the page
    cannot be read; EditError when the edit would change anything else."""
    parsed = split_page(decode(raw, path), path)
    data = parsed.front_matter.data
    if not isinstance(data, dict):
        raise SourceError(finding("yaml-not-mapping", path=path, line=2, kind=say("page_edit.expected-list-or-line")))
    duplicate = [f for f in parsed.front_matter.findings if f.field == "review"]
    if duplicate:
        raise SourceError(duplicate[0])
    page = FrontMatterText.of(raw)
    front, newline = page.front, page.newline
    block = newline.join(review_lines(review)) + newline
    entry = yamledit.entries(front, yamledit.compose(front)).get("review")
    if entry is None:  # a new block goes last, after whatever staff wrote
        if front and not front.endswith("\n"):
            block = newline + block
        edit = yamledit.Edit(len(front), len(front), block)
    else:
        edit = yamledit.Edit(yamledit.line_start(front, entry.key_node.start_mark.index),
                             yamledit.next_line(front, entry.end), block)
    result = page.with_front(yamledit.apply_edits(front, [edit]))
    _verify(raw, result, path, review)
    return result


def _verify(old: bytes, new: bytes, path: str, review: Review) -> None:
    before = split_page(decode(old, path), path)
    after = split_page(decode(new, path), path)
    a, b = dict(before.front_matter.data or {}), dict(after.front_matter.data or {})
    written = b.pop("review", None)
    a.pop("review", None)
    expected = {"result": review.result.value, "by": review.by, "date": review.date.isoformat(),
                "fingerprint": review.fingerprint, **({"comment": review.comment} if review.comment else {})}
    if a != b or before.body != after.body or after.front_matter.findings or \
            not isinstance(written, dict) or {k: str(v) for k, v in written.items()} != expected:
        raise yamledit.EditError(path)
