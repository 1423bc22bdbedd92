"""Personal data in text: resident ID numbers and mainland mobile numbers, found and
masked the way government sites mask them (138****1234, 4109**********123X).

Text is matched after digit_text's normalisation: full-width digits, separators of every
width between groups, zero-width characters, line breaks inside a paragraph, comments,
inline tags and character references between digits all still spell the number; the
masked text keeps everything else exactly as written. A resident ID must have a valid
check character (GB 11643-1999) and a real birth date, which keeps random 18-digit
runs (document numbers, account numbers) from matching; a number inside a longer run
of digits never matches. Nothing here reads files or knows about MkDocs.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field

from evidencesite.text.digit_text import CLUSTER, SEPARATOR, Normal, blank_markup, normalise
from evidencesite.catalogue.reading import say

ID_CARD = say("personal_data.kind-id-number")
MOBILE = say("personal_data.kind-mobile")

# On digit_text's normal text, where " " is any short run of separators between groups.
_ID = re.compile(r"(?<![0-9])[1-9][0-9]{5} ?(?:18|19|20)[0-9]{2} ?[01][0-9][0-3][0-9] ?[0-9]{3} ?[0-9Xx](?![0-9])")
_MOBILE = re.compile(r"(?<![0-9])(?:(?:\+|00)?86 ?)?(?P<number>1[3-9][0-9] ?[0-9]{4} ?[0-9]{4})(?![0-9])")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


@dataclass(frozen=True)
class Match:
    """One number found in a text: what it is, the normalised value and where it was written."""

    kind: str
    """ID_CARD or MOBILE."""
    value: str
    """Digits only (an ID's check character upper-case): the form hashes are taken of."""
    start: int
    end: int
    """The span in the original text (not the normalised one)."""
    digits: tuple[tuple[int, int], ...] = field(default=(), compare=False, repr=False)
    """The original span of each character of value, in order (several characters for a
    character reference)."""

    @property
    def masked(self) -> str:
        return mask_value(self.kind, self.value)


def id_check_character(first17: str) -> str:
    """The check character for the first 17 digits of a resident ID."""
    return _ID_CHECK[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS)) % 11]


def is_resident_id(value: str, today: dt.date | None = None) -> bool:
    """18 characters with a valid check character and a real birth date not in the future."""
    value = value.upper()
    if not re.fullmatch(r"[1-9][0-9]{16}[0-9X]", value):
        return False
    try:
        born = dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    return born.year >= 1850 and born <= (today or dt.date.today()) and id_check_character(value[:17]) == value[17]


def mask_value(kind: str, value: str) -> str:
    """138****1234 for a mobile number, 4109**********123X for a resident ID."""
    if kind == MOBILE:
        return value[:3] + "****" + value[-4:]
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def might_hold(text: str) -> bool:
    """A quick test, at C speed, that is false whenever `find(text)` is empty."""
    normal = text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)
    return bool(CLUSTER.search(blank_markup(normal)))


def find(text: str) -> list[Match]:
    """Every resident ID and mobile number in `text`, in order of position."""
    if not might_hold(text):
        return []  # the common case
    if not text.isascii() and not unicodedata.is_normalized("NFKC", text):
        # NFKC can change lengths, so clusters found in the NFKC text do not map back: read it all.
        return [m for m in _find_in(text, 0, len(text)) if not _in_digest(text, m)]
    found: list[Match] = []
    for cluster in CLUSTER.finditer(blank_markup(text)):
        start, end = _widen(text, *cluster.span())
        found += _find_in(text, start, end)
    return sorted({m for m in found if not _in_digest(text, m)}, key=lambda f: f.start)


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """A cluster with the few characters around it that a pattern looks at (+86, a
    separator), and never starting or ending inside a tag or character reference: a
    number in an attribute is a tag's business (`_mask_tag`), not the text's."""
    start, end = max(0, start - 6), min(len(text), end + 2)
    opened = text.rfind("<", max(0, start - 400), start)
    if opened >= 0 and text.find(">", opened, start) < 0:
        start = opened
    amp = text.rfind("&", max(0, start - 33), start)
    if amp >= 0 and text.find(";", amp, start) < 0:
        start = amp
    opened = text.rfind("<", start, end)
    if opened >= 0 and text.find(">", opened, end) < 0:
        closed = text.find(">", end, end + 400)
        end = closed + 1 if closed >= 0 else end
    semi = text.find(";", end, end + 33)
    amp = text.rfind("&", start, end)
    if amp >= 0 and text.find(";", amp, end) < 0 and semi >= 0:
        end = semi + 1
    return start, end


def _find_in(text: str, start: int, end: int) -> list[Match]:
    normal = normalise(text, start, end)
    found: list[Match] = []
    taken: list[tuple[int, int]] = []
    for m in _ID.finditer(normal.text):
        value = m.group().replace(SEPARATOR, "").upper()
        if is_resident_id(value):
            found.append(_match(ID_CARD, value, normal, *m.span()))
            taken.append(m.span())
    for m in _MOBILE.finditer(normal.text):
        start_n, end_n = m.span("number")
        if not any(s < end_n and start_n < e for s, e in taken):
            found.append(_match(MOBILE, m.group("number").replace(SEPARATOR, ""), normal, start_n, end_n))
    return found


