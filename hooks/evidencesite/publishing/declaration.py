"""The declaration package (集中申报, work plan 六(六)): what the office uploads.

`plan()` decides every file of the package from the loaded site, before anything is
written: one folder per indicator (`ID 标题`, winnames.py) with its 1–3 materials in
page order (`1-标题.ext`), a news link as its snapshot (issue 17b's `snapshot` field,
read with getattr so a site without it still packs) plus a small file with the address,
a 情况简介 written as text turned into Word, and the page's 情况说明 as Word with its
notes (on_site, none, not_applicable). The 自评报告 becomes Word. `checklist()` is the
申报材料清单 workbook; `limit_findings()` compares every file with the upload system's
limits (Settings.upload_*); `write_zip()` streams it all into one archive written
atomically.

The audience decides exactly what the site decides: an item the public build leaves
out (`EvidenceItem.is_published`: `public: false`, or withheld for personal data) is
left out here too, and the public package's lists name it only as 不公开材料. Photos
are always the published copies (images.py): no GPS or camera metadata goes out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from evidencesite.text import personal_data, winnames
from evidencesite.checks import self_assessment
from evidencesite.publishing import worddocs
from evidencesite.publishing.archive import ZIP64_LIMIT
from evidencesite.files.atomicwrite import atomic_output
from evidencesite.files.workbook import Table, xlsx_bytes
from evidencesite.catalogue.messages import finding
from evidencesite.model import Audience, EvidenceItem, EvidenceType, Finding, Indicator
from evidencesite.text.sizes import human_size
from evidencesite.reading.sourcefile import SourceError, read_text
from evidencesite.catalogue.publishing import say
from evidencesite.model.site import Site
from evidencesite.model.asof import build_date


CHECKLIST = "申报材料清单.xlsx"
REPORT = "自评报告.docx"
COMPILED = "材料汇编.pdf"
NOTE_DOC = "情况说明.docx"
TEXT_SUFFIXES = frozenset({".txt", ".md"})
"""情况简介 written as plain text or Markdown: turned into Word, as offices submit them."""
WITHHELD_TITLE = "(不公开材料)"
WITHHELD_REMARK = "该材料不在网上公开,实地核查时提供。"
NOTE_LABELS = (("on_site", "实地核查时提供"), ("none", "无相关材料"), ("not_applicable", "不适用"))
"""The page's notes, in the order the contract lists them (not_applicable from issue 16)."""
CHECKLIST_COLUMNS = ("序号", "编号", "指标名称", "牵头单位", "状态", "材料序号", "材料类型", "材料名称",
                     "申报包中的文件", "大小(KB)", "SHA-256", "缺少或需注意")
_STORED = frozenset({".jpg", ".jpeg", ".png", ".zip", ".docx", ".xlsx", ".mp4"})
"""Already compressed: deflating them again costs time and saves nothing."""


@dataclass
class Entry:
    """One file of the package: bytes made here, or a file copied as it is."""

    name: str
    """Path inside the package's top folder, forward slashes."""
    role: str
    source: Path | None = None
    data: bytes | None = None
    make: Callable[[], bytes] | None = field(default=None, repr=False)
    """Makes `data` when first needed: `--pdf-only` never needs the Word files, which are
    most of a package's time."""
    _sha256: str = field(default="", repr=False)

    def content(self) -> bytes | None:
        """The bytes made here (None for a file copied as it is)."""
        if self.data is None and self.make is not None:
            self.data, self.make = self.make(), None
        return self.data

    @property
    def size(self) -> int:
        data = self.content()
        return len(data) if data is not None else self.source.stat().st_size

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.name).suffix.lower()

    @property
    def sha256(self) -> str:
        if not self._sha256:
            digest = hashlib.sha256()
            if self.content() is not None:
                digest.update(self.data)
            else:
                with open(self.source, "rb") as handle:
                    for block in iter(lambda: handle.read(1 << 20), b""):
                        digest.update(block)
            self._sha256 = digest.hexdigest()
        return self._sha256


@dataclass
class ItemPlan:
    """One evidence item of a page, as the package carries it."""

    number: int
    item: EvidenceItem
    published: bool
    material: Entry | None = None
    """The file that stands for the item (the snapshot, for a news link); None when there is none."""
    address: Entry | None = None
    """For a news link: the small file with its address."""
    remarks: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.item.title if self.published else WITHHELD_TITLE

    @property
    def source_file(self) -> str | None:
        """The evidence path the material came from (for the compilation's conversions)."""
        snapshot = getattr(self.item, "snapshot", None)
        if self.item.type is EvidenceType.NEWS_LINK:
            return getattr(snapshot, "file", None) if self.material else None
        return self.item.file


