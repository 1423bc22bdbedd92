"""Golden cases of the page contract: one folder per defect under tests/fixtures/cases/.

Each case is an overlay over tests/fixtures/base-site and holds an `expected.yml`: a
one-line comment saying what it shows, then exactly the findings `check_site` (what
scripts/check.py reports: load_site, the phases file, the braces in pages) must
return (code, severity, path, line, field) with a `contains` substring of each
finding's message. A finding nobody expected fails the test, as does a missing one.

Three optional files shape a case beyond overlaying:
  DELETE            paths of base-site (one a line, relative to the site) removed before the case
                    is layered (so a case may put a folder where base-site has a file)
  make.yml          files no checkout should hold, made after layering: `copy:` {new path: existing
                    path} (names differing only in case, names too long for Windows) and `symlink:`
                    {path: target} (a link to a file that no longer exists)
  mkdocs-extra.yml  a mapping merged into `extra.evidence_site` of the site's mkdocs.yml

Where the right answer is to accept input and read it as staff meant it (a BOM, CRLF,
full-width digits), `expected.yml` says so: `accepted: true`, a `normalised:` sentence
saying what was read how, and optionally `values:` ({ID: {attribute: value}}, where an
attribute may be a dotted path such as `evidence.0.file`) that the loaded indicator
must hold. An accepted case has no error finding.

Every case also goes through `scripts/check.py` (draft and --strict: exit status and
text) and a draft build (in-process): every error is a build warning with exactly the
checker's text, the build reports exactly the findings the checker prints, and an
error about an indicator page is shown on that page. Cases whose files a test must
make at run time (a file no checkout can hold) are in `test_hardening_corpus.py`.

The sibling corpora keep the same convention, one folder per defect named after it
with an `expected.yml` beside the input: tests/fixtures/register-cases/ (registers for
scripts/import_register.py, run by test_register_corpus.py) and
tests/fixtures/config-cases/ (settings and environment, run by test_config_corpus.py).
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import shutil
import subprocess
from collections import Counter
from html import escape
from pathlib import Path
from typing import Any

import pytest
import yaml

import check
from conftest import FIXTURES, build, make_site, run_script
from evidencesite.pipeline.checker import check_site
from evidencesite.loading.loader import Site
from evidencesite.model import Severity
from evidencesite.model.settings import read_mkdocs_config, settings_for

CASES = sorted(p for p in (FIXTURES / "cases").iterdir() if p.is_dir())


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def case_site(case: Path, tmp_path: Path) -> Path:
    """base-site without the case's DELETE paths, the case layered over it, then its
    make.yml and mkdocs-extra.yml applied."""
    root = make_site(tmp_path / "site", "base-site")
    delete = case / "DELETE"
    for rel in (delete.read_text(encoding="utf-8").split() if delete.exists() else []):
        (root / rel).unlink()
    make_site(root, case)
    (root / "DELETE").unlink(missing_ok=True)
    make = root / "make.yml"
    if make.exists():
        spec = yaml.safe_load(make.read_text(encoding="utf-8"))
        for new, existing in (spec.get("copy") or {}).items():
            (root / new).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(root / existing, root / new)
        for link, target in (spec.get("symlink") or {}).items():
            (root / link).unlink(missing_ok=True)
            os.symlink(target, root / link)
        make.unlink()
    extra = root / "mkdocs-extra.yml"
    if extra.exists():
        # mkdocs.yml is re-written as plain data: its !ENV tags are resolved now.
        config = read_mkdocs_config(root)
        config.setdefault("extra", {}).setdefault("evidence_site", {}).update(yaml.safe_load(extra.read_text(encoding="utf-8")))
        (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        extra.unlink()
    return root


def load_expected(case: Path) -> dict:
    return yaml.safe_load((case / "expected.yml").read_text(encoding="utf-8"))


def expected_findings(case: Path) -> list[dict]:
    return load_expected(case)["findings"] or []


def finding_lines(lines: list[str]) -> list[str]:
    """The finding lines of a build log or check.py's output, in order."""
    return [line for line in lines if line.startswith(tuple(f"【{s.label}】" for s in Severity))]


def built_page(site_dir: Path, path: str, docs_dir: str) -> Path | None:
    """The built page of a finding's file under docs/ (docs/a/b.md -> a/b/index.html), or None."""
    if not path.startswith(docs_dir + "/") or not path.endswith(".md"):
        return None
    src = path[len(docs_dir) + 1:-3]
    return site_dir / ("index.html" if src == "index" else f"{src.removesuffix('/index')}/index.html")


