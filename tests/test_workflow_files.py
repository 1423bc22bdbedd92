"""The files that run checks outside the build: the pre-commit hook staff install on their
PCs, and the GitLab pipeline for the city's own Git host, whose commands are the README's."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys

import yaml
from conftest import REPO, make_site
from pre_commit.clientlib import load_config

BROKEN = "---\nid: N002\ntitle: 优化法治化营商环境\narea: \"1\"\ngroup: \"1.2\"\nlead: 市发展改革委\nstatus: 已完结\n---\n"


def _hook() -> dict:
    [repo] = load_config(str(REPO / ".pre-commit-config.yaml"))["repos"]  # pre-commit's own schema
    [hook] = repo["hooks"]
    return hook


def _run_hook(site, changed: list[str]) -> subprocess.CompletedProcess:
    """What `git commit` runs: the hook's entry with the changed files its `files` pattern selects."""
    hook = _hook()
    selected = [f for f in changed if re.search(hook["files"], f) and not re.search(hook["exclude"], f)]
    command = shlex.split(hook["entry"]) + hook["args"] + selected
    assert command[:2] == ["python", "scripts/check.py"]
    return subprocess.run([sys.executable, str(REPO / command[1]), *command[2:]], cwd=site,
                          capture_output=True, text=True, encoding="utf-8")


def test_pre_commit_blocks_a_commit_whose_page_has_an_error(tmp_path):
    site = make_site(tmp_path / "site", "base-site")
    (site / "docs/indicators/N002.md").write_text(BROKEN, encoding="utf-8")
    result = _run_hook(site, ["docs/indicators/N002.md", "evidence/N001/权责清单通知.pdf"])
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith("【错误】docs/indicators/N002.md 第7行 字段 status:“已完结”")
    assert "提交前检查未通过:改动的 1 个文件中有 1 个错误" in result.stdout


def test_pre_commit_reports_only_the_changed_pages(tmp_path):
    site = make_site(tmp_path / "site", "base-site")
    (site / "docs/indicators/N002.md").write_text(BROKEN, encoding="utf-8")
    result = _run_hook(site, ["docs/indicators/N001.md"])
    assert result.returncode == 0, result.stdout
    assert "N002" not in result.stdout and "提交前检查通过" in result.stdout
    whole = _run_hook(site, ["docs/indicators/framework.yml"])
    assert whole.returncode == 1 and "docs/indicators/N002.md" in whole.stdout, "a framework change checks every page"


def test_pre_commit_environment_pins_what_requirements_pin():
    pins = dict(line.split("==") for line in (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines()
                if "==" in line)
    hook = _hook()
    assert hook["language"] == "python" and hook["require_serial"]
    for requirement in hook["additional_dependencies"]:
        name, version = requirement.split("==")
        assert pins[name] == version, requirement


def _readme_pipeline_block() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### 在本市 Git 服务器上自动检查和发布", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```bash\n(.*?)```", section, flags=re.S).group(1)
    return [line.split("#")[0].strip() for line in block.splitlines() if line.split("#")[0].strip()]


def test_gitlab_pipeline_runs_the_readme_commands():
    pipeline = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    jobs = {name: job for name, job in pipeline.items() if isinstance(job, dict) and "script" in job}
    commands = [c for job in jobs.values() for c in job.get("before_script", []) + job["script"]]
    assert commands == _readme_pipeline_block()
    readme_commands = (REPO / "README.md").read_text(encoding="utf-8").split("### 在本市 Git 服务器上自动检查和发布")[0]
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    for command in commands:
        if command.startswith("make "):
            target = command.split()[1]
            assert f"`{command}`" in readme_commands, f"{command} is documented with the README's commands"
            assert re.search(rf"^{target}:", makefile, flags=re.M), f"{target} is a Makefile target"


def test_gitlab_pipeline_checks_every_push_and_publishes_main_only():
    pipeline = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert re.match(r"python:3\.1[1-9]-(bookworm|trixie)$", pipeline["image"]), "a Debian image with Python and make"
    check, pages = pipeline["check"], pipeline["pages"]
    assert "rules" not in check and "only" not in check, "the check runs on every push"
    assert check["script"] == ["make check", "make strict"]
    assert pages["rules"] == [{"if": '$CI_COMMIT_BRANCH == "main"'}] and pages["needs"] == ["check"]
    assert pages["artifacts"]["paths"] == ["public"]
