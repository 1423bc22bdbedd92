"""Nothing staff wrote is ever lost or damaged.

- Every command but the importer (whose job is to write pages) leaves docs/ and evidence/
  byte-identical: check, builds for both audiences, verify, bundle, QR labels, the
  monthly report, make_demo.
- An interrupted command leaves the old file or the new one, never half of one: the
  bundle and the importer are run as staff run them and killed (SIGKILL, the whole
  process group) at random moments while they write; the commands whose files take
  milliseconds (report, QR labels, the build's exports) are interrupted in this process
  halfway through writing a file.
- Two builds of one site into different folders at the same time (sharing the build
  cache under .cache/evidence-site/) do not interfere.
"""

from __future__ import annotations

import builtins
import csv
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import REPO, build, tree_hash
from registers import NATIONAL_HEADER

SEED = 8
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1618000000", "SITE_URL": "https://fzzf.example.gov.cn/"}


def command(*args: str | Path) -> list[str]:
    return [sys.executable, *map(str, args)]


def script(name: str, *args: str | Path) -> list[str]:
    return command(REPO / "scripts" / name, *args)


def mkdocs(site: Path, out: Path, *extra: str) -> list[str]:
    return command("-m", "mkdocs", "build", "-f", site / "mkdocs.yml", "-d", out, *extra)


def run(args: list[str], env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, encoding="utf-8", env={**ENV, **(env or {})},
                          cwd=cwd, timeout=600)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("lost") / "demo"
    made = run(script("make_demo.py", site))
    assert made.returncode == 0, made.stderr
    return site


# ---------------------------------------------------------------------------
# Every command leaves the sources alone
# ---------------------------------------------------------------------------


def test_every_command_but_the_importer_leaves_docs_and_evidence_byte_identical(demo: Path, tmp_path: Path) -> None:
    before = tree_hash(demo / "docs", demo / "evidence")
    out = tmp_path / "out"
    steps = [
        (script("check.py", demo), (0,)),
        (script("check.py", demo, "--strict"), (1,)),  # the demo has gaps and advice
        (mkdocs(demo, out / "public"), (0,)),
        (mkdocs(demo, out / "assessor"), (0,)),
        (mkdocs(demo, out / "strict", "--strict"), (1,)),
        (script("verify.py", out / "public"), (0,)),
        (script("bundle.py", "-f", demo / "mkdocs.yml", "-o", out / "离线包.zip"), (0,)),
        (script("qr_labels.py", demo, "-o", out / "标签.pdf"), (0,)),
        (script("report.py", "2021-04", "--site", demo, "-o", out / "reports"), (0,)),
        (script("make_demo.py", out / "another-demo", "--indicators", "8"), (0,)),
    ]
    for args, codes in steps:
        env = {"SITE_AUDIENCE": "assessor"} if "assessor" in map(str, args) else None
        done = run(args, env=env, cwd=demo)
        assert done.returncode in codes, (args, done.stdout[-2000:], done.stderr[-2000:])
        assert "Traceback" not in done.stdout + done.stderr, args
        assert tree_hash(demo / "docs", demo / "evidence") == before, f"{args} changed docs/ or evidence/"
    assert sorted(p.name for p in out.iterdir()) == sorted(["public", "assessor", "strict", "离线包.zip", "标签.pdf",
                                                            "reports", "another-demo"])


# ---------------------------------------------------------------------------
# Killed mid-write: the old file or the new one
# ---------------------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """name -> (size, mtime) of the files in `folder` ({} while it does not exist)."""
    try:
        return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir() if p.is_file()}
    except FileNotFoundError:
        return {}