@dataclass
class Section:
    """One indicator's folder."""

    indicator: Indicator
    folder: str
    items: list[ItemPlan]
    notes: list[tuple[str, str]]
    note_doc: Entry | None = None

    @property
    def missing(self) -> bool:
        return not self.items and not self.notes


@dataclass
class Package:
    top: str
    audience: Audience
    day: dt.date
    site_name: str
    site_url: str
    sections: list[Section]
    report: Entry | None
    findings: list[Finding] = field(default_factory=list)
    compiled: Entry | None = None
    checklist: Entry | None = None

    def entries(self) -> list[Entry]:
        """Every file, in the order the zip lists them."""
        top = [e for e in (self.checklist, self.report, self.compiled) if e]
        inner = [e for s in self.sections for e in
                 [*(x for i in s.items for x in (i.material, i.address) if x), s.note_doc] if e]
        return top + inner


# ---------------------------------------------------------------------------
# Planning
# ---------------------------------------------------------------------------


def plan(site: Site, top: str, day: dt.date, site_name: str = "", site_url: str = "") -> Package:
    """Decide every file; nothing is written. `site` is loaded for the package's audience
    (and masked, for the public: see disclosure.mask_indicators)."""
    audience = site.settings.audience
    allowed = site.disclosure.allowed if site.disclosure else frozenset()
    package = Package(winnames.safe_name(top, winnames.FOLDER_MAX_CHARS), audience, day, site_name, site_url, [], None)
    for indicator in site.indicators.values():
        package.sections.append(_section(site, indicator, package, allowed))
    package.report = _report(site, package, allowed)
    return package


def _section(site: Site, indicator: Indicator, package: Package, allowed: frozenset[str]) -> Section:
    folder = winnames.folder_name(indicator.id, indicator.title)
    items = [_item(site, package.audience, folder, n, item) for n, item in enumerate(indicator.evidence, start=1)]
    notes = [(label, text) for name, label in NOTE_LABELS if (text := str(getattr(indicator, name, "") or "").strip())]
    section = Section(indicator, folder, items, notes)
    if section.missing:
        package.findings.append(finding("package-missing", path=indicator.path, indicator=indicator.id,
                                        source=indicator.source, value=indicator.display_title))
    for plan_ in items:
        if plan_.published and plan_.item.type is EvidenceType.NEWS_LINK and plan_.material is None:
            package.findings.append(finding("package-no-snapshot", path=indicator.path, indicator=indicator.id,
                                            source=indicator.source, field=say("declaration.evidence-item",
                                                                               number=plan_.number),
                                            value=plan_.item.title))
    body = _masked(indicator.body, package.audience, allowed)
    section.note_doc = Entry(f"{folder}/{NOTE_DOC}", "情况说明", make=lambda: _note_docx(section, package, body))
    return section


def _item(site: Site, audience: Audience, folder: str, number: int, item: EvidenceItem) -> ItemPlan:
    published = item.is_published(audience)
    plan_ = ItemPlan(number, item, published)
    if not published:
        plan_.remarks.append(WITHHELD_REMARK)
        return plan_
    name = lambda suffix, title=item.title: f"{folder}/{winnames.numbered_file(number, title, suffix)}"  # noqa: E731
    if item.type is EvidenceType.NEWS_LINK:
        snapshot = getattr(item, "snapshot", None)
        found = site.evidence.files.get(getattr(snapshot, "file", None) or "")
        if found is not None:
            plan_.material = Entry(name(PurePosixPath(found.path).suffix.lower()), "网页快照", source=found.abs_path)
            expected = str(getattr(snapshot, "sha256", "") or "").lower()
            if expected and expected != plan_.material.sha256:
                plan_.remarks.append("网页快照文件与记录的校验值不一致,可能被改动过,请重新保存快照。")
        else:
            plan_.remarks.append("尚无网页快照,只有网址。")
        captured = getattr(snapshot, "captured", None) if found is not None else None
        plan_.address = Entry(name(".txt", f"{item.title}(网址)"), "网址", data=_address_text(item, captured))
        return plan_
    file = site.evidence.files.get(item.file or "")
    if file is None:  # the loader reported it; the package cannot carry it
        plan_.remarks.append("证据文件不存在。")
        return plan_
    suffix = PurePosixPath(file.path).suffix.lower()
    if item.file in site.photos.copies:
        plan_.material = Entry(name(suffix), "照片(已去除拍摄信息)", source=site.photos.copies[item.file])
    elif item.type is EvidenceType.SUMMARY and suffix in TEXT_SUFFIXES:
        try:
            text = read_text(file.abs_path, site.settings.evidence_path(file.path))
        except SourceError:
            plan_.material = Entry(name(suffix), "材料", source=file.abs_path)
        else:
            if suffix == ".txt":
                text = "\n\n".join(line for line in text.splitlines() if line.strip())
            plan_.material = Entry(name(".docx"), "情况简介(Word)",
                                   make=lambda title=item.title, text=text: _text_docx(title, text, site))
    else:
        plan_.material = Entry(name(suffix), "材料", source=file.abs_path)
    return plan_


