"""Personal data in text: resident ID numbers and mainland mobile numbers, found and
masked the way government sites mask them (138****1234, 4109**********123X).

Text is matched after NFKC normalisation, so full-width digits (１３８…) count, but the
masked text keeps everything else exactly as written. A resident ID must have a valid
check character (GB 11643-1999) and a real birth date, which keeps random 18-digit
runs (document numbers, account numbers) from matching; a number inside a longer run
of digits never matches. Nothing here reads files or knows about MkDocs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass

ID_CARD = "身份证号码"
MOBILE = "手机号码"

_ID = re.compile(r"(?<![0-9])[1-9][0-9]{5}(?:18|19|20)[0-9]{2}[01][0-9][0-3][0-9][0-9]{3}[0-9Xx](?![0-9])")
_MOBILE = re.compile(r"(?<![0-9])(?:(?:\+|00)?86[ -]?)?(?P<number>1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4})(?![0-9])")
# Necessary conditions without look-arounds, each starting with a literal: the regex
# engine then jumps from one occurrence of the literal to the next instead of trying
# every position (a page's navigation and icons hold 50,000 characters).
_QUICK_MOBILE = re.compile(r"1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}")
_QUICK_IDS = tuple(re.compile(century + r"[0-9]{2}[01][0-9][0-3][0-9]{4}[0-9Xx]") for century in ("18", "19", "20"))
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
    return bool(_QUICK_MOBILE.search(normal) or any(p.search(normal) for p in _QUICK_IDS))


def find(text: str) -> list[Match]:
    """Every resident ID and mobile number in `text`, in order of position."""
    if not might_hold(text):
        return []  # the common case
    normal, origin = _normalise_with_origin(text)
    found: list[Match] = []
    taken: list[tuple[int, int]] = []
    for m in _ID.finditer(normal):
        if is_resident_id(m.group()):
            found.append(Match(ID_CARD, m.group().upper(), origin[m.start()], origin[m.end()]))
            taken.append(m.span())
    for m in _MOBILE.finditer(normal):
        start, end = m.span("number")
        if not any(s < end and start < e for s, e in taken):
            found.append(Match(MOBILE, re.sub(r"[ -]", "", m.group("number")), origin[start], origin[end]))
    return sorted(found, key=lambda f: f.start)


def mask(text: str, allowed: Collection[str] = ()) -> str:
    """`text` with every match masked, except values in `allowed` (reviewed false positives)."""
    matches = [m for m in find(text) if m.value not in allowed]
    if not matches:
        return text
    out, last = [], 0
    for m in matches:
        out += [text[last:m.start], m.masked]
        last = m.end
    out.append(text[last:])
    return "".join(out)


def allow_hash(path: str, value: str) -> str:
    """What the allow-list keeps for a reviewed number: sha256 of "<path>\\n<value>", never the value."""
    return hashlib.sha256(f"{path}\n{value}".encode("utf-8")).hexdigest()


def _normalise_with_origin(text: str) -> tuple[str, list[int]]:
    """NFKC text character by character, with the original index of every output character
    (and one past the end), so a match in the normalised text maps back to the original."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        n = ch if ch.isascii() else unicodedata.normalize("NFKC", ch)
        out.append(n)
        origin.extend([i] * len(n))
    origin.append(len(text))
    return "".join(out), origin


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
    """Mask text nodes and visible attribute values; leave tags and link URLs working.

    A number inside an http(s) link's URL is not masked (that would break the link);
    the source scan reports it so staff can remove it.
    """
    if not might_hold(html):
        return html  # most pages: one pass instead of one per text node

    def text(part: str) -> str:
        return mask(part, allowed)

    return "".join(_mask_tag(part, text) if part.startswith("<") else text(part)
                   for part in _HTML_PARTS.split(html) if part)


def _mask_tag(tag: str, text: Callable[[str], str]) -> str:
    if tag.startswith("<!--"):
        return text(tag)

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
    """(line number, match) for every match in a multi-line text, lines counted from 1."""
    if not might_hold(text):
        return  # most pages: one quick test instead of one per line
    for number, line in enumerate(text.splitlines(), start=1):
        for m in find(line):
            yield number, m