def killed_at_random(args: list[str], targets: list[Path], complete: Callable[[Path], bool], runs: int = 4,
                     cwd: Path | None = None) -> list[str]:
    """Run `args` once to the end, timing its writing, then `runs` times killed with SIGKILL
    at a random moment while it writes (from the moment a file in the targets' folder
    appears or changes); after each, every target is as it was or complete.
    Returns what each run left, for the assertion messages."""
    folder = targets[0].parent
    folder.mkdir(parents=True, exist_ok=True)
    before = {t: t.read_bytes() if t.exists() else None for t in targets}
    writing = watch(args, folder, cwd)
    assert all(complete(t) for t in targets)
    finished = {t: t.read_bytes() for t in targets}
    rng = random.Random(SEED)
    seen = []
    for _ in range(runs):
        for t, data in before.items():  # back to the old state: a kill may leave old, new, nothing else
            t.unlink(missing_ok=True)
            if data is not None:
                t.write_bytes(data)
        watch(args, folder, cwd, kill_after=rng.uniform(0.0, 0.9) * writing)
        for t in targets:
            state = ("absent" if not t.exists() else "old" if t.read_bytes() == before[t]
                     else "new" if t.read_bytes() == finished[t] else "other")
            assert state != "other" or complete(t), f"{t.name} is half written after a kill"
            assert state != "absent" or before[t] is None, f"{t.name} was deleted by a kill"
            seen.append(f"{t.name}:{state}")
        leftovers = [p.name for p in folder.iterdir() if p not in targets]
        assert all(name.startswith(".") and name.endswith(".tmp") for name in leftovers), leftovers
    return seen