def _address_text(item: EvidenceItem, captured) -> bytes:
    lines = [item.title, f"网址:{item.url}"]
    if item.date:
        lines.append(f"日期:{item.date.isoformat()}")
    lines.append(f"网页快照保存时间:{captured}" if captured else "尚无网页快照。")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")  # Notepad on Windows reads UTF-8 with a BOM


def _masked(text: str, audience: Audience, allowed: frozenset[str]) -> str:
    return personal_data.mask(text, allowed) if audience is Audience.PUBLIC and text else text


def _text_docx(title: str, markdown_text: str, site: Site) -> bytes:
    day = build_date()
    doc = worddocs.new_document(title, day)
    worddocs.add_markdown(doc, _masked(markdown_text, site.settings.audience,
                                       site.disclosure.allowed if site.disclosure else frozenset()))
    return worddocs.to_bytes(doc, day)


def _note_docx(section: Section, package: Package, body: str) -> bytes:
    ind = section.indicator
    doc = worddocs.new_document(f"{ind.display_title} 情况说明", package.day)
    status = ind.status.value if ind.status else "未填写"
    worddocs.add_facts(doc, [("指标编号", ind.id), ("指标名称", ind.title), ("牵头单位", ind.lead or "未填写"),
                             ("配合单位", "、".join(ind.partners) or "无"), ("完成状态", status)])
    if ind.requirement:
        doc.add_heading("指标要求", level=1)
        doc.add_paragraph(ind.requirement)
    doc.add_heading("证明材料", level=1)
    for plan_ in section.items:
        if not plan_.published:
            doc.add_paragraph(f"{plan_.number}. {plan_.title}:{WITHHELD_REMARK}")
            continue
        files = "、".join(PurePosixPath(e.name).name for e in (plan_.material, plan_.address) if e) or "无"
        doc.add_paragraph(f"{plan_.number}. {plan_.title}({plan_.item.type.value}),申报包中的文件:{files}")
        for remark in plan_.remarks:
            doc.add_paragraph(f"说明:{remark}")
        if plan_.published and plan_.item.type is EvidenceType.NEWS_LINK:
            doc.add_paragraph(f"网址:{plan_.item.url}")
    if not section.items:
        doc.add_paragraph("本指标没有上传的证明材料。")
    for label, text in section.notes:
        doc.add_heading(label, level=1)
        doc.add_paragraph(text)
    if section.missing:
        doc.add_paragraph("本指标尚无证明材料,也没有实地核查或无相关材料的说明。")
    if body.strip():
        doc.add_heading("工作情况", level=1)
        worddocs.add_markdown(doc, body)
    return worddocs.to_bytes(doc, package.day)


def _report(site: Site, package: Package, allowed: frozenset[str]) -> Entry | None:
    """The 自评报告 as Word; None (and a gap) when the page has no text yet. Its length is
    checked when the site loads (self_assessment.findings: an error over the limit)."""
    settings = site.settings
    length = self_assessment.measure(site.root, settings)
    if length is None or length.count == 0:
        package.findings.append(finding("package-no-report", path=settings.self_assessment))
        return None
    text = read_text(site.root / settings.self_assessment, settings.self_assessment)
    doc = worddocs.new_document(f"{package.site_name}自评报告".strip(), package.day)
    blocks = worddocs.markdown_blocks(_masked(text, package.audience, allowed))
    if blocks and blocks[0].kind == "h1":
        blocks = blocks[1:]  # the page's own heading repeats the document title
    for block in blocks:
        worddocs.add_block(doc, block)
    doc.add_paragraph(f"(全文 {length.count} 字,上限 {length.limit} 字。)")
    return Entry(REPORT, "自评报告", data=worddocs.to_bytes(doc, package.day))


