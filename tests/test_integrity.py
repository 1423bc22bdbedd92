"""Checksums and the evidence manifest: what each build writes, `sha256sum -c` agreeing
with it, and scripts/verify.py accepting an untouched, copied or unzipped site and
naming every tampered, truncated, missing and extra file."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

import evidence_samples as samples
from conftest import build, make_site, run_script
from evidencesite.publishing import integrity
from evidencesite.publishing.archive import write_checksums, zip_folder

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


# ---------------------------------------------------------------------------
# Hostile copies: links, malformed manifests, the bundle's own list, signatures
# ---------------------------------------------------------------------------


def test_symlinked_directory_added_after_build_is_reported(built, tmp_path):
    site = _copy(built, tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "evil.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (site / "extra").symlink_to(outside, target_is_directory=True)
    result = _verify(site)
    assert result.returncode == 1
    problems = [line for line in result.stdout.splitlines() if line.startswith("【错误】")]
    assert problems == [f"【错误】extra:这是一个符号链接(指向 {outside}),构建不会生成符号链接,它是构建后被加入的。"
                        " 修改方法:删除这个链接;从原始构建重新复制网站文件夹(复制时不要保留链接)。"], result.stdout
    assert "符号链接 1 个" in result.stdout.splitlines()[-1]


def test_listed_file_replaced_by_symlink_is_reported_once(built, tmp_path):
    site = _copy(built, tmp_path)
    page = site / "indicators/N001/index.html"
    kept = tmp_path / "kept.html"
    shutil.copy(page, kept)
    page.unlink()
    page.symlink_to(kept)
    problems = [line for line in _verify(site).stdout.splitlines() if line.startswith("【错误】")]
    assert len(problems) == 1 and problems[0].startswith("【错误】indicators/N001/index.html:这是一个符号链接")


@pytest.mark.parametrize("manifest", ['[1, 2]', '{"files": {"a": 1}}', '{"files": [1]}', '"text"', "[" * 100000])
def test_malformed_manifest_is_a_finding_not_a_traceback(built, tmp_path, manifest):
    site = _copy(built, tmp_path)
    (site / integrity.MANIFEST).write_text(manifest, encoding="utf-8")
    result = _verify(site)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"【错误】{integrity.MANIFEST}:文件内容与校验清单不符" in result.stdout


def test_malformed_manifest_listed_consistently_is_named(built, tmp_path):
    site = _copy(built, tmp_path)
    (site / integrity.MANIFEST).write_text('{"files": {"a": 1}}', encoding="utf-8")
    sums = site / integrity.SUMS
    lines = [integrity.sums_line(hashlib.sha256((site / integrity.MANIFEST).read_bytes()).hexdigest(), p)
             if p == integrity.MANIFEST else integrity.sums_line(d, p)
             for p, d in integrity.parse_sums(sums.read_text(encoding="utf-8")).items()]
    sums.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _verify(site)
    assert result.returncode == 1, result.stdout
    assert ("【错误】exports/evidence-manifest.json:证据清单 exports/evidence-manifest.json 的记录与实际文件不一致:"
            "文件格式不对(files 应当是逐个文件的记录)。") in result.stdout


def _edit_page_and_its_checksum_line(site: Path) -> None:
    """What an attacker who knows the format does: change a page and recompute its line."""
    page = site / "indicators/N001/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("权责清单", "已篡改"), encoding="utf-8")
    sums = site / integrity.SUMS
    listed = integrity.parse_sums(sums.read_text(encoding="utf-8"))
    listed["indicators/N001/index.html"] = hashlib.sha256(page.read_bytes()).hexdigest()
    sums.write_text("".join(integrity.sums_line(d, p) + "\n" for p, d in sorted(listed.items())), encoding="utf-8")


def _bundle_of(built: Path, tmp_path: Path, odd_name: str | None = None) -> Path:
    """A bundle folder as bundle.py writes it (its own SHA256SUMS beside index.html), zipped and unzipped."""
    site = _copy(built, tmp_path)
    if odd_name:
        (site / "assets" / odd_name).write_bytes(b"odd")
        (site / integrity.SUMS).write_text((site / integrity.SUMS).read_text(encoding="utf-8") + integrity.sums_line(
            hashlib.sha256(b"odd").hexdigest(), f"assets/{odd_name}") + "\n", encoding="utf-8")
    write_checksums(site)
    zip_folder(site, tmp_path / "bundle.zip", "评审材料", dt.date(2021, 4, 9))
    with zipfile.ZipFile(tmp_path / "bundle.zip") as bundle:
        bundle.extractall(tmp_path / "unzipped")
    return tmp_path / "unzipped"


def test_freshly_unzipped_bundle_verifies_with_its_own_checksum_list(built, tmp_path):
    unzipped = _bundle_of(built, tmp_path)
    result = _verify(unzipped)
    assert result.returncode == 0, result.stdout
    check = subprocess.run(["sha256sum", "--check", "--strict", "SHA256SUMS"], cwd=unzipped / "评审材料",
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_bundle_checksum_list_escapes_names_as_sha256sum_does(built, tmp_path):
    unzipped = _bundle_of(built, tmp_path, odd_name="a\\b.txt")
    sums = (unzipped / "评审材料/SHA256SUMS").read_text(encoding="utf-8")
    assert "\\" + hashlib.sha256(b"odd").hexdigest() + "  assets/a\\\\b.txt\n" in sums
    check = subprocess.run(["sha256sum", "--check", "--strict", "SHA256SUMS"], cwd=unzipped / "评审材料",
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert _verify(unzipped).returncode == 0


def test_site_checksum_list_rewritten_inside_a_bundle_is_caught_by_the_bundle_list(built, tmp_path):
    folder = _bundle_of(built, tmp_path) / "评审材料"
    _edit_page_and_its_checksum_line(folder)
    result = _verify(folder)
    assert result.returncode == 1
    problems = [line for line in result.stdout.splitlines() if line.startswith("【错误】")]
    assert [p.split(":", 1)[0] for p in problems] == ["【错误】exports/SHA256SUMS", "【错误】indicators/N001/index.html"]
    assert "(离线包的 SHA256SUMS)" in problems[0]
    assert "记录的校验和与网站校验清单不同" in problems[1]


@pytest.fixture(scope="module")
def office_key(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("key")
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "濮阳市司法局", "-f", str(folder / "office")],
                   check=True)
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(folder / "attacker")], check=True)
    return folder


def test_signed_site_verifies_with_the_office_key(built, tmp_path, office_key):
    site = _copy(built, tmp_path)
    signed = run_script("sign.py", site, "--key", office_key / "office")
    assert signed.returncode == 0, signed.stderr
    assert (site / integrity.SIGNATURE).read_text(encoding="ascii").startswith("-----BEGIN SSH SIGNATURE-----")
    result = run_script("verify.py", site, "--key", office_key / "office.pub")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].endswith("全部与校验清单一致,签名有效。")
    unkeyed = _verify(site)
    assert unkeyed.returncode == 0 and "加上 --key 发布单位公钥.pub" in unkeyed.stdout
    allowed = tmp_path / "allowed_signers"
    allowed.write_text(f'office namespaces="evidence-site" {(office_key / "office.pub").read_text()}', encoding="utf-8")
    with (site / integrity.SUMS).open("rb") as sums:
        standard = subprocess.run(["ssh-keygen", "-Y", "verify", "-f", str(allowed), "-I", "office", "-n", "evidence-site",
                                   "-s", str(site / integrity.SIGNATURE)], stdin=sums, capture_output=True)
    assert standard.returncode == 0, "the README's ssh-keygen command checks it without this project"


def test_page_and_its_checksum_line_edited_together_fail_the_signature(built, tmp_path, office_key):
    site = _copy(built, tmp_path)
    assert run_script("sign.py", site, "--key", office_key / "office").returncode == 0
    _edit_page_and_its_checksum_line(site)
    assert _verify(site).returncode == 0, "without the key the rewrite passes: that is why --key exists"
    result = run_script("verify.py", site, "--key", office_key / "office.pub")
    assert result.returncode == 1
    assert ("【错误】exports/SHA256SUMS.sig:签名文件 SHA256SUMS.sig 与 SHA256SUMS 的内容或公钥 office.pub 不符:"
            "校验清单可能在签名后被改写,或不是这个单位签的名。") in result.stdout
    resigned = run_script("sign.py", site, "--key", office_key / "attacker")
    assert resigned.returncode == 0
    assert run_script("verify.py", site, "--key", office_key / "office.pub").returncode == 1


def test_signature_missing_and_key_misuse(built, tmp_path, office_key):
    site = _copy(built, tmp_path)
    missing = run_script("verify.py", site, "--key", office_key / "office.pub")
    assert missing.returncode == 1 and "【错误】exports/SHA256SUMS.sig:没有签名文件 SHA256SUMS.sig" in missing.stdout
    private = run_script("verify.py", site, "--key", office_key / "office")
    assert private.returncode == 2 and "是私钥" in private.stderr
    public = run_script("sign.py", site, "--key", office_key / "office.pub")
    assert public.returncode == 2 and "是公钥(.pub),签名要用私钥" in public.stderr
    nowhere = run_script("sign.py", tmp_path / "nowhere", "--key", office_key / "office")
    assert nowhere.returncode == 2 and "找不到 exports/SHA256SUMS" in nowhere.stderr
