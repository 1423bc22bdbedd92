"""Golden cases of the site's configuration: tests/fixtures/config-cases/<defect>/case.yml.

The same convention as the page corpus (test_rules_golden.py): one folder per defect,
named after it, the input and the expected answer side by side. Here the input is a
change to base-site's mkdocs.yml or to the environment, all in `case.yml`:

    # one line saying what the case shows
    evidence_site: {large_file_mb: -1}   # merged into extra.evidence_site (or replaces it when not a mapping)
    env: {SITE_AUDIENCE: bogus}          # environment of every command
    edit: {replace: [old, new], encoding: gbk}   # raw edits of mkdocs.yml's text
    says: …                              # what every command says (a substring, in Chinese)
    build: mkdocs                        # the build stops in MkDocs itself, before any hook (see below)
    accepted: true                       # read as meant instead; `normalised:` says how,
    audience: assessor                   #   and `audience:` what it reads as

Every case runs through check.py, qr_labels.py, report.py and import_register.py (in
this process: exit status 2 and `says` on stderr, no traceback) and an in-process build
(fails, saying `says`). A mkdocs.yml that is not UTF-8 or not YAML stops MkDocs while it
reads its configuration, before this site's code runs: MkDocs then says so in its own
(English) words, and the commands above, check.py first, say it in Chinese.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

import check
import import_register
import qr_labels
import report
from conftest import FIXTURES, build, make_site, run_script
from evidencesite.model import Audience
from evidencesite.model.settings import read_mkdocs_config, settings_for

CASES = sorted(p for p in (FIXTURES / "config-cases").iterdir() if p.is_dir())
REGISTER = "序号,三级指标,牵头单位,一级指标,二级指标\n1,权责清单动态管理,市委编办,一、依法全面履行政府职能,(一)政府职能\n"


def spec_of(case: Path) -> dict:
    return yaml.safe_load((case / "case.yml").read_text(encoding="utf-8"))


def config_site(case: Path, tmp_path: Path) -> Path:
    spec = spec_of(case)
    root = make_site(tmp_path / "site", "base-site")
    config = root / "mkdocs.yml"
    if "evidence_site" in spec:
        data = read_mkdocs_config(root)  # plain data: its !ENV tags are resolved now
        given = spec["evidence_site"]
        extra = data.setdefault("extra", {})
        extra["evidence_site"] = {**extra.get("evidence_site", {}), **given} if isinstance(given, dict) else given
        config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    edit = spec.get("edit") or {}
    text = config.read_text(encoding="utf-8")
    if "replace" in edit:
        old, new = edit["replace"]
        assert old in text, old
        text = text.replace(old, new, 1)
    config.write_bytes(text.encode(edit.get("encoding", "utf-8")))
    (tmp_path / "登记表.csv").write_text(REGISTER, encoding="utf-8")
    return root


@pytest.fixture
def environment(monkeypatch):
    def apply(case: Path) -> dict:
        env = {"SITE_URL": "https://fzzf.example.gov.cn/", **(spec_of(case).get("env") or {})}
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        return env
    return apply


def commands(root: Path, tmp_path: Path) -> dict[str, list[str]]:
    return {"check": [str(root)], "qr_labels": [str(root), "-o", str(tmp_path / "标签.pdf")],
            "report": ["2021-04", "--site", str(root), "-o", str(tmp_path / "reports")],
            "import_register": [str(tmp_path / "登记表.csv"), "--site", str(root), "--dry-run"]}


MODULES = {"check": check, "qr_labels": qr_labels, "report": report, "import_register": import_register}


def run_main(name: str, argv: list[str], capsys) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = MODULES[name].main(argv)
    except SystemExit as exc:
        code = exc.code
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("case", [c for c in CASES if not spec_of(c).get("accepted")], ids=lambda c: c.name)
def test_every_command_says_what_is_wrong_in_chinese(case, tmp_path, capsys, environment):
    spec = spec_of(case)
    env = environment(case)
    root = config_site(case, tmp_path)
    for name, argv in commands(root, tmp_path).items():
        code, out, err = run_main(name, argv, capsys)
        assert code == 2, (name, out, err)
        assert spec["says"] in err, (name, err)
        assert "mkdocs.yml" in err and "Traceback" not in out + err, (name, err)
    result = build(root, tmp_path / "out", audience=env.get("SITE_AUDIENCE"))
    assert not result.ok
    if spec.get("build") != "mkdocs":
        said = "\n".join(result.messages()) + result.error
        assert f"mkdocs.yml 的 extra 设置有误:" in said and spec["says"] in said, said[-2000:]


@pytest.mark.parametrize("case", [c for c in CASES if spec_of(c).get("accepted")], ids=lambda c: c.name)
def test_accepted_settings_are_read_as_meant(case, tmp_path, capsys, environment):
    spec = spec_of(case)
    env = environment(case)
    assert str(spec.get("normalised") or "").strip()
    root = config_site(case, tmp_path)
    assert settings_for(root).audience is Audience(spec["audience"])
    assert run_main("check", [str(root)], capsys)[0] == 0
    result = build(root, tmp_path / "out", audience=env.get("SITE_AUDIENCE"))
    assert result.ok, result.error
    if spec["audience"] == Audience.ASSESSOR.value:
        assert Audience.ASSESSOR.banner in result.page("index.html")


def test_every_case_is_described():
    for case in CASES:
        text = (case / "case.yml").read_text(encoding="utf-8")
        assert text.startswith("# "), case.name
        spec = spec_of(case)
        assert set(spec) <= {"evidence_site", "env", "edit", "says", "build", "accepted", "normalised", "audience"}
        assert case.name.endswith("-accepted") == bool(spec.get("accepted")), case.name
        assert bool(spec.get("says")) != bool(spec.get("accepted")), case.name


def test_bundle_refuses_a_bad_setting_in_chinese(tmp_path):
    """bundle.py builds in a separate MkDocs process: the build's message reaches staff."""
    case = FIXTURES / "config-cases" / "large-file-mb-negative"
    root = config_site(case, tmp_path)
    done = run_script("bundle.py", "-o", tmp_path / "离线包.zip", cwd=root, env={**os.environ})
    assert done.returncode == 1
    assert spec_of(case)["says"] in done.stderr and "没有生成离线包" in done.stderr
    assert not (tmp_path / "离线包.zip").exists()
