"""scripts/bundle.py: the offline bundle as a zip with SHA256SUMS inside, links that
work from disk, the usage errors, and no bundle from a site with errors."""

from __future__ import annotations

import hashlib
import subprocess
import zipfile

from conftest import run_script
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