def watch(args: list[str], folder: Path, cwd: Path | None, kill_after: float | None = None) -> float:
    """Run `args`; without `kill_after`, to the end, returning how long it wrote into
    `folder`; with it, kill the process group that long after writing began."""
    before = snapshot(folder)
    process = subprocess.Popen(args, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    while process.poll() is None and snapshot(folder) == before:
        time.sleep(0.005)
    began = time.monotonic()
    if kill_after is None:
        assert process.wait(timeout=600) == 0
        return time.monotonic() - began
    time.sleep(kill_after)
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass  # it finished first: the end state must be complete too
    process.wait()
    return 0.0


def zip_complete(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.testzip() is None and any(n.endswith("/index.html") for n in archive.namelist())
    except (zipfile.BadZipFile, OSError, EOFError):
        return False


def xlsx_complete(path: Path) -> bool:
    try:
        book = load_workbook(path, read_only=True)
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, ValueError):
        return False
    try:
        return bool(book.sheetnames)
    finally:
        book.close()


def test_a_killed_bundle_leaves_the_old_zip_or_a_complete_new_one(demo: Path, tmp_path: Path) -> None:
    target = tmp_path / "离线包.zip"
    with zipfile.ZipFile(target, "w") as old:
        old.writestr("旧版/index.html", "<p>上一次的离线包</p>")
    seen = killed_at_random(script("bundle.py", "-f", demo / "mkdocs.yml", "-o", target), [target], zip_complete)
    assert zip_complete(target), seen


def test_a_killed_import_leaves_every_page_absent_or_complete(tmp_path: Path) -> None:
    """A register of 600 rows into a new site: after a kill while the importer writes, each
    page and the framework is absent or exactly what the import writes."""
    site = tmp_path / "site"
    (site / "docs" / "indicators").mkdir(parents=True)
    (site / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    register = tmp_path / "登记表.csv"
    rows = [["一、依法全面履行政府职能", f"({n // 20 + 1})职能{n // 20 + 1}", n + 1, f"第{n + 1}项指标,内容较长" * 3, "市司法局",
             "市财政局", "2021/4/30", ""] for n in range(600)]
    with register.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([NATIONAL_HEADER, *rows])
    reference = tmp_path / "reference"
    shutil.copytree(site, reference)
    indicators = reference / "docs" / "indicators"
    writing = watch(script("import_register.py", register, "--site", reference), indicators, None)
    expected = {p.name: p.read_bytes() for p in indicators.iterdir()}
    assert len(expected) == 601
    rng = random.Random(SEED)
    for _ in range(4):
        shutil.rmtree(site / "docs")
        (site / "docs" / "indicators").mkdir(parents=True)
        watch(script("import_register.py", register, "--site", site), site / "docs" / "indicators", None,
              kill_after=rng.uniform(0.0, 0.9) * writing)
        for path in (site / "docs" / "indicators").iterdir():
            if path.name.startswith("."):
                assert path.name.endswith(".tmp"), path  # a temporary file the kill left: hidden, never a page
                continue
            assert path.read_bytes() == expected[path.name], f"{path.name} is not what the import writes"


# ---------------------------------------------------------------------------
# Interrupted while writing small files: deterministic, in this process
# ---------------------------------------------------------------------------
# A kill rarely lands inside the milliseconds a small file takes to write, so here the
# interruption is made to happen there: the first file opened for writing under the
# output folder takes half its bytes and then the "power fails" (KeyboardInterrupt).


class _PowerCut(KeyboardInterrupt):
    pass


def cut_power_while_writing(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    real_open = builtins.open

    class HalfFile:
        def __init__(self, handle) -> None:
            self._handle = handle

        def write(self, data):
            self._handle.write(data[: len(data) // 2])
            self._handle.flush()
            raise _PowerCut()

        def __getattr__(self, name):
            return getattr(self._handle, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self._handle.close()

    def cutting_open(file, mode="r", *args, **kwargs):
        handle = real_open(file, mode, *args, **kwargs)
        writing = any(m in mode for m in "wax+")
        if writing and isinstance(file, (str, Path)) and Path(file).resolve().is_relative_to(folder.resolve()):
            return HalfFile(handle)
        return handle

    monkeypatch.setattr(builtins, "open", cutting_open)


def old_files(folder: Path, names: list[str]) -> dict[Path, bytes]:
    folder.mkdir(parents=True, exist_ok=True)
    files = {folder / name: f"上一次的 {name}".encode("utf-8") for name in names}
    for path, data in files.items():
        path.write_bytes(data)
    return files


def assert_untouched(folder: Path, files: dict[Path, bytes]) -> None:
    for path, data in files.items():
        assert path.read_bytes() == data, f"{path.name} was damaged by an interrupted write"
    assert sorted(folder.iterdir()) == sorted(files), "no temporary file is left behind"


def test_an_interrupted_report_leaves_the_old_files(demo: Path, tmp_path: Path, monkeypatch) -> None:
    import report
    out = tmp_path / "reports"
    files = old_files(out, ["创建工作月报-2021-04.md", "创建工作月报-2021-04.xlsx"])
    monkeypatch.setenv("SOURCE_DATE_EPOCH", ENV["SOURCE_DATE_EPOCH"])
    cut_power_while_writing(monkeypatch, out)
    with pytest.raises(_PowerCut):
        report.main(["2021-04", "--site", str(demo), "-o", str(out)])
    assert_untouched(out, files)


def test_interrupted_qr_labels_leave_the_old_pdf(demo: Path, tmp_path: Path, monkeypatch) -> None:
    import qr_labels
    out = tmp_path / "labels"
    files = old_files(out, ["标签.pdf"])
    monkeypatch.setenv("SITE_URL", ENV["SITE_URL"])
    cut_power_while_writing(monkeypatch, out)
    with pytest.raises(_PowerCut):
        qr_labels.main([str(demo), "-o", str(out / "标签.pdf")])
    assert_untouched(out, files)


def test_an_interrupted_build_leaves_no_half_export(base_site: Path, tmp_path: Path, monkeypatch) -> None:
    """Interrupted while writing its exports, the exports folder holds whole files only."""
    out = tmp_path / "out"
    assert build(base_site, out).ok
    exports = out / "exports"
    cut_power_while_writing(monkeypatch, exports)
    with pytest.raises(_PowerCut):
        build(base_site, out)
    monkeypatch.undo()
    for path in exports.iterdir():
        assert not path.name.endswith(".tmp"), path.name
        if path.suffix == ".xlsx":
            assert xlsx_complete(path), path.name


# ---------------------------------------------------------------------------
# Concurrent builds
# ---------------------------------------------------------------------------


def test_two_builds_at_once_into_different_folders_do_not_interfere(demo: Path, tmp_path: Path) -> None:
    """Both start with an empty build cache, so both make every photo copy and cache entry at once."""
    site = tmp_path / "site"
    made = run(script("make_demo.py", site, "--indicators", "40"))
    assert made.returncode == 0, made.stderr
    processes = [subprocess.Popen(mkdocs(site, tmp_path / name), env=ENV, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True, encoding="utf-8") for name in ("a", "b")]
    outputs = [p.communicate(timeout=600)[0] for p in processes]
    for process, output in zip(processes, outputs):
        assert process.returncode == 0, output[-3000:]
        assert "WARNING" not in output and "Traceback" not in output, output[-3000:]
    alone = run(mkdocs(site, tmp_path / "alone"))
    assert alone.returncode == 0
    assert tree_hash(tmp_path / "a") == tree_hash(tmp_path / "b") == tree_hash(tmp_path / "alone")
    assert not [p for p in (site / ".cache").rglob("*.tmp")], "no temporary file is left in the cache"
