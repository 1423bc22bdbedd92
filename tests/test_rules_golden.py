"""Golden cases of the page contract: one folder per defect under tests/fixtures/cases/.

Each case is an overlay over tests/fixtures/base-site and holds an `expected.yml`: a
one-line comment saying what it shows, then exactly the findings `load_site` must
return (code, severity, path, line, field) with a `contains` substring of each
finding's message. A finding nobody expected fails the test, as does a missing one.

Two optional files shape a case beyond overlaying:
  DELETE            paths (one a line, relative to the site) removed after layering
  mkdocs-extra.yml  a mapping merged into `extra.evidence_site` of the site's mkdocs.yml
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, load, make_site, run_script
from evidencesite.settings import read_mkdocs_config

CASES = sorted(p for p in (FIXTURES / "cases").iterdir() if p.is_dir())


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def case_site(case: Path, tmp_path: Path) -> Path:
    """base-site with the case layered over it, its DELETE and mkdocs-extra.yml applied."""
    root = make_site(tmp_path / "site", "base-site", case)
    delete = root / "DELETE"
    if delete.exists():
        for rel in delete.read_text(encoding="utf-8").split():
            (root / rel).unlink()
        delete.unlink()
    extra = root / "mkdocs-extra.yml"
    if extra.exists():
        # mkdocs.yml is re-written as plain data: its !ENV tags are resolved now.
        config = read_mkdocs_config(root)
        config.setdefault("extra", {}).setdefault("evidence_site", {}).update(yaml.safe_load(extra.read_text(encoding="utf-8")))
        (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        extra.unlink()
    return root


def expected_findings(case: Path) -> list[dict]:
    return yaml.safe_load((case / "expected.yml").read_text(encoding="utf-8"))["findings"] or []


def finding_key(f) -> tuple:
    """What identifies a finding: path, code, severity label, line, field."""
    return (f.path, f.code, f.severity.label, f.line, f.field)


def expected_key(e: dict) -> tuple:
    return (e["path"], e["code"], e["severity"], e.get("line"), e.get("field", ""))


# ---------------------------------------------------------------------------
# Tests
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_load_site_returns_exactly_the_expected_findings(case, tmp_path):
    site = load(case_site(case, tmp_path))
    expected = expected_findings(case)
    said = "\n".join(f.format() for f in site.findings)
    assert Counter(map(finding_key, site.findings)) == Counter(map(expected_key, expected)), f"load_site said:\n{said}"
    for e in expected:
        texts = [f.format() for f in site.findings if finding_key(f) == expected_key(e)]
        assert any(e["contains"] in text for text in texts), f"{e['contains']!r} not in {texts}"
    for f in site.findings:  # every message names its file, the problem and the fix
        assert f.path in f.format() and f.problem and f.fix, f.format()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_check_script_exit_code_and_output(case, tmp_path):
    root = case_site(case, tmp_path)
    expected = expected_findings(case)
    has_error = any(e["severity"] == "错误" for e in expected)
    draft = run_script("check.py", root)
    strict = run_script("check.py", root, "--strict")
    for result in (draft, strict):
        assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert draft.returncode == (1 if has_error else 0), draft.stdout
    assert strict.returncode == (1 if expected else 0), strict.stdout
    for e in expected:
        assert e["contains"] in strict.stdout, strict.stdout
        if e["severity"] == "错误":
            assert e["contains"] in draft.stdout, draft.stdout


def test_public_value_that_is_not_a_boolean_is_never_public(tmp_path):
    """`public: no` is an error (YAML 1.2 has no yes/no); meanwhile the item errs on the safe side."""
    site = load(case_site(FIXTURES / "cases" / "public-no-boolean-trap", tmp_path))
    assert [item.public for item in site.indicators["N001"].evidence] == [True, False]
