"""scripts/bundle.py: the offline bundle as a zip with SHA256SUMS inside, links that
work from disk, the usage errors, and no bundle from a site with errors."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from conftest import REPO, run_script
from evidencesite.model import Audience


def test_bundle_zip_has_checksums_and_file_links(base_site, tmp_path):
    result = run_script("bundle.py", "-o", tmp_path / "out" / "评审材料.zip", "--audience", Audience.ASSESSOR.value, cwd=base_site)
    assert result.returncode == 0, result.stderr
    assert "已生成离线包(评审专用版)" in result.stdout
    with zipfile.ZipFile(tmp_path / "out" / "评审材料.zip") as archive:
        names = archive.namelist()
        assert all(n.startswith("评审材料/") for n in names)
        sums = archive.read("评审材料/SHA256SUMS").decode("utf-8").splitlines()
        listed = dict(reversed(line.split("  ", 1)) for line in sums)
        assert set(listed) == {n[len("评审材料/"):] for n in names} - {"SHA256SUMS"}
        for path, digest in listed.items():
            assert hashlib.sha256(archive.read("评审材料/" + path)).hexdigest() == digest
        home = archive.read("评审材料/index.html").decode("utf-8")
        assert "evidence/N001/权责清单通知.pdf" in listed
        assert "search/search_index.js" in listed and "assets/vendor/iframe-worker/shim.js" in listed
    assert 'href="areas/1/index.html"' in home and 'href="gaps.html"' in home, "links name their file: no directory URLs from disk"


def test_bundle_usage_errors_exit_2(base_site, tmp_path):
    missing = run_script("bundle.py", cwd=base_site)
    assert missing.returncode == 2 and "缺少必需的参数" in missing.stderr
    wrong = run_script("bundle.py", "-o", tmp_path / "a.tar", cwd=base_site)
    assert wrong.returncode == 2 and "要以 .zip 结尾" in wrong.stderr
    nowhere = run_script("bundle.py", "-o", tmp_path / "a.zip", cwd=tmp_path)
    assert nowhere.returncode == 2 and "找不到网站设置文件" in nowhere.stderr


def test_no_bundle_from_a_site_with_errors(base_site, tmp_path):
    page = base_site / "docs" / "indicators" / "N002.md"
    page.write_text(page.read_text(encoding="utf-8").replace("status: 推进中", "status: 进行中"), encoding="utf-8")
    result = run_script("bundle.py", "-o", tmp_path / "a.zip", cwd=base_site)
    assert result.returncode == 1
    assert "【错误】docs/indicators/N002.md" in result.stderr and "没有生成离线包" in result.stderr
    assert not (tmp_path / "a.zip").exists() and list(tmp_path.glob("*.tmp")) == []


# ---------------------------------------------------------------------------
# Killed half-way: no orphaned build, no site copy left in the temporary folder
# ---------------------------------------------------------------------------


def _processes_mentioning(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if text.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _start_bundle(site: Path, out: Path, temp: Path) -> tuple[subprocess.Popen, Path]:
    """bundle.py running, with its child build started in a scratch folder under `temp`."""
    process = subprocess.Popen([sys.executable, str(REPO / "scripts" / "bundle.py"), "-o", str(out)], cwd=site,
                               env={**os.environ, "TMPDIR": str(temp)}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(600):
        folders = list(temp.glob("evidence-bundle-*"))
        if folders and _processes_mentioning(str(folders[0])):
            return process, folders[0]
        time.sleep(0.05)
    process.kill()
    raise AssertionError("the child build never started")


def _gone(text: str) -> bool:
    for _ in range(200):
        if not _processes_mentioning(text):
            return True
        time.sleep(0.05)
    return False


def _interrupted_bundle(site: Path, tmp_path: Path, signum: int) -> tuple[Path, Path, int]:
    """(temporary folder, the run's scratch copy, exit status) of a bundle.py sent `signum` mid-build,
    once no process mentions the scratch copy any more."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    process, scratch_copy = _start_bundle(site, tmp_path / "a.zip", temp)
    process.send_signal(signum)
    status = process.wait(timeout=60)
    assert _gone(str(scratch_copy)), "the child build ends with bundle.py"
    return temp, scratch_copy, status


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_bundle_killed_leaves_no_build_running_and_next_run_cleans_up(base_site, tmp_path):
    temp, scratch_copy, _ = _interrupted_bundle(base_site, tmp_path, signal.SIGKILL)
    assert scratch_copy.exists(), "kill -9 leaves the folder (nothing can run after it) ..."
    done = subprocess.run([sys.executable, str(REPO / "scripts" / "bundle.py"), "-o", str(tmp_path / "a.zip")],
                          cwd=base_site, env={**os.environ, "TMPDIR": str(temp)}, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "已删除上次中断时留下的 1 个临时网站副本。" in done.stderr
    assert list(temp.glob("evidence-bundle-*")) == [], "... and the next run removes it; its own copy is gone too"
    assert (tmp_path / "a.zip").is_file() and not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_bundle_terminated_stops_its_build_and_removes_its_copy(base_site, tmp_path):
    temp, _, status = _interrupted_bundle(base_site, tmp_path, signal.SIGTERM)
    assert status != 0
    assert list(temp.glob("evidence-bundle-*")) == [] and not (tmp_path / "a.zip").exists()
def test_signed_bundle_unzipped_verifies_with_the_office_key(base_site, tmp_path):
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(tmp_path / "office")], check=True)
    missing = run_script("bundle.py", "-o", tmp_path / "a.zip", "--sign", tmp_path / "nokey", cwd=base_site)
    assert missing.returncode == 2 and "找不到私钥文件" in missing.stderr
    result = run_script("bundle.py", "-o", tmp_path / "评审材料.zip", "--sign", tmp_path / "office", cwd=base_site)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "评审材料.zip") as archive:
        assert "评审材料/exports/SHA256SUMS.sig" in archive.namelist()
        archive.extractall(tmp_path / "unzipped")
    verified = run_script("verify.py", tmp_path / "unzipped", "--key", tmp_path / "office.pub")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert verified.stdout.splitlines()[-1].endswith("签名有效。")
