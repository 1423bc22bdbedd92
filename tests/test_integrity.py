"""Checksums and the evidence manifest: what each build writes, `sha256sum -c` agreeing
with it, and scripts/verify.py accepting an untouched, copied or unzipped site and
naming every tampered, truncated, missing and extra file."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

import evidence_samples as samples
from conftest import build, make_site, run_script
from evidencesite import integrity

PRIVATE_ITEM = """  - title: 内部会议纪要
    type: 文件
    file: N001/内部纪要.pdf
    public: false
    date: 2021-03-10
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("integrity")
    site = make_site(root / "site", "base-site")
    page = site / "docs/indicators/N001.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("---\n市级", PRIVATE_ITEM + "---\n市级"), encoding="utf-8")
    (site / "evidence/N001/内部纪要.pdf").write_bytes(samples.text_pdf("internal minutes"))
    (site / "evidence/N001/现场 照片.jpg").write_bytes(samples.photo())
    page.write_text(page.read_text(encoding="utf-8").replace(PRIVATE_ITEM, PRIVATE_ITEM + (
        "  - title: 现场照片\n    type: 图片\n    file: N001/现场 照片.jpg\n    date: 2021-03-12\n")), encoding="utf-8")
    result = build(site, root / "out")
    assert result.ok, result.error
    assessor = build(site, root / "assessor", audience="assessor")
    assert assessor.ok
    return root


def _copy(built: Path, tmp_path: Path, name: str = "out") -> Path:
    return Path(shutil.copytree(built / name, tmp_path / "copy"))


def _verify(folder: Path):
    return run_script("verify.py", folder)


def test_manifest_lists_exactly_the_published_evidence(built):
    out = built / "out"
    manifest = json.loads((out / integrity.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["audience"] == "public"
    entries = {e["path"]: e for e in manifest["files"]}
    assert sorted(entries) == ["evidence/N001/权责清单通知.pdf", "evidence/N001/现场 照片.jpg"]
    pdf = entries["evidence/N001/权责清单通知.pdf"]
    data = (out / pdf["path"]).read_bytes()
    assert pdf == {"path": "evidence/N001/权责清单通知.pdf", "size": len(data), "sha256": hashlib.sha256(data).hexdigest(),
                   "indicators": ["N001"], "date": "2021-03-15"}
    photo = entries["evidence/N001/现场 照片.jpg"]
    assert photo["sha256"] == hashlib.sha256((out / photo["path"]).read_bytes()).hexdigest(), "the published copy's"


def test_assessor_manifest_also_lists_private_evidence(built):
    manifest = json.loads((built / "assessor" / integrity.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["audience"] == "assessor"
    assert "evidence/N001/内部纪要.pdf" in {e["path"] for e in manifest["files"]}


def test_checksum_list_covers_every_file_and_sha256sum_agrees(built):
    out = built / "out"
    listed = integrity.parse_sums((out / integrity.SUMS).read_text(encoding="utf-8"))
    assert sorted(listed) == [p for p in integrity.site_files(out) if p != integrity.SUMS]
    assert {"index.html", "404.html", "sitemap.xml", "search/search_index.json", integrity.MANIFEST} <= set(listed)
    check = subprocess.run(["sha256sum", "--check", "--strict", integrity.SUMS], cwd=out, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_verify_accepts_an_untouched_copy(built, tmp_path):
    result = _verify(_copy(built, tmp_path))
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[-1].startswith("校验通过:")
    fingerprint = hashlib.sha256((built / "out" / integrity.SUMS).read_bytes()).hexdigest()
    assert fingerprint in result.stdout


def test_verify_accepts_an_unzipped_bundle(built, tmp_path):
    archive = tmp_path / "bundle.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for path in integrity.site_files(built / "out"):
            bundle.write(built / "out" / path, f"site/{path}")
    with zipfile.ZipFile(archive) as bundle:
        bundle.extractall(tmp_path / "unzipped")
    assert _verify(tmp_path / "unzipped").returncode == 0


@pytest.mark.parametrize("change, message", [
    (lambda site: (site / "evidence/N001/权责清单通知.pdf").write_bytes(
        (site / "evidence/N001/权责清单通知.pdf").read_bytes().replace(b"Quanze", b"Quanzz")),
     "【错误】evidence/N001/权责清单通知.pdf:文件内容与校验清单不符"),
    (lambda site: (site / "indicators/N001/index.html").write_bytes(
        (site / "indicators/N001/index.html").read_bytes()[:500]),
     "【错误】indicators/N001/index.html:文件内容与校验清单不符:现在大小 500 字节"),
    (lambda site: (site / "evidence/N001/补充.pdf").write_bytes(b"%PDF-1.4 added later"),
     "【错误】evidence/N001/补充.pdf:这个文件不在校验清单中"),
    (lambda site: (site / "evidence/N001/现场 照片.jpg").unlink(),
     "【错误】evidence/N001/现场 照片.jpg:校验清单中有这个文件,网站里却没有"),
])
def test_verify_names_each_changed_truncated_extra_and_missing_file(built, tmp_path, change, message):
    site = _copy(built, tmp_path)
    change(site)
    result = _verify(site)
    assert result.returncode == 1
    problems = [line for line in result.stdout.splitlines() if line.startswith("【错误】")]
    assert len(problems) == 1 and problems[0].startswith(message), result.stdout
    assert result.stdout.splitlines()[-1].startswith("校验未通过:")


def test_verify_catches_a_manifest_rewritten_to_match_a_changed_file(built, tmp_path):
    site = _copy(built, tmp_path)
    manifest_path = site / integrity.MANIFEST
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["files"][0]["sha256"] = "0" * 64
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    lines = _verify(site).stdout.splitlines()
    assert any(line.startswith(f"【错误】{integrity.MANIFEST}:文件内容与校验清单不符") for line in lines)
    assert any("证据清单记录的校验和与校验清单不同" in line for line in lines)


def test_verify_ignores_files_an_operating_system_adds(built, tmp_path):
    site = _copy(built, tmp_path)
    (site / "evidence/N001/Thumbs.db").write_bytes(b"thumbnail cache")
    result = _verify(site)
    assert result.returncode == 0 and "已忽略操作系统生成的文件:evidence/N001/Thumbs.db" in result.stdout


def test_verify_usage_errors(tmp_path):
    for args in ([tmp_path / "nowhere"], [tmp_path], []):
        result = run_script("verify.py", *args)
        assert result.returncode == 2
        assert "Traceback" not in result.stderr
    (tmp_path / "exports").mkdir()
    (tmp_path / integrity.SUMS).write_text("not a checksum line\n", encoding="utf-8")
    result = run_script("verify.py", tmp_path)
    assert result.returncode == 2 and "第1行格式不对" in result.stderr
    (tmp_path / integrity.SUMS).write_text(f"{'0' * 64}  ../../etc/passwd\n", encoding="utf-8")
    result = run_script("verify.py", tmp_path)
    assert result.returncode == 2 and "第1行的路径指向网站目录之外" in result.stderr


def test_sums_lines_escape_names_as_sha256sum_does():
    odd = "evidence/a\\b\nc.txt"
    line = integrity.sums_line("a" * 64, odd)
    assert line == "\\" + "a" * 64 + "  evidence/a\\\\b\\nc.txt"
    assert integrity.parse_sums(line + "\n") == {odd: "a" * 64}
