"""The text of an evidence file, for the personal-data check: PDF (pypdf: pages, document
properties, XMP, form fields and comments), Word .docx (body, tables, text boxes,
headers, footers, footnotes, comments, tracked changes and document properties),
Excel .xlsx (openpyxl: cell values and properties) and plain text (.txt, .md, .csv,
.htm/.html in UTF-8 or GBK).

Results are cached by the file's content hash, so a build reads each unchanged file's
text once. A PDF page with no text but with an image is a scan: it is listed as
unscanned, because only a person (or OCR) can read it.
"""

from __future__ import annotations

import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from evidencesite.cache import Cache
from evidencesite.zipguard import package_problem

VERSION = 2
"""Bump when extraction changes, so cached results are not reused."""

TEXT_SUFFIXES = frozenset({".txt", ".md", ".csv", ".htm", ".html"})
READ_SUFFIXES = frozenset({".pdf", ".docx", ".xlsx"}) | TEXT_SUFFIXES
MEDIA_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp", ".tif", ".tiff", ".heic", ".heif",
                            ".mp3", ".wav", ".m4a", ".mp4", ".mov", ".avi", ".wmv", ".flv", ".mkv"})
"""Photos, audio and video: they carry no text to read (photo metadata is removed on publishing)."""


@dataclass
class Extract:
    """What could be read of one file."""

    parts: list[tuple[str, str]] = field(default_factory=list)
    """(where, text): where is "第3页", "文档属性", "工作表 Sheet1" …"""
    unscanned_pages: list[int] = field(default_factory=list)
    """PDF pages that are images only (scans)."""
    problem: str = ""
    """Why the file could not be read at all; empty when it could."""


def extract(path: Path, cache: Cache, max_bytes: float = float("inf")) -> Extract | None:
    """The text of an evidence file, or None for photos, audio and video. A file over
    `max_bytes` is not read (settings.text_scan_max_mb): it says so instead."""
    suffix = path.suffix.lower()
    if suffix in MEDIA_SUFFIXES:
        return None
    if suffix not in READ_SUFFIXES:
        return Extract(problem=f"不能自动读取 {suffix or '无扩展名'} 类型文件的文字")
    size = path.stat().st_size
    if size > max_bytes:
        return Extract(problem=f"文件有 {size / 1024 ** 2:.0f} MB,超过自动检查的上限 {max_bytes / 1024 ** 2:.0f} MB"
                               "(text_scan_max_mb),没有读取其中的文字")
    key = f"{cache.content_hash(path)}-v{VERSION}{suffix}"
    known = cache.read_json("text", key)
    if isinstance(known, dict):
        return Extract([tuple(p) for p in known["parts"]], known["unscanned_pages"], known["problem"])
    result = _read(path, suffix)
    cache.write_json("text", key, asdict(result))
    return result


def _read(path: Path, suffix: str) -> Extract:
    try:
        if suffix == ".pdf":
            return _pdf(path)
        if suffix in (".docx", ".xlsx"):
            problem = package_problem(path)
            if problem:
                return Extract(problem=problem)
            return _docx(path) if suffix == ".docx" else _xlsx(path)
        return _plain(path)
    except Exception as exc:  # a damaged file of any kind: say so, never a traceback
        return Extract(problem=f"文件无法打开(可能已损坏:{type(exc).__name__})")


def _pdf(path: Path) -> Extract:
    from pypdf import PdfReader

    reader = PdfReader(path, strict=False)
    if reader.is_encrypted and not reader.decrypt(""):
        return Extract(problem="PDF 已加密,无法读取文字")
    out = Extract()
    properties = [str(v) for v in (reader.metadata or {}).values()]
    xmp = reader.xmp_metadata
    if xmp is not None:
        properties.append(xmp.stream.get_data().decode("utf-8", "replace"))
    fields = reader.get_fields() or {}
    properties += [str(f.get("/V")) for f in fields.values() if f.get("/V") is not None]
    out.parts.append(("文档属性", "\n".join(properties)))
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text() or ""
        comments = [str(a.get_object().get("/Contents", "")) for a in page.get("/Annots") or []]
        out.parts.append((f"第{number}页", "\n".join([text, *comments])))
        if not text.strip() and _has_image(page):
            out.unscanned_pages.append(number)
    return out


def _has_image(page, depth: int = 0) -> bool:
    """Whether a page (or a form it draws) paints an image XObject."""
    resources = page.get("/Resources")
    xobjects = resources.get_object().get("/XObject") if resources else None
    for ref in (xobjects.get_object().values() if xobjects else []):
        obj = ref.get_object()
        if obj.get("/Subtype") == "/Image" or (obj.get("/Subtype") == "/Form" and depth < 5 and _has_image(obj, depth + 1)):
            return True
    return False


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_WORD_TEXT = {_W + "t", _W + "delText", _W + "instrText"}
_WORD_BREAKS = {_W + "p", _W + "tab", _W + "br", _W + "cr", _W + "tc"}


def _docx(path: Path) -> Extract:
    """Every part of the package that holds text: Word keeps text boxes, footnotes and
    comments in places a document-level API does not walk, so read the XML parts."""
    out = Extract()
    with zipfile.ZipFile(path) as package:
        for name in sorted(package.namelist()):
            if not name.endswith(".xml"):
                continue
            root = ElementTree.fromstring(package.read(name))
            if name.startswith("word/"):
                text = "".join(_word_text(root))
                where = "正文" if name == "word/document.xml" else "页眉页脚、脚注或批注"
            elif name.startswith("docProps/"):
                text, where = "\n".join(t.strip() for t in root.itertext() if t.strip()), "文档属性"
            else:
                continue
            if text.strip():
                out.parts.append((where, text))
    return out


def _word_text(element: ElementTree.Element):
    if element.tag in _WORD_TEXT:
        yield element.text or ""
    for child in element:
        yield from _word_text(child)
    if element.tag in _WORD_BREAKS:
        yield "\n"


def _xlsx(path: Path) -> Extract:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        out = Extract()
        props = book.properties
        out.parts.append(("文档属性", "\n".join(str(v) for v in (props.creator, props.lastModifiedBy, props.title,
                                                              props.subject, props.description, props.keywords) if v)))
        for sheet in book.worksheets:
            lines = ["\t".join(_cell(v) for v in row if v is not None) for row in sheet.iter_rows(values_only=True)]
            out.parts.append((f"工作表 {sheet.title}", "\n".join(lines)))
        return out
    finally:
        book.close()


def _cell(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 13812345678.0 is a phone number typed as a number
    return str(value)


def _plain(path: Path) -> Extract:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030", "utf-16"):
        try:
            return Extract(parts=[("正文", raw.decode(encoding))])
        except UnicodeDecodeError:
            continue
    return Extract(problem="文字编码无法识别")
