"""The text of an evidence file, for the personal-data check: PDF (pypdf: pages, document
properties, XMP, form fields and comments), Word .docx (body, tables, text boxes,
headers, footers, footnotes, comments, tracked changes and document properties),
Excel .xlsx (openpyxl: cell values and properties) and plain text (.txt, .md, .csv,
.htm/.html in UTF-8, GBK or UTF-16 with or without BOM; HTML character references decoded).

Hidden parts are read too (the "隐藏部分" part): in Word and Excel files every attribute
that holds text (comment authors, alt text, link targets, sheet and defined names),
customXml, Excel formulas, headers and footers and cell comments; in PDFs bookmarks,
annotation authors, link URIs and form field names. A part that cannot be read at all
(an embedded object, a PDF attachment) makes the file unscanned: a person must look.

Results are cached by the file's content hash, so a build reads each unchanged file's
text once. A PDF page with no text but with an image is a scan: it is listed as
unscanned, because only a person (or OCR) can read it.
"""

from __future__ import annotations

import html
import re
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from evidencesite.files.cache import Cache
from evidencesite.files.zipguard import package_problem
from evidencesite.catalogue.reading import say

VERSION = 2
"""Bump when extraction changes, so cached results are not reused."""

TEXT_SUFFIXES = frozenset({".txt", ".md", ".csv", ".htm", ".html", ".css", ".js", ".json", ".yml", ".yaml", ".xml"})
READ_SUFFIXES = frozenset({".pdf", ".docx", ".xlsx"}) | TEXT_SUFFIXES
MEDIA_SUFFIXES = frozenset({".jpg", ".jpeg", ".jfif", ".jpe", ".png", ".gif", ".bmp", ".webp", ".tif", ".tiff", ".heic", ".heif",
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
        return Extract(problem=say("evidence_text.unreadable-type", suffix=suffix or say("evidence_text.no-suffix")))
    size = path.stat().st_size
    if size > max_bytes:
        return Extract(problem=say("evidence_text.too-large", size=size / 1024 ** 2, max_bytes=max_bytes / 1024 ** 2))
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
        return Extract(problem=say("evidence_text.unopenable", error=type(exc).__name__))


def _pdf(path: Path) -> Extract:
    from pypdf import PdfReader

    reader = PdfReader(path, strict=False)
    if reader.is_encrypted and not reader.decrypt(""):
        return Extract(problem=say("evidence_text.pdf-encrypted"))
    out = Extract()
    properties = [str(v) for v in (reader.metadata or {}).values()]
    xmp = reader.xmp_metadata
    if xmp is not None:
        properties.append(xmp.stream.get_data().decode("utf-8", "replace"))
    fields = reader.get_fields() or {}
    properties += [str(f.get("/V")) for f in fields.values() if f.get("/V") is not None]
    out.parts.append((say("evidence_text.where-properties"), "\n".join(properties)))
    hidden = [str(name) for name in fields]  # form field names
    hidden += _outline_titles(reader.outline)
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text() or ""
        annotations = [a.get_object() for a in page.get("/Annots") or []]
        comments = [str(a.get("/Contents", "")) for a in annotations]
        out.parts.append((say("evidence_text.where-page", number=number), "\n".join([text, *comments])))
        for annotation in annotations:
            action = annotation.get("/A")
            action = action.get_object() if action is not None else {}
            hidden += [str(v) for v in (annotation.get("/T"), action.get("/URI") if hasattr(action, "get") else None)
                       if v is not None]
        if not text.strip() and _has_image(page):
            out.unscanned_pages.append(number)
    out.parts.append((say("evidence_text.where-hidden"), _SEPARATE.join(hidden)))
    if reader.attachments:
        out.problem = say("evidence_text.pdf-attachments", attachments='、'.join(list(reader.attachments)[:3]))
    return out


def _outline_titles(outline, depth: int = 0) -> list[str]:
    titles: list[str] = []
    for entry in outline if depth < 20 else []:
        if isinstance(entry, list):
            titles += _outline_titles(entry, depth + 1)
        elif getattr(entry, "title", None):
            titles.append(str(entry.title))
    return titles


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
                where = say("evidence_text.where-body") if name == "word/document.xml" else say("evidence_text.where-notes")
            elif name.startswith("docProps/"):
                text, where = "\n".join(t.strip() for t in root.itertext() if t.strip()), say("evidence_text.where-properties")
            else:
                continue
            if text.strip():
                out.parts.append((where, text))
        _hidden_parts(package, out, lambda name: name.startswith("customXml/"))
    return out


_SEPARATE = "\n\n"
"""Between unrelated values: a paragraph break, never read as a number written across lines."""
_EMBEDDED = re.compile(r"(^|/)(embeddings|activeX)/|\.bin$", re.I)
_CELL_VALUES = re.compile(r"^xl/(sharedStrings\.xml|worksheets/[^/]+\.xml)$")
_S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _hidden_parts(package: zipfile.ZipFile, out: Extract, text_wanted) -> None:
    """The parts of an Office file a reader does not see on the page: attribute values that
    hold text (authors, alt text, link targets, names) in every XML part, the text of the
    parts `text_wanted` names; an embedded object makes the file unscanned."""
    hidden: list[str] = []
    embedded: list[str] = []
    for name in sorted(package.namelist()):
        if _EMBEDDED.search(name):
            embedded.append(name.rsplit("/", 1)[-1])
            continue
        if not name.endswith((".xml", ".rels")):
            continue
        root = ElementTree.fromstring(package.read(name))
        for element in root.iter():
            hidden += [v for v in element.attrib.values() if not v.isascii() or sum(c.isdigit() for c in v) >= 6]
        if text_wanted(name):
            hidden += [t for t in root.itertext() if t.strip()]
    out.parts.append((say("evidence_text.where-hidden"), _SEPARATE.join(hidden)))
    if embedded:
        out.problem = say("evidence_text.embedded-objects", embedded='、'.join(embedded[:3]))


def _xlsx_hidden_text(root: ElementTree.Element) -> list[str]:
    """A worksheet's text other than its cell values (read by openpyxl): formulas,
    headers and footers."""
    return [e.text for e in root.iter() if e.text and e.text.strip() and e.tag not in (_S + "v", _S + "t")]


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
        out.parts.append((say("evidence_text.where-properties"),
                          "\n".join(str(v) for v in (props.creator, props.lastModifiedBy, props.title,
                                                              props.subject, props.description, props.keywords) if v)))
        for sheet in book.worksheets:
            lines = ["\t".join(_cell(v) for v in row if v is not None) for row in sheet.iter_rows(values_only=True)]
            out.parts.append((say("evidence_text.where-sheet", title=sheet.title), "\n".join(lines)))
    finally:
        book.close()
    with zipfile.ZipFile(path) as package:
        worksheets: list[str] = []
        for name in package.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                worksheets += _xlsx_hidden_text(ElementTree.fromstring(package.read(name)))
        # Every other XML part's text: comments, workbook (defined names), customXml.
        _hidden_parts(package, out, lambda name: name.endswith(".xml") and not _CELL_VALUES.match(name)
                      and not name.startswith("docProps/"))
        out.parts.append((say("evidence_text.where-hidden"), _SEPARATE.join(worksheets)))
    return out


def _cell(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 13812345678.0 is a phone number typed as a number
    return str(value)


def _plain(path: Path) -> Extract:
    raw = path.read_bytes()
    for encoding in (*_utf16(raw), "utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if path.suffix.lower() in (".htm", ".html"):
            text = html.unescape(text)  # &#49;&#51;&#57; is a number to anyone who opens the page
        return Extract(parts=[(say("evidence_text.where-body"), text)])
    return Extract(problem=say("evidence_text.encoding-unknown"))


def _utf16(raw: bytes) -> tuple[str, ...]:
    """UTF-16 first when the bytes say so: a BOM, or (Notepad's "Unicode" without BOM) NUL
    bytes in every other position of ASCII text, which UTF-8 would also accept as text."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return ("utf-16",)
    sample = raw[:4096]
    if len(sample) >= 4 and sample.count(0) * 4 >= len(sample):
        return ("utf-16-le",) if sample[1::2].count(0) > sample[0::2].count(0) else ("utf-16-be",)
    return ()
