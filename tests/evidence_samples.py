"""Evidence files made at test time with the real libraries (pypdf, python-docx, Pillow):
text PDFs with document properties, image-only (scanned) PDFs, Word files and photos
carrying EXIF with GPS, a JPEG comment and XMP. Binary fixtures are generated rather
than committed so that what they hold is readable here."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from make_demo import pdf_bytes  # noqa: E402  (the demo's minimal one-page text PDF)

GPS_IFD = 0x8825
ORIENTATION = 0x0112
ARTIST = 0x013B


def text_pdf(text: str, metadata: dict[str, str] | None = None) -> bytes:
    """A one-page PDF showing `text` (ASCII), with optional document properties."""
    from pypdf import PdfReader, PdfWriter

    data = pdf_bytes(text)
    if not metadata:
        return data
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.add_metadata(metadata)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scanned_pdf(pages: int = 2) -> bytes:
    """A PDF whose pages are images only, as a scanner makes them."""
    images = [Image.new("RGB", (120, 160), (230, 230, 230 - 20 * i)) for i in range(pages)]
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:])
    return out.getvalue()


def docx(paragraphs: list[str], author: str = "", table: list[list[str]] | None = None) -> bytes:
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
    document.core_properties.author = author
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def photo(fmt: str = "JPEG", size: tuple[int, int] = (300, 200), *, gps: bool = True, orientation: int = 1,
          comment: str = "", artist: str = "", xmp: str = "") -> bytes:
    """A photo with the metadata a phone camera writes: GPS position, orientation, artist, comment, XMP."""
    image = Image.new("RGB", size, (180, 40, 40))
    image.paste((40, 40, 180), (0, 0, size[0] // 3, size[1] // 3))  # a mark to see the orientation by
    exif = Image.Exif()
    if gps:
        exif[GPS_IFD] = {1: "N", 2: (35.0, 45.0, 36.0), 3: "E", 4: (115.0, 1.0, 48.0)}
    if orientation != 1:
        exif[ORIENTATION] = orientation
    if artist:
        exif[ARTIST] = artist
    options: dict = {"exif": exif.tobytes()}
    if xmp:
        options["xmp"] = f'<x:xmpmeta xmlns:x="adobe:ns:meta/">{xmp}</x:xmpmeta>'.encode()
    if fmt == "JPEG" and comment:
        options["comment"] = comment.encode()
    if fmt == "PNG" and comment:
        from PIL import PngImagePlugin
        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", comment)
        options["pnginfo"] = info
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()
