"""The personal-data review of a site (no build): what is scanned, what is withheld, and
how reviewed false positives are recorded in pii-allow.yml by file and hash only."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook

import evidence_samples as samples
from conftest import load
from evidencesite.reading import evidence_text
from evidencesite.model import Audience
from evidencesite.text.personal_data import allow_hash

ITEM = """evidence:
  - title: 情况说明
    type: 文件
    file: N002/{name}
{extra}---"""


def _cite(site: Path, name: str, data: bytes, extra: str = "") -> Path:
    """Make N002 cite evidence/N002/<name> holding `data`."""
    page = site / "docs/indicators/N002.md"
    text = page.read_text(encoding="utf-8")
    head, _, body = text.partition("evidence:")
    page.write_text(head + ITEM.format(name=name, extra=extra) + body.split("---", 1)[1], encoding="utf-8")
    (site / "evidence/N002").mkdir(exist_ok=True)
    (site / "evidence/N002" / name).write_bytes(data)
    return site


def _pii(site_obj) -> list[str]:
    return [f.format() for f in site_obj.findings if f.code.startswith(("pii", "photo"))]


def _xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("name, data, where", [
    ("a.txt", "王五 13770810004\n".encode("gbk"), "正文:手机号码 137****0004"),
    ("a.md", "身份证 11010519491231002X".encode(), "正文:身份证号码 1101**********002X"),
    ("a.pdf", samples.text_pdf("tel 13770810004"), "第1页:手机号码 137****0004"),
    ("a.pdf", samples.text_pdf("plain", {"/Author": "13770810004"}), "文档属性:手机号码 137****0004"),
    ("a.docx", samples.docx(["无"], table=[["联系人", "137 7081 0004"]]), "正文:手机号码 137****0004"),
    ("a.docx", samples.docx(["无"], author="13770810004"), "文档属性:手机号码 137****0004"),
    ("a.xlsx", _xlsx([["姓名", "手机"], ["王五", 13770810004]]), "工作表 Sheet:手机号码 137****0004"),
    ("王五13770810004.jpg", samples.photo(gps=False), "文件名:手机号码 137****0004"),
])
def test_personal_data_in_evidence_files_is_found_and_the_file_withheld(base_site, name, data, where):
    site = load(_cite(base_site, name, data))
    [message] = [m for m in _pii(site) if m.startswith("【建议】evidence/")]
    assert message.startswith(f"【建议】evidence/N002/{name}:证据文件中有 1 处疑似个人信息({where})")
    [item] = site.indicators["N002"].evidence
    assert not item.is_published(Audience.PUBLIC) and item.is_published(Audience.ASSESSOR)


def test_files_only_private_items_cite_are_not_scanned(base_site):
    site = load(_cite(base_site, "a.txt", b"13770810004", extra="    public: false\n"))
    assert _pii(site) == []


@pytest.mark.parametrize("name, data, what", [
    ("a.pdf", b"%PDF-1.4 broken", "文件无法打开(可能已损坏"),
    ("a.doc", b"\xd0\xcf\x11\xe0 old word", "不能自动读取 .doc 类型文件的文字"),
    ("a.pdf", samples.scanned_pdf(3), "第 1、2、3 页是图片(扫描件)"),
])
def test_files_that_cannot_be_read_are_reported_unscanned_and_withheld(base_site, name, data, what):
    site = load(_cite(base_site, name, data))
    [message] = _pii(site)
    assert message.startswith(f"【建议】evidence/N002/{name}:无法自动检查个人信息:{what}")
    assert not site.indicators["N002"].evidence[0].is_published(Audience.PUBLIC), "withheld until a person has looked"


def test_reviewed_scans_are_recorded_by_content_hash(base_site):
    site_root = _cite(base_site, "scan.pdf", samples.scanned_pdf())
    [message] = _pii(load(site_root))
    digest = message.split("sha256: ")[1][:64]
    (site_root / "pii-allow.yml").write_text(
        f"scanned:\n  - file: evidence/N002/scan.pdf\n    sha256: {digest}\n    note: 已人工查看\n", encoding="utf-8")
    assert _pii(load(site_root)) == []
    (site_root / "evidence/N002/scan.pdf").write_bytes(samples.scanned_pdf(4))
    assert len(_pii(load(site_root))) == 1, "a changed scan must be looked at again"


def test_reviewed_numbers_are_recorded_by_file_and_hash(base_site):
    site_root = _cite(base_site, "a.txt", "文号 13770810004".encode())
    page = site_root / "docs/indicators/P001.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n文号 13970819999。\n", encoding="utf-8")
    first = load(site_root)
    assert len(_pii(first)) == 2
    evidence_hash = allow_hash("evidence/N002/a.txt", "13770810004")
    assert evidence_hash in _pii(first)[1]
    (site_root / "pii-allow.yml").write_text(
        "numbers:\n"
        f"  - file: evidence/N002/a.txt\n    sha256: {evidence_hash}\n"
        f"  - file: docs/indicators/P001.md\n    sha256: {allow_hash('docs/indicators/P001.md', '13970819999')}\n",
        encoding="utf-8")
    second = load(site_root)
    assert _pii(second) == []
    assert second.indicators["N002"].evidence[0].is_published(Audience.PUBLIC)
    assert second.disclosure.allowed == {"13970819999"}
    assert "13970819999" not in (site_root / "pii-allow.yml").read_text(encoding="utf-8")


def test_a_number_reviewed_in_one_page_is_still_masked_when_another_page_has_it(base_site):
    for name in ("P001.md", "N002.md"):
        page = base_site / "docs/indicators" / name
        page.write_text(page.read_text(encoding="utf-8") + "\n13970819999\n", encoding="utf-8")
    (base_site / "pii-allow.yml").write_text(
        f"numbers:\n  - file: docs/indicators/P001.md\n    sha256: {allow_hash('docs/indicators/P001.md', '13970819999')}\n",
        encoding="utf-8")
    site = load(base_site)
    assert [m.split(":")[0] for m in _pii(site)] == ["【建议】docs/indicators/N002.md 第15行"]
    assert site.disclosure.allowed == frozenset()


def test_a_malformed_allow_list_is_an_error_naming_the_line(base_site):
    (base_site / "pii-allow.yml").write_text(
        "numbers:\n  - file: docs/indicators/P001.md\n    value: 13970819999\n", encoding="utf-8")
    [error] = [f.format() for f in load(base_site).findings]
    assert error.startswith("【错误】pii-allow.yml 第2行 字段 numbers 第1项:个人信息复核记录格式不对")
    assert "不要写号码本身" in error


def test_evidence_text_is_read_once_per_content(base_site, monkeypatch):
    site_root = _cite(base_site, "a.pdf", samples.text_pdf("tel 13770810004"))
    assert len(_pii(load(site_root))) == 1

    def fail(*args):
        raise AssertionError("read again although the file did not change")

    monkeypatch.setattr(evidence_text, "_read", fail)
    assert len(_pii(load(site_root))) == 1
    assert list((site_root / ".cache/evidence-site/text").iterdir())
