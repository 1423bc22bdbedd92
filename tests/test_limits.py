"""Limits: a site as large as staff will make it still checks, builds and verifies, and
never needs a file in memory at once.

- a 1 GB evidence file (sparse, so it costs no disk) is hashed, copied, zipped-free and
  reported by check.py, the build and verify.py with a peak memory far below its size;
- a page of 10,000 lines builds, and a finding at its end names the right line;
- an evidence folder of 20,000 files builds (ES_LIMIT_FILES sets the number; the suite
  runs the full 20,000);
- every limit is a setting of extra.evidence_site with its default, and the staff
  guide and README name each one.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, build
from evidencesite.model.settings import Settings

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
GB = 1024 ** 3
MEASURE = ("import resource, subprocess, sys; done = subprocess.run(sys.argv[1:]); "
           "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(done.returncode)")
FILES = int(os.environ.get("ES_LIMIT_FILES", "20000"))


def measured(*args: str | Path, cwd: Path | None = None, env: dict | None = None) -> tuple[subprocess.CompletedProcess, float]:
    """Run a command; its result and its peak memory (resident set, MB)."""
    done = subprocess.run([sys.executable, "-c", MEASURE, sys.executable, *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", env={**ENV, **(env or {})}, cwd=cwd, timeout=1200)
    *rest, peak = done.stderr.rstrip().rsplit("\n", 1) if "\n" in done.stderr.rstrip() else ("", done.stderr.strip())
    done.stderr = "".join(rest)
    return done, int(peak) / 1024


def cite(site: Path, page: str, title: str, file: str) -> None:
    path = site / "docs" / "indicators" / page
    text = path.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    path.write_text(f"{head}\n  - title: {title}\n    type: 文件\n    file: {file}\n---\n{body}", encoding="utf-8")


def zeros_sha256(size: int) -> str:
    digest, block = hashlib.sha256(), bytes(1 << 20)
    for _ in range(size // len(block)):
        digest.update(block)
    return digest.hexdigest()


@pytest.mark.slow
def test_a_1_gb_evidence_file_is_hashed_and_reported_without_being_read_into_memory(base_site: Path, tmp_path: Path):
    big = base_site / "evidence" / "N001" / "全部案卷扫描.pdf"
    with big.open("wb") as f:
        f.truncate(GB)  # sparse: a gigabyte of zeros that takes no disk
    cite(base_site, "N001.md", "全部案卷扫描件", "N001/全部案卷扫描.pdf")
    limit = 400  # MB: the commands need about 150; reading the file whole would take over 1,000

    check, peak = measured(REPO / "scripts" / "check.py", base_site)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "【建议】evidence/N001/全部案卷扫描.pdf:证据文件 evidence/N001/全部案卷扫描.pdf 有 1.0 GB,超过 50.0 MB。" in check.stdout
    assert "文件有 1024 MB,超过自动检查的上限 200 MB(text_scan_max_mb),没有读取其中的文字。人工查看前,公开版不发布这个文件。" in check.stdout
    assert peak < limit, f"check.py peaked at {peak:.0f} MB"

    out = tmp_path / "out"  # the assessor build: the public one leaves the unread file out until reviewed
    built, peak = measured("-m", "mkdocs", "build", "-f", base_site / "mkdocs.yml", "-d", out, env={"SITE_AUDIENCE": "assessor"})
    assert built.returncode == 0, built.stderr[-3000:]
    assert peak < limit, f"the build peaked at {peak:.0f} MB"
    assert (out / "evidence" / "N001" / "全部案卷扫描.pdf").stat().st_size == GB
    manifest = json.loads((out / "exports" / "evidence-manifest.json").read_text(encoding="utf-8"))
    entry = next(e for e in manifest["files"] if e["path"].endswith("全部案卷扫描.pdf"))
    assert entry["sha256"] == zeros_sha256(GB) and entry["size"] == GB

    verified, peak = measured(REPO / "scripts" / "verify.py", out)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert peak < limit, f"verify.py peaked at {peak:.0f} MB"


def test_a_page_of_10000_lines_builds_and_findings_keep_their_line(base_site: Path, tmp_path: Path):
    page = base_site / "docs" / "indicators" / "N002.md"
    prose = "".join(f"第{n}段:本段记录创建工作的一项具体做法和成效,供评审核对。\n\n" for n in range(1, 5001))
    page.write_text(page.read_text(encoding="utf-8") + prose + "负责人:{{ 联系人 }}\n", encoding="utf-8")
    last = page.read_text(encoding="utf-8").count("\n")
    assert last > 10_000
    result = build(base_site, tmp_path / "out")
    assert result.ok, result.error
    assert [w for w in result.warnings if w.startswith(f"【错误】docs/indicators/N002.md 第{last}行:页面中写了 {{{{ 联系人(…) }}}}")]
    html = result.page("indicators/N002/index.html")
    assert "第5000段" in html


@pytest.mark.slow
def test_an_evidence_folder_of_20000_files_builds(base_site: Path, tmp_path: Path):
    folder = base_site / "evidence" / "common" / "批量导入"
    for n in range(FILES):
        sub = folder / f"{n // 1000:02d}"
        if n % 1000 == 0:
            sub.mkdir(parents=True)
        (sub / f"会议记录{n:05d}.txt").write_bytes(b"x")
    cite(base_site, "N002.md", "会议记录汇编", "common/批量导入/00/会议记录00000.txt")
    result = build(base_site, tmp_path / "out")
    assert result.ok, result.error
    uncited = [m for m in result.messages() if m.startswith("【建议】evidence/common/批量导入/") and "没有被任何指标页面引用" in m]
    assert len(uncited) == FILES - 1
    assert (tmp_path / "out" / "evidence" / "common" / "批量导入" / "00" / "会议记录00000.txt").is_file()
    assert not (tmp_path / "out" / "evidence" / "common" / "批量导入" / "00" / "会议记录00001.txt").exists()


LIMITS = ["large_file_mb", "image_max_px", "self_assessment_max_chars", "note_max_chars", "evidence_path_max_chars",
          "text_scan_max_mb", "image_max_megapixels", "upload_file_max_mb", "upload_total_max_mb"]


def test_every_limit_is_a_setting_with_a_default_documented_for_staff():
    fields = {f.name: f for f in dataclasses.fields(Settings)}
    numbers = {name for name, f in fields.items() if f.type in ("int", "float")}
    assert numbers == set(LIMITS), "a new limit is added to LIMITS, README and docs/guide/settings.md"
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    guide = (REPO / "docs" / "guide" / "settings.md").read_text(encoding="utf-8")
    for name in LIMITS:
        default = fields[name].default
        shown = f"{default:g}" if isinstance(default, float) else str(default)
        assert f"`{name}`" in readme and f"`{name}`" in guide, name
        assert f"| `{name}` | {shown} |" in guide, f"{name}: the guide gives its default {shown}"