def _match(kind: str, value: str, normal: Normal, start: int, end: int) -> Match:
    digits = tuple(normal.spans[i] for i in range(start, end) if normal.text[i] != SEPARATOR)
    return Match(kind, value, normal.spans[start][0], normal.spans[end - 1][1], digits)


_HEX_RUN = re.compile(r"[0-9A-Fa-f]{32,}")


def _in_digest(text: str, m: Match) -> bool:
    """Inside a run of 32 or more hex digits: a checksum (SHA-256 in manifests and
    allow-lists), whose digits can happen to read as a mobile number."""
    left = m.start
    while left > 0 and text[left - 1] in _HEX and m.start - left < 64:
        left -= 1
    return bool(_HEX_RUN.match(text, left)) and _HEX_RUN.match(text, left).end() >= m.end


_HEX = frozenset("0123456789abcdefABCDEF")


def mask(text: str, allowed: Collection[str] = ()) -> str:
    """`text` with every match masked, except values in `allowed` (reviewed false positives).

    A number written plainly (digits and separators) is replaced whole (138****5678); one
    written across markup has only its hidden digits replaced, so the tags stay intact."""
    matches = [m for m in find(text) if m.value not in allowed]
    if not matches:
        return text
    out, last = [], 0
    for m in matches:
        if m.start < last:
            continue
        out.append(text[last:m.start])
        written = text[m.start:m.end]
        if "<" in written or "&" in written:
            out.append(_star_hidden(text, m))
        else:
            out.append(m.masked)
        last = m.end
    out.append(text[last:])
    return "".join(out)


def _star_hidden(text: str, m: Match) -> str:
    keep = 3 if m.kind == MOBILE else 4
    hidden = set(m.digits[keep:len(m.digits) - 4])
    out, last = [], m.start
    for span in m.digits:
        if span in hidden:
            out += [text[last:span[0]], "*"]
            last = span[1]
    out.append(text[last:m.end])
    return "".join(out)


def allow_hash(path: str, value: str) -> str:
    """What the allow-list keeps for a reviewed number: sha256 of "<path>\\n<value>", never the value."""
    return hashlib.sha256(f"{path}\n{value}".encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------

_HTML_PARTS = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
_ATTRIBUTE = re.compile(r"""(\s([\w:.-]+)\s*=\s*)("[^"]*"|'[^']*')""")
# Attributes whose values readers see or hear, and anchors (made from headings); URLs stay
# intact except their #fragment (an anchor) and tel:/sms: links.
_TEXT_ATTRIBUTES = frozenset({"alt", "title", "aria-label", "content", "value", "placeholder", "data-title", "id"})
_URL_ATTRIBUTES = frozenset({"href", "src", "action"})


def mask_html(html: str, allowed: Collection[str] = ()) -> str:
    """Mask text nodes (a number written across inline tags included) and visible
    attribute values; leave tags and link URLs working.

    A number inside an http(s) link's URL is not masked (that would break the link);
    the source scan reports it so staff can remove it.
    """
    if not might_hold(html):
        return html  # most pages: one quick test

    def text(part: str) -> str:
        return mask(part, allowed)

    return "".join(_mask_tag(part, text) if part.startswith("<") else part
                   for part in _HTML_PARTS.split(mask(html, allowed)) if part)


def _mask_tag(tag: str, text: Callable[[str], str]) -> str:
    if tag.startswith("<!--"):
        return "<!--" + text(tag[4:-3]) + "-->" if tag.endswith("-->") else text(tag)

    def attribute(m: re.Match) -> str:
        name, value = m.group(2).lower(), m.group(3)
        if name in _TEXT_ATTRIBUTES:
            return m.group(1) + text(value)
        if name in _URL_ATTRIBUTES:
            return m.group(1) + mask_url(value, text)
        return m.group(0)

    return _ATTRIBUTE.sub(attribute, tag)


def mask_url(url: str, text: Callable[[str], str]) -> str:
    """A URL with its #fragment masked (anchors are made from headings), and a tel: or
    sms: link masked whole; the rest is left alone so the link keeps working."""
    if url.lstrip("\"'").lower().startswith(("tel:", "sms:")):
        return text(url)
    head, sep, fragment = url.partition("#")
    return head + sep + text(fragment) if sep else url


def iter_lines(text: str) -> Iterator[tuple[int, Match]]:
    """(line number, match) for every match in a multi-line text, lines counted from 1;
    a number broken across two lines is found, on the line where it starts."""
    if not might_hold(text):
        return  # most pages: one quick test
    starts = [m.end() for m in _LINE_END.finditer(text)]
    for m in find(text):
        yield bisect.bisect_right(starts, m.start) + 1, m


_LINE_END = re.compile(r"\r\n|\r|\n")
