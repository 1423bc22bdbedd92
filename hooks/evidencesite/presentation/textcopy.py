"""Text evidence that opens right in any browser (issue 14).

A .txt or .csv file is served by most servers without a charset (`python -m http.server`,
nginx's default, file://), and browsers then guess a legacy encoding: Chinese UTF-8 text
shows as mojibake. A byte order mark overrides every guess and every header, so the
published copy is the text as UTF-8 with a BOM (GBK/GB18030 text is converted; Excel on
Chinese Windows also needs the BOM to open a UTF-8 CSV). The original in evidence/ is
only read; the copy lives in the build cache and is what the checksums cover.
"""

from __future__ import annotations

from pathlib import Path

from evidencesite.files.cache import Cache

SUFFIXES = (".txt", ".csv")
VERSION = 1
BOM = b"\xef\xbb\xbf"


def is_text(path: str) -> bool:
    return path.lower().endswith(SUFFIXES)


def as_utf8_with_bom(data: bytes) -> bytes | None:
    """The text as UTF-8 with a BOM; None when it is neither UTF-8 nor GB18030 text (left
    as it is: a file with NUL bytes or undecodable bytes is not text a browser would show)."""
    if data.startswith(BOM):
        return data
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its own mark: browsers read it right
        return None
    if b"\x00" in data:
        return None
    for encoding in ("utf-8", "gb18030"):
        try:
            return BOM + data.decode(encoding).encode("utf-8")
        except UnicodeDecodeError:
            continue
    return None


def published_copy(source: Path, cache: Cache) -> Path | None:
    """The cached UTF-8-with-BOM copy of `source`, made now if needed; None to publish the
    original unchanged (it already has a BOM, or is not decodable text)."""
    target = cache.path("text", f"{cache.content_hash(source)}-v{VERSION}", source.suffix.lower())
    if target.is_file():
        return target
    data = source.read_bytes()
    copy = as_utf8_with_bom(data)
    if copy is None or copy == data or not cache.write(target, copy):
        return None
    return target
