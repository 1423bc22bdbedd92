"""Properties of the checker over generated input (hypothesis): whatever staff type into
front matter, whatever files they drop into evidence/, the loader and check.py never
crash, every finding names its file and says what to do, and check.py and the build
report the same findings.

Each example is a copy of tests/fixtures/base-site with one page or the evidence tree
replaced; examples are few and small so the file stays within a few seconds a test.
For a deeper search: ES_PROPERTY_EXAMPLES=2000 .venv/bin/python -m pytest tests/test_properties.py
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import check
from conftest import build, make_site
from evidencesite.pipeline.checker import check_site
from evidencesite.model import Severity
from evidencesite.model.settings import settings_for
from evidencesite.checks.summary import report_lines

FIELDS = ["id", "title", "requirement", "area", "group", "lead", "partners", "due", "status", "evidence",
          "on_site", "none", "problems", "public", "file", "url", "type", "date", "Status", "状态", "编号"]
ITEM_FIELDS = ["title", "type", "file", "url", "public", "date", "location", "标题"]

# Text as staff paste it: Chinese, full-width forms, invisible characters, YAML's special characters.
TEXT = st.text(alphabet=st.sampled_from(list("N001Ｎ０１ 已完成推进中文件图片无暂待补充市司法局:：,、-—#*&!|>[]{}'\"%@`\\/."
                                             "\u200b\u3000\t\r\n2021年4月30日/")), max_size=24)
SCALAR = st.one_of(TEXT, st.integers(-5, 3000), st.floats(allow_nan=False, allow_infinity=False), st.booleans(),
                   st.none(), st.sampled_from(["N001", "已完成", "文件", "1", "1.1", "2021-04-30", "2021-02-30",
                                               "N001/权责清单通知.pdf", "https://example.gov.cn/a", "no", "on"]))
VALUE = st.recursive(SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                     st.dictionaries(st.sampled_from(ITEM_FIELDS), inner, max_size=5)),
                     max_leaves=12)
FRONT = st.dictionaries(st.sampled_from(FIELDS), VALUE, max_size=10)
LINE_ENDS = st.sampled_from(["\n", "\r\n", "\r"])
NAME = st.text(alphabet=st.sampled_from(list("abN001Ｎ权责 清单（）()._-\u200b\u3000")), min_size=1, max_size=12)

EXAMPLES = int(os.environ.get("ES_PROPERTY_EXAMPLES", "40"))
FAST = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@contextmanager
def base_copy() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="es-prop-") as temp:
        yield make_site(Path(temp) / "site", "base-site")


def assert_every_finding_names_its_file(site) -> None:
    for f in site.findings:
        assert f.path and f.problem and f.fix, f
        assert f.format().startswith(f"【{f.severity.label}】{f.path}"), f.format()
        assert "Traceback" not in f.problem + f.fix


def page_text(front: dict, body: str, end: str) -> str:
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True, default_flow_style=False) + "---\n" + body
    return text.replace("\n", end)


# ---------------------------------------------------------------------------
# Tests
# ---------------------------------------------------------------------------


@FAST
@given(front=FRONT, body=TEXT, end=LINE_ENDS, bom=st.booleans())
def test_generated_front_matter_never_crashes_the_loader(front, body, end, bom):
    with base_copy() as root:
        data = page_text(front, body, end).encode("utf-8")
        (root / "docs/indicators/N001.md").write_bytes(b"\xef\xbb\xbf" + data if bom else data)
        site = check_site(root, settings_for(root))
        assert_every_finding_names_its_file(site)
        report_lines(site, strict=True)  # the summary copes too


@FAST
@given(raw=st.binary(max_size=300), text=TEXT)
def test_any_bytes_as_a_page_or_framework_never_crash_the_checker(raw, text):
    with base_copy() as root:
        (root / "docs/indicators/N002.md").write_bytes(raw)
        (root / "docs/indicators/P001.md").write_text("---\n" + text + "\n---\n", encoding="utf-8")
        (root / "docs/indicators/framework.yml").write_bytes(raw[::-1])
        assert check.main([str(root), "--strict"]) in (0, 1)
        assert_every_finding_names_its_file(check_site(root, settings_for(root)))


@FAST
@given(files=st.lists(st.tuples(st.lists(NAME, min_size=1, max_size=3), st.integers(0, 40)), max_size=8),
       cited=st.lists(st.tuples(st.integers(0, 7), st.sampled_from(["exact", "upper", "backslash", "prefix", "wide",
                                                                     "absolute", "dotdot"])), max_size=4))
def test_generated_evidence_trees_never_crash_the_loader(files, cited):
    with base_copy() as root:
        shutil.rmtree(root / "evidence")
        made = []
        for parts, size in files:
            target = root / "evidence" / Path(*parts)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(b"%PDF-1.4\n" + b"x" * size if size else b"")
            except OSError:  # a name that is a folder already: what a file system allows is enough
                continue
            made.append("/".join(parts))
        spellings = {"exact": lambda p: p, "upper": str.upper, "backslash": lambda p: p.replace("/", "\\"),
                     "prefix": lambda p: "evidence/" + p, "wide": lambda p: p.replace("1", "１"),
                     "absolute": lambda p: "/" + p, "dotdot": lambda p: "../" + p}
        items = [{"title": f"材料{n}", "type": "文件", "file": spellings[how](made[i % len(made)])}
                 for n, (i, how) in enumerate(cited) if made]
        front = {"id": "N001", "title": "权责清单", "area": "1", "group": "1.1", "lead": "市委编办", "status": "推进中",
                 "evidence": items}
        (root / "docs/indicators/N001.md").write_text(page_text(front, "正文。\n", "\n"), encoding="utf-8")
        site = check_site(root, settings_for(root))
        assert_every_finding_names_its_file(site)
        evidence = root / "evidence"
        for f in site.findings:
            if f.path.startswith("evidence/"):
                assert (evidence / f.path[len("evidence/"):]).exists() or (evidence / f.path[len("evidence/"):]).is_symlink()


@settings(max_examples=max(4, EXAMPLES // 10), deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(front=FRONT, end=LINE_ENDS)
def test_check_and_the_build_report_the_same_findings(front, end):
    with base_copy() as root:
        (root / "docs/indicators/N001.md").write_text(page_text(front, "正文。\n", end), encoding="utf-8", newline="")
        site = check_site(root, settings_for(root))
        out = root.parent / "out"
        draft = build(root, out)
        assert draft.ok, draft.error
        errors = [f.format() for f in site.findings if f.severity is Severity.ERROR]
        assert sorted(draft.warnings) == sorted(errors)
        strict = build(root, root.parent / "strict", strict=True)
        findings = sorted(f.format() for f in site.findings)
        assert sorted(w for w in strict.warnings if w.startswith("【")) == findings
        assert strict.ok == (not findings)
