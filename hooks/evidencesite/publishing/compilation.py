"""The compiled materials (材料汇编): one PDF of the whole declaration, to print or email.

A cover, a table of contents with page numbers, then per level-1 area and indicator a
cover sheet (ID, title, lead unit, status, the evidence list with the page each item
starts on, the page's QR code) followed by its materials: PDFs appended page by page,
photos placed on a page each, text 情况简介 set as text, Word/Excel/WPS files converted
through LibreOffice when it is installed (office.py), and otherwise a page that says
where the original is in the package. Bookmarks per area, indicator and item; a page
number in every footer, appended pages included; the Chinese font embedded as a subset
(labels.register_font).

The layout is decided before anything is drawn (every part knows its page count), so
the contents and the cover sheets can name final page numbers in one pass. Pages made
here are drawn with reportlab; pypdf appends the evidence PDFs and stamps their footers.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from evidencesite.checks import images
from evidencesite.publishing import labels, qrcodes
from evidencesite.files import office
from evidencesite.files.atomicwrite import atomic_output
from evidencesite.files.cache import Cache
from evidencesite.publishing.declaration import TEXT_SUFFIXES, ItemPlan, Package, Section
from evidencesite.catalogue.messages import finding
from evidencesite.model import Audience, EvidenceType, Finding
from evidencesite.reading.sourcefile import SourceError, read_text
from evidencesite.catalogue.publishing import say
from evidencesite.model.site import Site


PAGE_W, PAGE_H = 210 * mm, 297 * mm
MARGIN = 20 * mm
TEXT_W = PAGE_W - 2 * MARGIN
TOC_LINES = 40
TEXT_SIZE, TEXT_LEADING = 11, 18
TEXT_LINES = int((PAGE_H - 2 * MARGIN - 20 * mm) // TEXT_LEADING)
PHOTO_MAX_PX = 1400
"""Photos in the compilation are scaled to this longest edge: sharp on an A4 page at
about 170 dpi, and the PDF stays small enough to email."""
PHOTO_SUFFIXES = frozenset(images.SUFFIXES)

Draw = Callable[[canvas.Canvas], None]


@dataclass
class Part:
    """What one item puts in the compilation: appended PDF pages, or pages drawn here."""

    plan: ItemPlan
    pdf: object | None = None
    """A pypdf reader whose pages are appended."""
    draws: list[Draw] = field(default_factory=list)
    first_page: int = 0

    @property
    def pages(self) -> int:
        return len(self.pdf.pages) if self.pdf is not None else len(self.draws)


@dataclass
class Chapter:
    section: Section
    parts: list[Part]
    first_page: int = 0

    @property
    def pages(self) -> int:
        return 1 + sum(p.pages for p in self.parts)


@dataclass
class Compilation:
    pages: int
    findings: list[Finding]


def compile_pdf(package: Package, site: Site, out: Path, font: str) -> Compilation:
    """Write the compilation to `out` (atomically); its page count and what it could not include."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import Link

    cache = site.cache
    findings: list[Finding] = []
    with atomic_output(out) as temp, tempfile.TemporaryDirectory(prefix="evidence-compile-") as work:
        workdir = Path(work)
        converted = office.convert(_office_sources(package, site), cache, workdir)
        chapters = _chapters(package, site, cache, converted, font, findings)
        areas = _area_order(chapters, site)
        toc = _toc_lines(areas)
        toc_pages = max(1, -(-len(toc) // TOC_LINES))
        page = 1 + toc_pages
        for _, members in areas:
            for chapter in members:
                chapter.first_page = page + 1
                page += 1
                for part in chapter.parts:
                    part.first_page = page + 1
                    page += part.pages
        total = page
        order = [c for _, members in areas for c in members]
        links: list = []
        drawn = _draw_own_pages(package, areas, toc, toc_pages, order, total, font, links)
        own = PdfReader(io.BytesIO(drawn))
        writer = PdfWriter()
        stamped: list[tuple[object, int, str]] = []
        own_index = 0

        def add_own() -> None:
            nonlocal own_index
            writer.add_page(own.pages[own_index])
            own_index += 1

        for _ in range(1 + toc_pages):
            add_own()
        for chapter in order:
            add_own()
            for part in chapter.parts:
                if part.pdf is None:
                    for _ in part.draws:
                        add_own()
                    continue
                for source_page in part.pdf.pages:
                    added = writer.add_page(source_page)
                    added.transfer_rotation_to_content()
                    # a printed page of an appended file says whose material it is
                    stamped.append((added, len(writer.pages), f"{chapter.section.indicator.id} 材料{part.plan.number}"))
        _stamp_footers(stamped, total, package.audience, font)
        for page_index, rect, target in links:
            writer.add_annotation(page_index, Link(rect=rect, target_page_index=target))
        _outline(writer, areas, toc_pages)
        writer.add_metadata({"/Title": f"{package.site_name}申报材料汇编".strip(), "/Creator": "evidence site"})
        writer.page_mode = "/UseOutlines"
        writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
        with open(temp, "wb") as handle:
            writer.write(handle)
    cache.save()
    return Compilation(total, findings)


# ---------------------------------------------------------------------------
# What each item contributes
# ---------------------------------------------------------------------------


def _office_sources(package: Package, site: Site) -> list[Path]:
    files = site.evidence.files
    return [files[p.source_file].abs_path for s in package.sections for p in s.items
            if p.material and p.source_file in files and PurePosixPath(p.source_file).suffix.lower() in office.SUFFIXES]


def _chapters(package: Package, site: Site, cache: Cache, converted: dict, font: str,
              findings: list[Finding]) -> list[Chapter]:
    chapters = []
    for section in package.sections:
        parts = [part for plan in section.items if plan.material or plan.address
                 if (part := _part(package, site, section, plan, cache, converted, font, findings))]
        chapters.append(Chapter(section, parts))
    return chapters


def _part(package: Package, site: Site, section: Section, plan: ItemPlan, cache: Cache, converted: dict, font: str,
          findings: list[Finding]) -> Part | None:
    from pypdf import PdfReader

    ind, where = section.indicator, f"{package.top}/{plan.material.name}" if plan.material else ""
    heading = f"{ind.id} 材料{plan.number}:{plan.item.title}"
    if plan.material is None:  # a news link with no snapshot yet
        lines = [f"网址:{plan.item.url}", "", "这条新闻链接尚无网页快照。", "运行 python scripts/snapshot_links.py 保存快照后重新生成。"]
        return Part(plan, draws=[_text_page(heading, lines, font, qr=plan.item.url)])
    file = site.evidence.files.get(plan.source_file or "")
    suffix = plan.material.suffix if file is None else PurePosixPath(file.path).suffix.lower()
    source = file.abs_path if file else plan.material.source
    reason = ""
    if suffix == ".pdf" or (suffix in office.SUFFIXES and isinstance(converted.get(source), Path)):
        pdf_path = source if suffix == ".pdf" else converted[source]
        try:
            reader = PdfReader(str(pdf_path))
            if reader.is_encrypted and not reader.decrypt(""):
                raise ValueError(say("compilation.pdf-password"))
            if len(reader.pages) == 0:
                raise ValueError(say("compilation.pdf-no-pages"))
            return Part(plan, pdf=reader)
        except Exception as exc:  # pypdf raises many kinds on a damaged file
            reason = str(exc) if isinstance(exc,
                                            ValueError) and str(exc) in (say("compilation.pdf-password"),
                                                                         say("compilation.pdf-no-pages")) else say("compilation.pdf-damaged")
            findings.append(finding("package-unreadable-pdf", path=where, indicator=ind.id, source=ind.source,
                                    value=plan.material.name, reason=reason))
    elif suffix in PHOTO_SUFFIXES and plan.material.source is not None:
        try:
            photo = images.published_copy(plan.material.source, PHOTO_MAX_PX, cache)
        except images.PhotoError as exc:
            reason = str(exc)
        else:
            return Part(plan, draws=[_photo_page(heading, photo, font)])
    elif suffix in TEXT_SUFFIXES and file is not None:
        try:
            text = read_text(file.abs_path, file.path)
        except SourceError:
            reason = say("compilation.text-encoding")
        else:
            return Part(plan, draws=_text_pages(heading, text.splitlines(), font))
    elif suffix in office.SUFFIXES:
        reason = converted.get(source, office.NOT_INSTALLED)
        findings.append(finding("package-unconverted", path=where, indicator=ind.id, source=ind.source,
                                value=plan.material.name, reason=reason))
    else:
        reason = say("compilation.cannot-include", suffix=suffix or say("compilation.no-suffix"))
    lines = [f"原件见申报包:{where}", "", f"({reason})" if reason else ""]
    return Part(plan, draws=[_text_page(heading, lines, font)])


# ---------------------------------------------------------------------------
# Layout
# ---------------------------------------------------------------------------


def _area_order(chapters: list[Chapter], site: Site) -> list[tuple[str, list[Chapter]]]:
    """Chapters grouped by level-1 area in framework order; any without a known area last."""
    by_id = {c.section.indicator.id: c for c in chapters}
    groups, placed = [], set()
    for area in site.framework.areas.values():
        members = [by_id[i.id] for i in site.in_area(area.code) if i.id in by_id]
        if members:
            groups.append((f"{area.code} {area.title}", members))
            placed.update(c.section.indicator.id for c in members)
    rest = [c for c in chapters if c.section.indicator.id not in placed]
    if rest:
        groups.append(("其他指标", rest))
    return groups


def _toc_lines(areas: list[tuple[str, list[Chapter]]]) -> list[tuple[str, object]]:
    lines: list[tuple[str, object]] = []
    for title, members in areas:
        lines.append((title, None))
        lines.extend((c.section.indicator.display_title, c) for c in members)
    return lines


# ---------------------------------------------------------------------------
# Drawing
# ---------------------------------------------------------------------------


def _draw_own_pages(package: Package, areas, toc, toc_pages: int, order: list[Chapter], total: int,
                    font: str, links: list) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(PAGE_W, PAGE_H), pageCompression=1, invariant=1)
    pdf.setTitle(f"{package.site_name}申报材料汇编")

    def finish(number: int) -> None:
        _footer(pdf, number, total, package.audience, font, PAGE_W)
        pdf.showPage()

    _cover(pdf, package, order, total, font)
    finish(1)
    for n in range(toc_pages):
        links.extend((1 + n, rect, target) for rect, target in
                     _toc_page(pdf, toc[n * TOC_LINES:(n + 1) * TOC_LINES], n == 0, font))
        finish(2 + n)
    for chapter in order:
        _cover_sheet(pdf, package, chapter, font)
        finish(chapter.first_page)
        for part in chapter.parts:
            for k, draw in enumerate(part.draws if part.pdf is None else ()):
                draw(pdf)
                finish(part.first_page + k)
    pdf.save()
    return buffer.getvalue()


def _footer(pdf: canvas.Canvas, number: int, total: int, audience: Audience, font: str, width: float,
            source: str = "") -> None:
    pdf.setFont(font, 9)
    pdf.setFillGray(0.3)
    text = f"{source}    第 {number} 页 / 共 {total} 页" if source else f"第 {number} 页 / 共 {total} 页"
    if audience is Audience.ASSESSOR:
        text = f"{audience.banner}    {text}"
    pdf.drawCentredString(width / 2, 10 * mm, text)
    pdf.setFillGray(0)


def _cover(pdf: canvas.Canvas, package: Package, order: list[Chapter], total: int, font: str) -> None:
    pdf.setFont(font, 26)
    y = PAGE_H - 90 * mm
    for line in labels.wrap(package.site_name or "法治政府建设示范创建", font, 26, TEXT_W, 2):
        pdf.drawCentredString(PAGE_W / 2, y, line)
        y -= 36
    pdf.setFont(font, 30)
    pdf.drawCentredString(PAGE_W / 2, y - 20, "申报材料汇编")
    items = sum(1 for c in order for p in c.section.items if p.published)
    pdf.setFont(font, 13)
    edition = "评审专用版(含不公开材料,请勿公开)" if package.audience is Audience.ASSESSOR else "公开版(不含不公开材料)"
    lines = [edition, f"指标 {len(order)} 项,证明材料 {items} 项,共 {total} 页",
             f"生成日期:{package.day.year} 年 {package.day.month} 月 {package.day.day} 日"]
    for n, line in enumerate(lines):
        pdf.drawCentredString(PAGE_W / 2, 80 * mm - n * 22, line)


def _toc_page(pdf: canvas.Canvas, lines, first: bool, font: str) -> list[tuple[tuple, int]]:
    """Draw one page of the contents; return its links (rectangle, target page index),
    added by pypdf once the pages are assembled (reportlab's named destinations would not
    survive the assembly)."""
    links: list[tuple[tuple, int]] = []
    y = PAGE_H - MARGIN
    pdf.setFont(font, 18)
    pdf.drawCentredString(PAGE_W / 2, y - 10, "目  录" if first else "目  录(续)")
    y -= 40
    for title, chapter in lines:
        if chapter is None:
            pdf.setFont(font, 12)
            pdf.drawString(MARGIN, y, labels.wrap(title, font, 12, TEXT_W, 1)[0])
        else:
            pdf.setFont(font, 10.5)
            page = str(chapter.first_page)
            room = TEXT_W - 8 * mm - pdfmetrics.stringWidth(page, font, 10.5) - 6 * mm
            shown = labels.wrap(title, font, 10.5, room, 1)[0]
            pdf.drawString(MARGIN + 8 * mm, y, shown)
            start = MARGIN + 8 * mm + pdfmetrics.stringWidth(shown, font, 10.5) + 2 * mm
            end = PAGE_W - MARGIN - pdfmetrics.stringWidth(page, font, 10.5) - 2 * mm
            if end > start:
                pdf.setDash(1, 2)
                pdf.setStrokeGray(0.5)
                pdf.line(start, y + 1, end, y + 1)
                pdf.setDash()
            pdf.drawRightString(PAGE_W - MARGIN, y, page)
            links.append(((MARGIN, y - 4, PAGE_W - MARGIN, y + 11), chapter.first_page - 1))
        y -= 16.5
    return links


def _cover_sheet(pdf: canvas.Canvas, package: Package, chapter: Chapter, font: str) -> None:
    ind = chapter.section.indicator
    qr = 38 * mm
    top = PAGE_H - MARGIN
    if package.site_url:
        url = qrcodes.indicator_url(package.site_url, ind.id)
        labels.draw_qr(pdf, url, PAGE_W - MARGIN - qr, top - qr, qr)
        pdf.setFont(font, 7.5)
        pdf.drawCentredString(PAGE_W - MARGIN - qr / 2, top - qr - 9, "扫码打开本指标页面")
    width = TEXT_W - (qr + 6 * mm if package.site_url else 0)
    pdf.setFont(font, 24)
    pdf.drawString(MARGIN, top - 22, ind.id)
    y = top - 50
    pdf.setFont(font, 15)
    for line in labels.wrap(ind.title or ind.id, font, 15, width, 3):
        pdf.drawString(MARGIN, y, line)
        y -= 21
    y = min(y, top - qr - 24) - 6
    status = ind.status.value if ind.status else "未填写"
    facts = [("牵头单位", ind.lead or "未填写"), ("配合单位", "、".join(ind.partners) or "无"), ("完成状态", status)]
    if ind.due:
        facts.append(("时间节点", ind.due.isoformat()))
    pdf.setFont(font, 11)
    for label, value in facts:
        pdf.drawString(MARGIN, y, f"{label}:")
        for line in labels.wrap(value, font, 11, TEXT_W - 24 * mm, 2):
            pdf.drawString(MARGIN + 24 * mm, y, line)
            y -= 17
    y -= 8
    pdf.setFont(font, 13)
    pdf.drawString(MARGIN, y, "证明材料")
    y -= 20
    pdf.setFont(font, 10.5)
    starts = {id(p.plan): p.first_page for p in chapter.parts}
    for plan in chapter.section.items[:8]:
        where = f"见第 {starts[id(plan)]} 页" if id(plan) in starts else ""
        kind = plan.item.type.value if plan.published else "—"
        text = f"{plan.number}. [{kind}] {plan.title}" + (f"  {where}" if where else "")
        for line in labels.wrap(text, font, 10.5, TEXT_W, 2):
            pdf.drawString(MARGIN + 4 * mm, y, line)
            y -= 15
        for remark in plan.remarks[:2]:
            for line in labels.wrap(remark, font, 9, TEXT_W - 8 * mm, 1):
                pdf.setFont(font, 9)
                pdf.drawString(MARGIN + 8 * mm, y, line)
                pdf.setFont(font, 10.5)
                y -= 13
    if len(chapter.section.items) > 8:
        pdf.drawString(MARGIN + 4 * mm, y, f"……共 {len(chapter.section.items)} 项,其余见申报材料清单")
        y -= 15
    if not chapter.section.items:
        pdf.drawString(MARGIN + 4 * mm, y, "(没有上传的证明材料)")
        y -= 15
    for label, text in chapter.section.notes:
        y -= 8
        pdf.setFont(font, 13)
        pdf.drawString(MARGIN, y, label)
        y -= 18
        pdf.setFont(font, 10.5)
        for line in labels.wrap(text, font, 10.5, TEXT_W, max(1, int((y - MARGIN - 20) // 15) // 2)):
            pdf.drawString(MARGIN + 4 * mm, y, line)
            y -= 15
    if chapter.section.missing:
        y -= 8
        pdf.drawString(MARGIN, y, "本指标尚无证明材料,也没有实地核查或无相关材料的说明。")


def _heading(pdf: canvas.Canvas, heading: str, font: str) -> float:
    pdf.setFont(font, 12)
    y = PAGE_H - MARGIN
    for line in labels.wrap(heading, font, 12, TEXT_W, 2):
        pdf.drawString(MARGIN, y, line)
        y -= 17
    pdf.setStrokeGray(0.6)
    pdf.line(MARGIN, y + 6, PAGE_W - MARGIN, y + 6)
    return y - 12


def _text_page(heading: str, lines: list[str], font: str, qr: str = "") -> Draw:
    def draw(pdf: canvas.Canvas) -> None:
        y = _heading(pdf, heading, font)
        pdf.setFont(font, TEXT_SIZE)
        for text in lines:
            for line in labels.wrap(text, font, TEXT_SIZE, TEXT_W, 3) if text else [""]:
                pdf.drawString(MARGIN, y, line)
                y -= TEXT_LEADING
        if qr:
            labels.draw_qr(pdf, qr, MARGIN, y - 40 * mm, 36 * mm)
    return draw


def _text_pages(heading: str, paragraphs: list[str], font: str) -> list[Draw]:
    """A text file set on as many pages as it needs (the count is known before drawing)."""
    lines: list[str] = []
    for paragraph in paragraphs:
        text = paragraph.rstrip()
        lines.extend(labels.wrap(text, font, TEXT_SIZE, TEXT_W, 10 ** 6) if text else [""])
    per_page = TEXT_LINES - 3
    chunks = [lines[i:i + per_page] for i in range(0, len(lines), per_page)] or [[]]

    def page(chunk: list[str], n: int) -> Draw:
        def draw(pdf: canvas.Canvas) -> None:
            y = _heading(pdf, heading + (f"(续 {n})" if n else ""), font)
            pdf.setFont(font, TEXT_SIZE)
            for line in chunk:
                pdf.drawString(MARGIN, y, line)
                y -= TEXT_LEADING
        return draw
    return [page(chunk, n) for n, chunk in enumerate(chunks)]


def _photo_page(heading: str, photo: Path, font: str) -> Draw:
    def draw(pdf: canvas.Canvas) -> None:
        from reportlab.lib.utils import ImageReader

        y = _heading(pdf, heading, font)
        image = ImageReader(str(photo))
        w, h = image.getSize()
        scale = min(TEXT_W / w, (y - MARGIN - 10 * mm) / h)
        pdf.drawImage(image, MARGIN + (TEXT_W - w * scale) / 2, y - h * scale, w * scale, h * scale)
    return draw


def _stamp_footers(stamped: list[tuple[object, int, str]], total: int, audience: Audience, font: str) -> None:
    """The page number on every appended page: one overlay page each, sized to it."""
    from pypdf import PdfReader

    if not stamped:
        return
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pageCompression=1, invariant=1)
    for page, number, source in stamped:
        box = page.mediabox
        pdf.setPageSize((float(box.width), float(box.height)))
        _footer(pdf, number, total, audience, font, float(box.width), source)
        pdf.showPage()
    pdf.save()
    overlay = PdfReader(io.BytesIO(buffer.getvalue()))
    for (page, _, _), stamp in zip(stamped, overlay.pages):
        box = page.mediabox
        page.merge_translated_page(stamp, float(box.left), float(box.bottom))


def _outline(writer, areas, toc_pages: int) -> None:
    writer.add_outline_item(title="目录", page_number=1)
    for title, members in areas:
        area = writer.add_outline_item(title=title, page_number=members[0].first_page - 1)
        for chapter in members:
            ind = writer.add_outline_item(title=chapter.section.indicator.display_title,
                                          page_number=chapter.first_page - 1, parent=area)
            for part in chapter.parts:
                writer.add_outline_item(title=f"{part.plan.number}. {part.plan.item.title}",
                                        page_number=part.first_page - 1, parent=ind)