def _plain(value: Any) -> Any:
    """A model value as expected.yml writes it: dates as text, enums as their value, lists item by item."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, enum.Enum)):
        return value.isoformat() if isinstance(value, dt.date) else value.value
    return value


def finding_key(f) -> tuple:
    """What identifies a finding: path, code, severity label, line, field."""
    return (f.path, f.code, f.severity.label, f.line, f.field)


def expected_key(e: dict) -> tuple:
    return (e["path"], e["code"], e["severity"], e.get("line"), e.get("field", ""))


# ---------------------------------------------------------------------------
# Tests
# ---------------------------------------------------------------------------


def checked(root: Path) -> Site:
    """The site with every finding check.py reports (load_site plus phases and page macros)."""
    return check_site(root, settings_for(root))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_check_site_returns_exactly_the_expected_findings(case, tmp_path):
    site = checked(case_site(case, tmp_path))
    expected = expected_findings(case)
    said = "\n".join(f.format() for f in site.findings)
    assert Counter(map(finding_key, site.findings)) == Counter(map(expected_key, expected)), f"load_site said:\n{said}"
    for e in expected:
        texts = [f.format() for f in site.findings if finding_key(f) == expected_key(e)]
        assert any(e["contains"] in text for text in texts), f"{e['contains']!r} not in {texts}"
    for f in site.findings:  # every message names its file, the problem and the fix
        assert f.path in f.format() and f.problem and f.fix, f.format()


def run_check(root: Path, *args: str, capsys) -> subprocess.CompletedProcess:
    """scripts/check.py's main() in this process (a new Python per case would double the
    corpus's time; test_check_script_runs_as_staff_run_it covers the command itself)."""
    capsys.readouterr()
    code = check.main([str(root), *args])
    out = capsys.readouterr()
    return subprocess.CompletedProcess(["check.py", *args], code, out.out, out.err)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_check_script_and_draft_build_say_the_same(case, tmp_path, capsys):
    root = case_site(case, tmp_path)
    expected = expected_findings(case)
    has_error = any(e["severity"] == "错误" for e in expected)
    draft = run_check(root, capsys=capsys)
    strict = run_check(root, "--strict", capsys=capsys)
    assert draft.returncode == (1 if has_error else 0), draft.stdout
    assert strict.returncode == (1 if expected else 0), strict.stdout
    for e in expected:
        assert e["contains"] in strict.stdout, strict.stdout
        if e["severity"] == "错误":
            assert e["contains"] in draft.stdout, draft.stdout
    site = checked(root)
    built = build(root, tmp_path / "out")
    assert built.ok, built.error
    errors = [f for f in site.findings if f.severity is Severity.ERROR]
    assert Counter(built.warnings) == Counter(f.format() for f in errors), "every error is a build warning, nothing else is"
    assert finding_lines(built.messages()) == finding_lines(draft.stdout.splitlines())
    for f in errors:
        page = built_page(built.site_dir, f.path, site.settings.docs_dir)
        if page and page.is_file():
            shown = escape(f.problem) if f.public else "不公开材料有错误"
            assert shown in page.read_text(encoding="utf-8"), f"{f.format()} not shown on {page}"


@pytest.mark.parametrize("case", [c for c in CASES if load_expected(c).get("accepted")],
                         ids=lambda c: c.name)
def test_accepted_input_is_read_as_meant(case, tmp_path):
    """An accepted case says what it normalises, has no error, and its values read as meant."""
    expected = load_expected(case)
    assert str(expected.get("normalised") or "").strip(), "an accepted case says what it normalised"
    assert not any(e["severity"] == "错误" for e in expected_findings(case))
    site = checked(case_site(case, tmp_path))
    for indicator_id, values in (expected.get("values") or {}).items():
        for attribute, value in values.items():
            read: Any = site.indicators[indicator_id]
            for part in attribute.split("."):  # evidence.0.file: the first item's file
                read = read[int(part)] if part.isdigit() else getattr(read, part)
            assert _plain(read) == value, (indicator_id, attribute)


@pytest.mark.parametrize("name", ["many-errors-one-page", "page-gbk-encoded", "utf8-bom-accepted"])
def test_check_script_runs_as_staff_run_it(name, tmp_path):
    """The command itself, as a new process: same text as main(), exit status, no traceback."""
    root = case_site(FIXTURES / "cases" / name, tmp_path)
    result = run_script("check.py", root)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    expected = expected_findings(FIXTURES / "cases" / name)
    assert result.returncode == (1 if any(e["severity"] == "错误" for e in expected) else 0)
    assert finding_lines(result.stdout.splitlines()) == [f.format() for f in checked(root).findings
                                                         if f.severity is Severity.ERROR]


def test_every_case_is_named_and_described():
    for case in CASES:
        text = (case / "expected.yml").read_text(encoding="utf-8")
        assert text.startswith("# "), f"{case.name}: expected.yml starts with a comment saying what it shows"
        data = load_expected(case)
        assert set(data) <= {"findings", "accepted", "normalised", "values"}, case.name
        assert case.name.endswith("-accepted") == bool(data.get("accepted")), case.name


def test_public_value_that_is_not_a_boolean_is_never_public(tmp_path):
    """`public: no` is an error (YAML 1.2 has no yes/no); meanwhile the item errs on the safe side."""
    site = checked(case_site(FIXTURES / "cases" / "public-no-boolean-trap", tmp_path))
    assert [item.public for item in site.indicators["N001"].evidence] == [True, False]