# ---------------------------------------------------------------------------
# Limits and the checklist
# ---------------------------------------------------------------------------


def limit_findings(package: Package, file_max_mb: float, total_max_mb: float, types: tuple[str, ...]) -> list[Finding]:
    """Advice for each file over the upload system's limits, and for the whole."""
    found: list[Finding] = []
    file_limit, total_limit = file_max_mb * 1024 * 1024, total_max_mb * 1024 * 1024
    allowed = "、".join(types)
    remarks = _remarks_by_entry(package)
    for entry in package.entries():
        if entry is package.checklist:
            continue
        where = dict(path=f"{package.top}/{entry.name}", value=entry.name)
        if entry.size > file_limit:
            found.append(finding("package-file-too-large", size=human_size(entry.size), limit=human_size(file_limit),
                                 **where))
            remarks.get(id(entry), []).append(f"超过申报系统单个文件上限 {human_size(file_limit)}")
        if entry.suffix.lstrip(".") not in types:
            found.append(finding("package-type-not-accepted", suffix=entry.suffix or say("declaration.no-suffix"),
                                 allowed=allowed, 
                                 **where))
            remarks.get(id(entry), []).append(f"申报系统不接受 {entry.suffix or '无扩展名'} 文件")
    total = sum(e.size for e in package.entries())
    if total > total_limit:
        found.append(finding("package-total-too-large", path=package.top, size=human_size(total),
                             limit=human_size(total_limit)))
    return found


def _remarks_by_entry(package: Package) -> dict[int, list[str]]:
    return {id(x): i.remarks for s in package.sections for i in s.items for x in (i.material, i.address) if x}


def checklist_table(package: Package) -> Table:
    """申报材料清单: every indicator, every item, its file in the package, size, checksum,
    and what is missing; then the package's own files."""
    rows: list[list] = []

    def add(head: list, number, kind: str, title: str, entry: Entry | None, remark: str) -> None:
        rows.append([len(rows) + 1, *head, number, kind, title, *_entry_cells(entry, package.top), remark])

    for section in package.sections:
        ind = section.indicator
        head = [ind.id, ind.title, ind.lead, ind.status.value if ind.status else ""]
        for plan_ in section.items:
            kind = plan_.item.type.value if plan_.published else ""
            add(head, plan_.number, kind, plan_.title, plan_.material, "; ".join(plan_.remarks))
            if plan_.address:
                add(head, plan_.number, kind, f"{plan_.title}(网址)", plan_.address, "")
        if not section.items:
            remark = "; ".join(f"{label}:{text}" for label, text in section.notes) or "缺少证明材料"
            add(head, "", "", "", None, remark)
        add(head, "", "情况说明", "情况说明", section.note_doc, "")
    for entry in (package.report, package.compiled):
        if entry:
            add(["", entry.role, "", ""], "", "", entry.role, entry, "")
    if package.report is None:
        add(["", "自评报告", "", ""], "", "", "自评报告", None, "还没有自评报告")
    return Table("申报材料清单", CHECKLIST_COLUMNS, rows)


def _entry_cells(entry: Entry | None, top: str) -> tuple:
    if entry is None:
        return ("", "", "")
    return (f"{top}/{entry.name}", round(entry.size / 1024, 1), entry.sha256)


def checklist_entry(package: Package) -> Entry:
    return Entry(CHECKLIST, "申报材料清单", data=xlsx_bytes([checklist_table(package)], package.day))


# ---------------------------------------------------------------------------
# The archive
# ---------------------------------------------------------------------------


def write_zip(package: Package, out: Path) -> None:
    """Every entry into `out`, inside the top folder; streamed (a large evidence file
    never has to fit in memory) to a temporary file renamed when complete."""
    stamp = (max(package.day.year, 1980), package.day.month, package.day.day, 0, 0, 0)
    with atomic_output(Path(out)) as temp:
        with zipfile.ZipFile(temp, "w", allowZip64=True) as archive:
            for entry in package.entries():
                info = zipfile.ZipInfo(f"{package.top}/{entry.name}", stamp)
                info.compress_type = zipfile.ZIP_STORED if entry.suffix in _STORED else zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                if entry.content() is not None:
                    archive.writestr(info, entry.data)
                    continue
                info.file_size = entry.size
                with open(entry.source, "rb") as source, archive.open(info, "w",
                                                                       force_zip64=info.file_size > ZIP64_LIMIT) as target:
                    shutil.copyfileobj(source, target, 1 << 20)
