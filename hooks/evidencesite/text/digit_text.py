"""Text as a reader sees its digits: the normalisation personal_data matches numbers on.

People and editors write one number in many ways: full-width digits (１３８), spaces,
dots and dashes of every width between groups (138-1234-5678, 410901 19900101 1231),
a line break inside a paragraph, zero-width characters pasted from a web page, HTML
comments, inline tags (138<b>1234</b>5678) and character references (&#49;&#51;&#56;).
`normalise` turns a text into a string where:

- each digit (and the letter X of an ID) stands alone, whatever it was written as;
- a short run of visible separators between characters (spaces, dashes, dots, Markdown's
  emphasis marks; at most three besides spaces, with at most one line break) is one
  space, " " (so the mask 138****5678 is no number any more);
- invisible characters, comments and inline tags are gone;
- a block tag (<td>, <p>, <li> …), a paragraph break or a long gap is "|", which no
  pattern crosses, so numbers in two table cells never join;

and keeps, for each character of it, the span of the original text it came from, so a
match found there masks the original text in place. Nothing here knows what a number
means (personal_data does) or reads files.
"""

from __future__ import annotations

import html.entities
import re
import unicodedata
from dataclasses import dataclass

SEPARATOR = " "
BOUNDARY = "|"

INLINE_TAGS = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins",
                         "kbd", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time",
                         "tt", "u", "var", "wbr"})
"""Tags that do not break a line: a number written across them reads as one number."""

_INVISIBLE = frozenset("\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180e\u200b\u200c\u200d\u200e"
                       "\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069"
                       "\ufeff\r")
_DOTS = frozenset(".\u00b7\u2022\u2027\u30fb\uff65\u2219")
_MARKDOWN = frozenset("*_~`")
_MAX_RUN = 3

# Markup: a comment, a tag, or a character reference (named ones need their semicolon).
_MARKUP = re.compile(r"<!--.*?(?:-->|\Z)|</?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>|&(#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});",
                     re.S)

# Where a number could be: "digit units" (a digit, or a reference that could spell one)
# joined by short gaps of what `normalise` reads as a separator or nothing (spaces, dashes,
# dots, emphasis marks, invisible characters, inline tags, comments, other references).
# Only such clusters are normalised, so a page whose digits sit in dates, codes and icons
# costs a few regex scans. Every number personal_data finds lies inside one.
_UNIT = r"(?:[0-9]|&#0*(?:4[89]|5[0-7]);|&#[xX]0*3[0-9];)"
_SEPARATOR_CHARS = ("\\s\\-.*_~`\u00b7\u2022\u2027\u30fb\uff65\u2219\u2010-\u2015\u2212\ufe58\ufe63\uff0d"
                    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180e\u200b-\u200f\u202a-\u202e"
                    "\u2060-\u2064\u2066-\u2069\ufeff")
_GAP = (r"(?:[" + _SEPARATOR_CHARS + r"]|<!--[^<>]{0,4000}-->|</?[A-Za-z][^<>]{0,4000}>"
        r"|&(?!#0*(?:4[89]|5[0-7]);|#[xX]0*3[0-9];)[#A-Za-z0-9]{1,32};){0,8}+")
CLUSTER = re.compile(_UNIT + r"(?:" + _GAP + _UNIT + r"){10,}", re.S)

_TAG_OR_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", re.S)


def blank_markup(text: str) -> str:
    """text with the inside of every tag and comment replaced by letters, same length:
    digits in attributes (an SVG icon's path holds hundreds) are no text a reader sees,
    and no CLUSTER should start there. Offsets stay those of text."""
    if "<" not in text:
        return text
    return _TAG_OR_COMMENT.sub(_blank, text)


def _blank(m: re.Match) -> str:
    whole = m.group()
    if whole.startswith("<!--"):
        return "<!--" + "a" * (len(whole) - 7) + "-->" if whole.endswith("-->") and len(whole) >= 7 else "a" * len(whole)
    name = _TAG_NAME.match(whole)
    if name and name.group(1).lower() not in INLINE_TAGS and name.group(1).lower() != "br":
        return BOUNDARY * len(whole)  # a block tag: normalise makes it a boundary too
    return "<a" + "a" * (len(whole) - 3) + ">"


_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")


@dataclass(frozen=True)
class Normal:
    text: str
    spans: list[tuple[int, int]]
    """For each character of text: its [start, end) in the original."""


def normalise(source: str, start: int = 0, end: int | None = None) -> Normal:
    """source[start:end] normalised (see the module docstring), spans in source's indices."""
    end = len(source) if end is None else end
    chars: list[str] = []
    spans: list[tuple[int, int]] = []
    i = start
    while i < end:
        ch = source[i]
        if ch in "<&":
            m = _MARKUP.match(source, i, end)
            if m:
                _markup(m, chars, spans)
                i = m.end()
                continue
        _character(ch, i, i + 1, chars, spans)
        i += 1
    return _collapse(chars, spans)


def _markup(m: re.Match, chars: list[str], spans: list[tuple[int, int]]) -> None:
    span = m.span()
    if m.group(0).startswith("<!--"):
        return
    if m.group(1) is not None:
        name = m.group(1).lower()
        if name == "br":
            chars.append("\n")
            spans.append(span)
        elif name not in INLINE_TAGS:
            chars.append(BOUNDARY)
            spans.append(span)
        return
    ref = m.group(2)
    if ref.startswith("#"):
        try:
            decoded = chr(int(ref[2:], 16) if ref[1:2] in "xX" else int(ref[1:]))
        except (ValueError, OverflowError):
            decoded = BOUNDARY
    else:
        decoded = html.entities.html5.get(ref + ";", BOUNDARY)
    for ch in decoded:
        _character(ch, *span, chars, spans)


def _character(ch: str, start: int, end: int, chars: list[str], spans: list[tuple[int, int]]) -> None:
    if ch in _INVISIBLE:
        return
    if ch in _MARKDOWN:
        n = "-"  # emphasis and code marks: **137**2345 renders as <strong>137</strong>2345
    elif ch.isascii():
        n = ch
    else:
        n = unicodedata.normalize("NFKC", ch)
        if unicodedata.category(ch) == "Pd" or ch == "\u2212":
            n = "-"
        elif ch in _DOTS:
            n = "."
    for c in n:
        if c == "\n":
            chars.append("\n")
        elif c.isspace():
            chars.append(" ")
        elif c in _DOTS:
            chars.append(".")
        else:
            chars.append(c)
        spans.append((start, end))


def _collapse(chars: list[str], spans: list[tuple[int, int]]) -> Normal:
    """Runs of separators ( -.\\n) become one SEPARATOR, or a BOUNDARY when long or a paragraph break."""
    out: list[str] = []
    out_spans: list[tuple[int, int]] = []
    i, n = 0, len(chars)
    while i < n:
        if chars[i] not in " -.\n":
            out.append(chars[i])
            out_spans.append(spans[i])
            i += 1
            continue
        j = i
        while j < n and chars[j] in " -.\n":
            j += 1
        run = chars[i:j]
        short = sum(1 for c in run if c != " ") <= _MAX_RUN and run.count("\n") <= 1 and len(run) <= 8
        out.append(SEPARATOR if short else BOUNDARY)
        out_spans.append((spans[i][0], spans[j - 1][1]))
        i = j
    return Normal("".join(out), out_spans)
