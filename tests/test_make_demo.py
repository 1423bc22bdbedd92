"""scripts/make_demo.py: the synthetic site has the real shape, no errors, every feature,
the same bytes for the same seed, Chinese usage errors, and it builds with MkDocs."""

from __future__ import annotations

import html
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import tree_hash

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "make_demo.py"
sys.path.insert(0, str(REPO / "hooks"))

from evidencesite.loading.loader import Site, load_site  # noqa: E402
from evidencesite.model import EvidenceType, Severity  # noqa: E402

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def make_demo(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", timeout=300)


def errors(site: Site) -> list[str]:
    return [f.format() for f in site.findings if f.severity is Severity.ERROR]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo130") / "site"
    result = make_demo(out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def site(demo: Path) -> Site:
    return load_site(demo)


def test_default_shape(site: Site) -> None:
    assert [len(site.by_source(code)) for code in "NPC"] == [100, 25, 5]
    assert [s.expected for s in site.framework.sources.values()] == [100, 25, 5]
    assert len(site.framework.areas) == 8
    assert len(site.framework.groups) == 34
    assert all(i.group for i in site.by_source("N"))
    assert any(not i.group for i in site.by_source("P") + site.by_source("C"))


def test_no_errors_and_only_expected_advice(site: Site) -> None:
    assert errors(site) == []
    advice = [f for f in site.findings if f.severity is Severity.ADVICE]
    assert {f.code for f in advice} == {"evidence-too-many"}
    assert 1 <= len(advice) <= 2
    assert not [f for f in site.findings if f.code in ("source-short", "source-surplus", "file-uncited")]


def test_every_feature_present(site: Site) -> None:
    indicators = list(site.indicators.values())
    items = [item for i in indicators for item in i.evidence]
    problems = [p for i in indicators for p in i.problems]
    assert {item.type for item in items} == set(EvidenceType)
    assert site.evidence_gaps()
    assert any(i.on_site for i in indicators) and any(i.none for i in indicators)
    assert any(p.is_open for p in problems) and any(not p.is_open for p in problems)
    assert any(not item.public for item in items)
    assert any(item.date for item in items) and any(item.location for item in items)
    shared = {path: ids for path, ids in site.cited_files().items() if path.startswith("common/")}
    assert shared and all(len(ids) >= 2 for ids in shared.values())


def test_evidence_files_are_real(demo: Path) -> None:
    from PIL import Image
    from pypdf import PdfReader

    evidence = demo / "evidence"
    suffixes = {p.suffix for p in evidence.rglob("*") if p.is_file()}
    assert {".pdf", ".jpg", ".png", ".txt"} <= suffixes
    pdf = next(evidence.rglob("*.pdf"))
    assert "synthetic data" in PdfReader(pdf, strict=True).pages[0].extract_text()
    gps = []
    for photo in evidence.rglob("*.jpg"):
        with Image.open(photo) as image:
            gps.append(dict(image.getexif().get_ifd(0x8825)))
    assert any(gps), "one JPEG should carry EXIF with a GPS IFD"
    text = next(evidence.rglob("*.txt")).read_text(encoding="utf-8")
    assert CHINESE.search(text)


def test_pages_are_marked_as_demo(demo: Path) -> None:
    pages = sorted((demo / "docs" / "indicators").glob("*.md"))
    assert len(pages) == 130
    for page in pages:
        body = page.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        assert body.startswith('!!! note "示例数据"\n    本页为自动生成的示例数据,不代表濮阳市实际工作情况。')
    assert "示例数据" in (demo / "docs" / "index.md").read_text(encoding="utf-8")
    config = (demo / "mkdocs.yml").read_text(encoding="utf-8")
    assert "site_name: 示例站点(示例数据)" in config
    assert "!ENV [SITE_AUDIENCE, public]" in config
    assert (REPO / "hooks" / "evidence_site.py").as_posix() in config


def _generated(root: Path) -> str:
    """What make_demo writes (a build of the demo may add its cache folder beside it)."""
    return tree_hash(root / "docs", root / "evidence") + (root / "mkdocs.yml").read_text(encoding="utf-8")


def test_same_seed_same_bytes(demo: Path, tmp_path: Path) -> None:
    assert make_demo(tmp_path / "again").returncode == 0
    assert _generated(tmp_path / "again") == _generated(demo)
    assert make_demo(tmp_path / "other", "--seed", "2").returncode == 0
    assert _generated(tmp_path / "other") != _generated(demo)


def test_scales_to_1000(tmp_path: Path) -> None:
    result = make_demo(tmp_path / "big", "--indicators", "1000")
    assert result.returncode == 0, result.stderr
    site = load_site(tmp_path / "big")
    counts = [len(site.by_source(code)) for code in "NPC"]
    assert sum(counts) == 1000
    for actual, share in zip(counts, (100, 25, 5)):
        assert abs(actual - 1000 * share / 130) <= 1
    assert len(site.framework.areas) == 8
    assert abs(len(site.framework.groups) - 1000 / 3.8) <= 1
    assert errors(site) == []


@pytest.mark.parametrize("args", [["--indicators", "7"], ["--indicators", "abc"], [], ["--bogus"]])
def test_bad_arguments(tmp_path: Path, args: list[str]) -> None:
    result = make_demo(*([tmp_path / "out"] if args != [] else []), *args)
    assert result.returncode == 2
    assert CHINESE.search(result.stderr) and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_refuses_foreign_folder_and_file(tmp_path: Path) -> None:
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me", encoding="utf-8")
    result = make_demo(foreign)
    assert result.returncode == 2 and CHINESE.search(result.stderr) and "Traceback" not in result.stderr
    assert [p.name for p in foreign.iterdir()] == ["notes.txt"]
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    for target in (blocker, blocker / "below"):
        result = make_demo(target)
        assert result.returncode == 2 and CHINESE.search(result.stderr) and "Traceback" not in result.stderr


def test_replaces_previous_demo_without_leftovers(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    assert make_demo(out, "--indicators", "8").returncode == 0
    (out / "stale.txt").write_text("old", encoding="utf-8")
    assert make_demo(out, "--indicators", "9").returncode == 0
    assert not (out / "stale.txt").exists()
    assert len(list((out / "docs" / "indicators").glob("*.md"))) == 9
    assert [p.name for p in tmp_path.iterdir()] == ["demo"]
    assert errors(load_site(out)) == []


def test_interrupted_run_leaves_previous_demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = importlib.util.spec_from_file_location("make_demo", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "make_demo", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    out = tmp_path / "demo"
    module.generate(out, 8, 1)
    before = tree_hash(out)

    def interrupted(root: Path, total: int, seed: int) -> None:
        (root / "docs").mkdir()
        raise KeyboardInterrupt

    monkeypatch.setattr(module, "write_site", interrupted)
    with pytest.raises(KeyboardInterrupt):
        module.generate(out, 8, 1)
    assert tree_hash(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["demo"]


def test_mkdocs_build(demo: Path, site: Site, tmp_path: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(demo / "mkdocs.yml"),
                             "-d", str(tmp_path / "site")], capture_output=True, text=True, encoding="utf-8",
                            env=env, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    page = tmp_path / "site" / "indicators" / "N001" / "index.html"
    assert page.is_file()
    assert html.escape(site.indicators["N001"].title, quote=False) in page.read_text(encoding="utf-8")
    assert not list((demo / "docs").rglob("*.html")), "the build never writes into docs/"
