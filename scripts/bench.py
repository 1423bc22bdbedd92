"""Performance and scale, measured against bare Material; the results go to BENCHMARKS.md.

    python scripts/bench.py [--sizes 130,1000,2000,5000] [--runs 15,7,3,3] [--workdir build/bench]
                            [--output BENCHMARKS.md] [--no-browser] [--no-serve] [--report-only]

For every size, a demo site (scripts/make_demo.py, with evidence files) and:

- `check.py` on it;
- a cold draft build (`mkdocs build` in a new process, build cache deleted) and, in
  turn with it, the same pages built by bare Material: the site's mkdocs.yml without
  our hooks and the macros plugin, over a copy of the site in which everything our
  hooks generate (area, group and gaps pages, the header of each indicator page, the
  navigation, stylesheets, evidence) is an ordinary file (see scripts/_bench_bare.py),
  so both builds write the same pages and the difference is what our code costs;
- the same cold build again with the build cache left from the one before;
- what `mkdocs serve` does after a save, in one process: a rebuild with nothing
  changed, and a rebuild after one page was edited (scripts/_bench_worker.py);
- where the time of one build goes, by plugin, hook and MkDocs phase;
- peak memory, HTML per indicator page, the search index's size.

With a 2,000-indicator size it also times Material's search in headless chromium (the
browser tests' machinery), and for 130 and 1,000 indicators the real `mkdocs serve`:
from saving an edited page to the change showing on that page and on the pages that
list it. Every figure is the median of the runs with the minimum and maximum; ratios
are computed run by run from builds made one after the other, so a busy machine slows
both sides alike. Never run from the test suite (tests/test_bench.py runs a tiny size).
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from _bootstrap import REPO, ChineseArgumentParser
from make_demo import mkdocs_yaml
from evidencesite.catalogue.commands import say

SCRIPTS = REPO / "scripts"
MKDOCS = [sys.executable, "-m", "mkdocs"]
CAPTURE_HOOK = SCRIPTS / "_bench_bare.py"
WORKER = SCRIPTS / "_bench_worker.py"
NOTES_MARKER = "<!-- Everything below this line is written by hand; scripts/bench.py keeps it. -->"
SEARCH_SIZE = 2000
SERVE_SIZES = (130, 1000)
SEARCH_QUERIES = (say("bench.search-query-1"), say("bench.search-query-2"))
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
ENV.pop("SITE_AUDIENCE", None)
ENV.pop("SITE_URL", None)


# ---------------------------------------------------------------------------
# Running and timing
# ---------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    """Wall-clock time."""
    cpu: float
    """User and system CPU time of the process: what other jobs on the machine blur least."""
    maxrss_mb: float
    returncode: int


def timed(cmd: list[str], cwd: Path | None = None, env: dict | None = None, ok: tuple[int, ...] = (0,)) -> Run:
    """Wall time, CPU time and peak memory (this child's own, from wait4) of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    if proc.returncode not in ok:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed ({proc.returncode}):\n{stderr.decode(errors='replace')[-3000:]}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode)


def worker(*args: str | Path) -> dict:
    out = subprocess.run([sys.executable, str(WORKER), *map(str, args)], env=ENV, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"_bench_worker.py {args[0]} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def spread(values: list[float]) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": values}


# ---------------------------------------------------------------------------
# Sites
# ---------------------------------------------------------------------------


def demo_site(workdir: Path, size: int) -> Path:
    """The demo site of this size, made once and kept (make_demo.py output is reproducible);
    its mkdocs.yml is written again each time, so it lists this checkout's hooks."""
    site = workdir / f"demo-{size}"
    marker = site / ".demo-site"
    if not (marker.is_file() and f"--indicators {size} " in marker.read_text(encoding="utf-8")):
        subprocess.run([sys.executable, str(SCRIPTS / "make_demo.py"), str(site), "--indicators", str(size)],
                       env=ENV, check=True, capture_output=True)
    else:
        (site / "mkdocs.yml").write_text(mkdocs_yaml(), encoding="utf-8")
    return site


def with_capture_hook(site: Path) -> Path:
    """A copy of the site's mkdocs.yml with scripts/_bench_bare.py as the last hook."""
    text = (site / "mkdocs.yml").read_text(encoding="utf-8")
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(r"^hooks\s*:", line))
    end = start + 1
    while end < len(lines) and (lines[end].startswith((" ", "\t")) or not lines[end].strip()):
        end += 1
    while not lines[end - 1].strip():
        end -= 1
    lines.insert(end, f"  - {json.dumps(CAPTURE_HOOK.as_posix())}")
    config = site / "mkdocs-bench-capture.yml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def bare_site(workdir: Path, site: Path, size: int) -> tuple[Path, dict]:
    """The bare-Material copy of the site: one build of ours with the capture hook."""
    bare = workdir / f"bare-{size}"
    shutil.rmtree(bare, ignore_errors=True)
    bare.mkdir(parents=True)
    config = with_capture_hook(site)
    out = workdir / f"capture-{size}"
    shutil.rmtree(out, ignore_errors=True)
    try:
        timed([*MKDOCS, "build", "-f", str(config), "-d", str(out)], env={**ENV, "EVIDENCE_BENCH_BARE": str(bare)})
    finally:
        config.unlink()
    captured = json.loads((bare / "capture.json").read_text(encoding="utf-8"))
    ours_pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    shutil.rmtree(out, ignore_errors=True)
    captured["ours_pages"] = ours_pages
    return bare, captured


def clear_cache(site: Path) -> None:
    shutil.rmtree(site / ".cache" / "evidence-site", ignore_errors=True)


# ---------------------------------------------------------------------------
# One size
# ---------------------------------------------------------------------------


def measure_size(workdir: Path, size: int, runs: int, breakdown: bool) -> dict:
    log(say("bench.step-demo", size=size))
    site = demo_site(workdir, size)
    bare, captured = bare_site(workdir, site, size)
    ours_out, bare_out = workdir / f"site-{size}", workdir / f"bare-site-{size}"
    result: dict = {"size": size, "runs": runs, "whole_html_pages": captured["whole_html"]}

    log(f"{size}:check.py × {runs}")
    checks = [timed([sys.executable, str(SCRIPTS / "check.py"), str(site)], ok=(0, 1)) for _ in range(runs)]
    result["check"] = spread([r.seconds for r in checks])
    result["check_cpu"] = spread([r.cpu for r in checks])

    cold, bare_cold, cache_warm = [], [], []
    for n in range(runs):
        log(say("bench.step-cold", size=size, n=n + 1, runs=runs))
        pair = {}
        for kind in (("ours", "bare") if n % 2 == 0 else ("bare", "ours")):
            if kind == "ours":
                clear_cache(site)
                shutil.rmtree(ours_out, ignore_errors=True)
                pair[kind] = timed([*MKDOCS, "build", "-f", str(site / "mkdocs.yml"), "-d", str(ours_out)])
            else:
                shutil.rmtree(bare_out, ignore_errors=True)
                pair[kind] = timed([*MKDOCS, "build", "-f", str(bare / "mkdocs.yml"), "-d", str(bare_out)])
        cold.append(pair["ours"])
        bare_cold.append(pair["bare"])
        cache_warm.append(timed([*MKDOCS, "build", "-f", str(site / "mkdocs.yml"), "-d", str(ours_out)]))
    for name, timings in (("cold", cold), ("bare_cold", bare_cold), ("cache_warm", cache_warm)):
        result[name] = spread([r.seconds for r in timings])
        result[f"{name}_cpu"] = spread([r.cpu for r in timings])
    # Ratios run by run: each of ours against the bare build made right beside it.
    for name, ours in (("overhead", cold), ("overhead_warm", cache_warm)):
        result[name] = spread([o.seconds / b.seconds for o, b in zip(ours, bare_cold)])
        result[f"{name}_cpu"] = spread([o.cpu / b.cpu for o, b in zip(ours, bare_cold)])
    result["memory_mb"] = spread([r.maxrss_mb for r in cold])
    result["bare_memory_mb"] = spread([r.maxrss_mb for r in bare_cold])
    result["output"] = output_stats(ours_out, bare_out, captured["ours_pages"])

    log(say("bench.step-serve", size=size, runs=runs))
    page = next(iter(sorted((site / "docs" / "indicators").glob("N*.md"))))
    serve_dir = workdir / f"serve-{size}"
    rebuilt = worker("rebuilds", site / "mkdocs.yml", serve_dir, "--runs", runs, "--edit", page)
    shutil.rmtree(serve_dir, ignore_errors=True)
    result["warm"] = spread(rebuilt["warm"])
    result["edit"] = spread(rebuilt["edit"])
    result["warm_cpu"] = spread(rebuilt["warm_cpu"])
    result["edit_cpu"] = spread(rebuilt["edit_cpu"])
    result["warm_vs_bare"] = result["warm"]["median"] / result["bare_cold"]["median"]
    result["warm_vs_bare_cpu"] = result["warm_cpu"]["median"] / result["bare_cold_cpu"]["median"]
    result["serve_memory_mb"] = rebuilt["maxrss_kb"] / 1024

    if breakdown:
        log(say("bench.step-breakdown", size=size))
        clear_cache(site)
        result["breakdown"] = worker("breakdown", site / "mkdocs.yml", workdir / f"breakdown-{size}")
        result["bare_breakdown"] = worker("breakdown", bare / "mkdocs.yml", workdir / f"breakdown-bare-{size}")
        for name in (f"breakdown-{size}", f"breakdown-bare-{size}"):
            shutil.rmtree(workdir / name, ignore_errors=True)
    return result


def output_stats(ours: Path, bare: Path, ours_pages: list[str]) -> dict:
    pages = sorted(ours.glob("indicators/*/index.html"))
    sizes = [p.stat().st_size for p in pages]
    index = ours / "search" / "search_index.json"
    bare_index = bare / "search" / "search_index.json"
    bare_pages = sorted(p.relative_to(bare).as_posix() for p in bare.rglob("*.html"))
    return {
        "pages": len(ours_pages),
        "same_pages_as_bare": ours_pages == bare_pages,
        "indicator_pages": len(pages),
        "html_kb_mean": statistics.mean(sizes) / 1024 if sizes else 0,
        "html_kb_max": max(sizes, default=0) / 1024,
        "bare_html_kb_mean": statistics.mean(p.stat().st_size for p in bare.glob("indicators/*/index.html")) / 1024
        if sizes else 0,
        "search_index_mb": index.stat().st_size / 2**20 if index.is_file() else 0,
        "search_index_gzip_mb": len(gzip.compress(index.read_bytes(), 6)) / 2**20 if index.is_file() else 0,
        "bare_search_index_mb": bare_index.stat().st_size / 2**20 if bare_index.is_file() else 0,
        "search_docs": len(json.loads(index.read_text(encoding="utf-8"))["docs"]) if index.is_file() else 0,
        "site_mb": sum(p.stat().st_size for p in ours.rglob("*") if p.is_file()) / 2**20,
    }


# ---------------------------------------------------------------------------
# Search in the browser
# ---------------------------------------------------------------------------


def measure_search(site_dir: Path, runs: int) -> dict:
    """Time from typing a query to the first result in headless chromium: right after the
    page loads (the search worker still fetching and indexing) and once it is ready."""
    sys.path.insert(0, str(REPO / "tests"))
    from browser_support import CHROMIUM_ARGS, chromium_path, missing_browser_reason, serve
    from playwright.sync_api import sync_playwright

    reason = missing_browser_reason()
    if reason:
        return {"skipped": reason}
    first, ready, load = [], [], []
    page_path = next(iter(sorted(p.parent.relative_to(site_dir).as_posix() for p in site_dir.glob("indicators/*/index.html"))))
    with serve(site_dir) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            for n in range(runs):
                context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
                page = context.new_page()
                start = time.perf_counter()
                page.goto(f"{base}{page_path}/", wait_until="load")
                load.append(time.perf_counter() - start)
                first.append(_first_result(page, SEARCH_QUERIES[n % 2]))
                ready.append(_first_result(page, SEARCH_QUERIES[(n + 1) % 2], clear=True))
                context.close()
        finally:
            browser.close()
    return {"page_load": spread(load), "first_query": spread(first), "ready_query": spread(ready),
            "queries": list(SEARCH_QUERIES), "page": page_path}


def _first_result(page, term: str, clear: bool = False) -> float:
    """Seconds from typing `term` into the search box to the first result on screen."""
    box = page.locator("input.md-search__input")
    box.focus()
    if clear:  # a second query: the results of the first must go first
        box.fill("")
        page.keyboard.press("End")
        page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
    start = time.perf_counter()
    page.keyboard.type(term)
    page.keyboard.press("End")  # Material listens for keyup, which typing does not fire
    page.wait_for_selector(".md-search-result__item", timeout=120_000)
    return time.perf_counter() - start


# ---------------------------------------------------------------------------
# mkdocs serve: from saving a page to the change on every page that shows it
# ---------------------------------------------------------------------------


def measure_serve(workdir: Path, size: int, runs: int) -> dict:
    site = demo_site(workdir, size)
    built = workdir / f"site-{size}"
    page = sorted((site / "docs" / "indicators").glob("N*.md"))[1]
    ident = page.stem
    original = page.read_text(encoding="utf-8")
    title = re.search(r"^title: (.+)$", original, re.M).group(1).strip()
    quoted = title[:1] in ("'", '"')
    watched = _pages_showing(built, ident)
    port = _free_port()
    proc = subprocess.Popen([*MKDOCS, "serve", "-f", str(site / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
                            env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    latencies = []
    run_id = os.getpid()
    try:
        start = time.perf_counter()
        _wait_for(base, [""], "</html>", timeout=900)
        first_build = time.perf_counter() - start
        for n in range(runs):
            marker = say("bench.edit-marker", run_id=run_id,
                         n=n)  # unique to this run: a page left edited by a killed run cannot match
            time.sleep(1.5)  # let the watcher settle after the last build
            start = time.perf_counter()
            edited = title[:-1] + marker + title[-1] if quoted else title + marker
            page.write_text(original.replace(f"title: {title}", f"title: {edited}", 1), encoding="utf-8")
            _wait_for(base, watched, marker, timeout=900)
            latencies.append(time.perf_counter() - start)
    finally:
        page.write_text(original, encoding="utf-8")
        proc.terminate()
        proc.wait(timeout=60)
    return {"first_build": first_build, "latency": spread(latencies), "pages_checked": watched}


def _pages_showing(built: Path, ident: str) -> list[str]:
    """The indicator's page and every other page whose content (not the navigation) links
    to it. (By link, not by title: at 1,000 demo indicators titles repeat.)"""
    found = [f"indicators/{ident}/"]
    link = re.compile(rf'href="[^"]*indicators/{re.escape(ident)}/(?:index\.html)?"')
    for page in sorted(built.rglob("index.html")):
        rel = page.parent.relative_to(built).as_posix()
        if rel.startswith("indicators/"):
            continue
        text = page.read_text(encoding="utf-8")
        if link.search(text[text.find("<article"):text.find("</article>")]):
            found.append("" if rel == "." else rel + "/")
    return found


def _wait_for(base: str, paths: list[str], text: str, timeout: float) -> None:
    deadline = time.perf_counter() + timeout
    pending = list(paths)
    while pending:
        if time.perf_counter() > deadline:
            raise RuntimeError(f"mkdocs serve: {pending} did not show {text!r} in {timeout} s")
        try:
            with urllib.request.urlopen(base + pending[0], timeout=10) as response:
                if text in response.read().decode("utf-8", "replace"):
                    pending.pop(0)
                    continue
        except OSError:
            pass
        time.sleep(0.05)


def _free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------


def machine() -> dict:
    model = ""
    try:
        model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                      if line.startswith("model name")), "")
    except OSError:
        pass
    from importlib.metadata import version
    return {"cores": os.cpu_count(), "cpu": model, "python": platform.python_version(),
            "mkdocs": version("mkdocs"), "material": version("mkdocs-material"), "load": os.getloadavg()}


def fmt(s: dict, unit: str = "s", digits: int = 2) -> str:
    return f"{s['median']:.{digits}f} {unit} <br>({s['min']:.{digits}f}–{s['max']:.{digits}f})"


def pct(s: dict) -> str:
    return f"{100 * (s['median'] - 1):+.0f}% <br>({100 * (s['min'] - 1):+.0f}…{100 * (s['max'] - 1):+.0f}%)"


def targets(results: dict) -> list[tuple[str, str, bool]]:
    """(target, measured, met). Ratios are judged on CPU time (the work done; wall-clock
    time on a shared machine also counts the other jobs) and shown with wall-clock too."""
    sizes = {r["size"]: r for r in results["sizes"]}
    rows: list[tuple[str, str, bool]] = []
    for size, r in sizes.items():
        rows.append((f"hooks and macros add ≤ 15% to bare Material ({size:,}; our build cache empty)",
                     f"CPU {pct(r['overhead_cpu'])}; wall {pct(r['overhead'])}".replace(" <br>", " "),
                     r["overhead_cpu"]["median"] <= 1.15))
        if "overhead_warm_cpu" in r:
            rows.append((f"hooks and macros add ≤ 15% to bare Material ({size:,}; our build cache warm)",
                         f"CPU {pct(r['overhead_warm_cpu'])}; wall {pct(r['overhead_warm'])}".replace(" <br>", " "),
                         r["overhead_warm_cpu"]["median"] <= 1.15))
    if 130 in sizes:
        r = sizes[130]
        rows.append(("warm rebuild (mkdocs serve) ≤ 0.6 × bare cold build (130)",
                     f"CPU {r['warm_cpu']['median']:.2f} s / {r['bare_cold_cpu']['median']:.2f} s = "
                     f"{r['warm_vs_bare_cpu']:.2f}; wall {r['warm']['median']:.2f} s / {r['bare_cold']['median']:.2f} s "
                     f"= {r['warm_vs_bare']:.2f}", r["warm_vs_bare_cpu"] <= 0.6))
        rows.append(("check.py < 1 s (130)", f"{r['check']['median']:.2f} s", r["check"]["median"] < 1))
    if 1000 in sizes and 5000 in sizes:
        for key, what in (("check", "check.py"), ("cold_cpu", "build (CPU)"), ("cold", "build (wall)")):
            q = sizes[5000][key]["median"] / sizes[1000][key]["median"]
            rows.append((f"{what}: time(5,000) ÷ time(1,000) ≤ 1.3 × 5", f"{q:.2f}", q <= 6.5))
    if 2000 in sizes:
        r = sizes[2000]
        rows.append(("full build < 60 s (2,000)", f"{r['cold']['median']:.1f} s wall (max {r['cold']['max']:.1f} s), "
                     f"{r['cold_cpu']['median']:.1f} s CPU", r["cold"]["median"] < 60))
        rows.append(("HTML per indicator page ≤ 60 KB (2,000)",
                     f"{r['output']['html_kb_mean']:.1f} KB mean, {r['output']['html_kb_max']:.1f} KB max",
                     r["output"]["html_kb_max"] <= 60))
        rows.append(("peak memory < 1 GB (2,000)", f"{r['memory_mb']['max']:.0f} MB", r["memory_mb"]["max"] < 1024))
        search = results.get("search") or {}
        if "first_query" in search and search.get("size") == 2000:
            rows.append(("first search result ≤ 2 s (2,000; typed as soon as the page has loaded)",
                         f"{search['first_query']['median']:.2f} s (max {search['first_query']['max']:.2f} s)",
                         search["first_query"]["max"] <= 2))
    return rows


def breakdown_text(r: dict) -> str:
    spent, total = r["breakdown"]["spent"], r["breakdown"]["total"]
    bare_spent, bare_total = r["bare_breakdown"]["spent"], r["bare_breakdown"]["total"]
    ours = {k: v for k, v in spent.items() if k.startswith("hook ") or k == "plugin macros"}
    top = sorted(spent.items(), key=lambda kv: -kv[1])[:6]
    return (f"**{r['size']:,} indicators**: our build {total:.1f} s CPU, bare Material {bare_total:.1f} s. "
            "Largest shares of ours: " + ", ".join(f"{k} {100 * v / total:.0f}%" for k, v in top) + ". "
            f"All our hooks and macros: {sum(ours.values()):.2f} s ({100 * sum(ours.values()) / total:.0f}% of our build, "
            f"{100 * sum(ours.values()) / bare_total:.0f}% of bare Material's), led by "
            + ", ".join(f"{k.removeprefix('hook ')} {v:.2f} s" for k, v in sorted(ours.items(), key=lambda kv: -kv[1])[:4])
            + ". Bare Material: " + ", ".join(f"{k} {100 * v / bare_total:.0f}%"
                                             for k, v in sorted(bare_spent.items(), key=lambda kv: -kv[1])[:4]) + ".")


def report(results: dict) -> str:
    m = results["machine"]
    sizes = results["sizes"]
    out = [
        "# Benchmarks",
        "",
        "Written by `scripts/bench.py` (`make bench`); the notes at the end are written by hand.",
        "",
        f"- Date: {results['date']}",
        f"- Command: `{results['command']}`"
        + (f"; browser search and `mkdocs serve` measured again by `{results['late_command']}`"
           if results.get("late_command") else ""),
        f"- Machine: {m['cores']} cores ({m['cpu'] or 'unknown CPU'}), Python {m['python']}, "
        f"MkDocs {m['mkdocs']}, Material {m['material']}.",
        f"- Load average {m['load'][0]:.1f} at the start, {results['load_end'][0]:.1f} at the end"
        + (" (**the machine was shared with other jobs**)" if max(m["load"][0], results["load_end"][0]) > m["cores"] + 0.5
           else "") + ". Wall-clock times vary with what else runs; CPU times (user + system of the "
        "build process) much less, and the ratios compare builds made one right after the other. Each cell "
        "is the median of the runs, (min–max) below it.",
        "- Runs per size: " + ", ".join(f"{r['size']:,}: {r['runs']}" for r in sizes) + ".",
        "",
        "## How the comparison is made fair",
        "",
        "\"Bare Material\" is the site's own mkdocs.yml with `hooks:` and the macros plugin removed (and the "
        "plugins our hooks switch off for this site, blog and rss, left out), same theme, same search "
        "settings, building a copy of the site in which everything our hooks generate is an ordinary file: "
        "the area, group and gaps pages as Markdown, the header block of every indicator page as raw HTML "
        "above the page's own Markdown, the navigation written out as `nav:`, our stylesheets, scripts and "
        "the published evidence copied in. Both builds write the same pages (checked each time: "
        + ", ".join(f"{r['size']:,}: " + ("same" if r["output"]["same_pages_as_bare"] else "DIFFERENT") for r in sizes)
        + "). The copy is made by one extra build with scripts/_bench_bare.py as the last hook.",
        "",
        "## Times (wall clock)",
        "",
        "| indicators | check.py | cold build | bare Material | ours ÷ bare | build, cache warm | cache warm ÷ bare | serve: rebuild, nothing changed | serve: rebuild after editing one page |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in sizes:
        out.append(f"| {r['size']:,} | {fmt(r['check'])} | {fmt(r['cold'])} | {fmt(r['bare_cold'])} | "
                   f"{pct(r['overhead'])} | {fmt(r['cache_warm'])} | {pct(r['overhead_warm'])} | {fmt(r['warm'])} | {fmt(r['edit'])} |")
    out += ["", "## Times (CPU)", "",
            "| indicators | check.py | cold build | bare Material | ours ÷ bare | build, cache warm | cache warm ÷ bare | serve: rebuild, nothing changed | serve: rebuild after editing one page |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in sizes:
        out.append(f"| {r['size']:,} | {fmt(r['check_cpu'])} | {fmt(r['cold_cpu'])} | {fmt(r['bare_cold_cpu'])} | {pct(r['overhead_cpu'])} | "
                   f"{fmt(r['cache_warm_cpu'])} | {pct(r['overhead_warm_cpu'])} | "
                   f"{fmt(r['warm_cpu'])} | {fmt(r['edit_cpu'])} |")
    out += ["", "Cold build: `mkdocs build` in a new process with `.cache/evidence-site/` deleted. Build, cache warm: "
            "the same with the cache left by the build before. Serve: the rebuild `mkdocs serve` makes after a save "
            "(same process, fresh config, the dev server's site_url), timed in scripts/_bench_worker.py.",
            "", "## Memory and output", "",
            "| indicators | peak memory | bare peak memory | pages | HTML per indicator page (mean / max) | "
            "search index (gzip) | bare search index | search entries | whole site |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in sizes:
        o = r["output"]
        out.append(f"| {r['size']:,} | {fmt(r['memory_mb'], 'MB', 0)} | {fmt(r['bare_memory_mb'], 'MB', 0)} | {o['pages']:,} | "
                   f"{o['html_kb_mean']:.1f} / {o['html_kb_max']:.1f} KB | {o['search_index_mb']:.2f} MB "
                   f"({o['search_index_gzip_mb']:.2f} MB) | {o['bare_search_index_mb']:.2f} MB | {o['search_docs']:,} | "
                   f"{o['site_mb']:.0f} MB |")
    out += ["", "## Targets", "", "| target | measured | met |", "| --- | --- | --- |"]
    out += [f"| {name} | {value} | {'yes' if ok else '**no**'} |" for name, value, ok in targets(results)]
    search = results.get("search")
    if search:
        out += ["", "## Search in the browser", ""]
        if "skipped" in search:
            out.append(f"Skipped: {search['skipped']}")
        else:
            out.append(f"Headless chromium on the {search['size']:,}-indicator build served over HTTP from 127.0.0.1, "
                       f"page `{search['page']}/`, queries {', '.join(search['queries'])}: page load "
                       f"{fmt(search['page_load'])}; typed as soon as the page has loaded (the search worker still "
                       f"loading the index) to the first result: {fmt(search['first_query'])}; typed once the index "
                       f"is ready: {fmt(search['ready_query'])}.".replace(" <br>", " "))
    serve = results.get("serve") or []
    if serve:
        out += ["", "## mkdocs serve: from saving a page to the change showing", "",
                "The real `mkdocs serve`; the edit changes one indicator's title; the time runs from writing the "
                "file until the indicator's page and every page whose content lists it (area, group, gaps, "
                "dashboards) show the new title.", "",
                "| indicators | first build | save → visible everywhere | pages checked |", "| --- | --- | --- | --- |"]
        for sv in serve:
            out.append(f"| {sv['size']:,} | {sv['first_build']:.1f} s | {fmt(sv['latency'])} | "
                       f"{', '.join('`/' + p + '`' for p in sv['pages_checked'])} |")
    with_breakdown = [r for r in sizes if "breakdown" in r]
    if with_breakdown:
        out += ["", "## What dominates", "",
                "One extra cold build per size, in one process, with every plugin's and hook's event timed "
                "(exclusive CPU time: jieba called from the search plugin counts as jieba; \"theme templates\" is "
                "Material's page rendering, mostly the navigation; \"jieba dictionary\" is jieba loading its "
                "dictionary, once per process).", ""]
        out += [f"- {breakdown_text(r)}" for r in with_breakdown]
    return "\n".join(out) + "\n"


def write_report(path: Path, text: str) -> None:
    notes = ""
    if path.is_file():
        old = path.read_text(encoding="utf-8")
        if NOTES_MARKER in old:
            notes = old[old.index(NOTES_MARKER) + len(NOTES_MARKER):]
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text + "\n" + NOTES_MARKER + (notes or "\n"), encoding="utf-8")
    os.replace(tmp, path)


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------


def log(text: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {text}", flush=True)


def int_list(text: str) -> list[int]:
    return [int(part.replace("_", "")) for part in text.split(",") if part.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(prog="bench.py", description=say("bench.description"))
    parser.add_argument("--sizes", default="130,1000,2000,5000", help=say("bench.help-sizes"))
    parser.add_argument("--runs", default="15,7,3,3", help=say("bench.help-runs"))
    parser.add_argument("--workdir", type=Path, default=REPO / "build" / "bench", help=say("bench.help-workdir"))
    parser.add_argument("--output", type=Path, default=REPO / "BENCHMARKS.md", help=say("bench.help-output"))
    parser.add_argument("--search-size", type=int, default=SEARCH_SIZE,
                        help=say("bench.help-search-size", search_size=SEARCH_SIZE))
    parser.add_argument("--serve-sizes", default=",".join(map(str, SERVE_SIZES)),
                        help=say("bench.help-serve-sizes"))
    parser.add_argument("--no-browser", action="store_true", help=say("bench.help-no-search"))
    parser.add_argument("--no-serve", action="store_true", help=say("bench.help-no-serve"))
    parser.add_argument("--no-breakdown", action="store_true", help=say("bench.help-no-breakdown"))
    parser.add_argument("--report-only", action="store_true", help=say("bench.help-report-only"))
    parser.add_argument("--keep-builds", action="store_true",
                        help=say("bench.help-reuse"))
    args = parser.parse_args(argv)
    try:
        sizes, runs, serve_sizes = int_list(args.sizes), int_list(args.runs), int_list(args.serve_sizes)
    except ValueError:
        parser.error(say("bench.sizes-invalid"))
    if len(runs) == 1:
        runs = runs * len(sizes)
    if len(runs) != len(sizes) or min(sizes + runs, default=0) < 1 or min(sizes) < 8:
        parser.error(say("bench.runs-invalid"))
    workdir = args.workdir.resolve()
    saved = workdir / "results.json"
    if args.report_only:
        if not saved.is_file():
            parser.error(say("bench.no-results", saved=saved))
        write_report(args.output, report(json.loads(saved.read_text(encoding="utf-8"))))
        return 0
    workdir.mkdir(parents=True, exist_ok=True)
    command = "python scripts/bench.py" + (" " + " ".join(argv if argv is not None else sys.argv[1:])).rstrip()
    if args.keep_builds:
        if not saved.is_file():
            parser.error(say("bench.no-results", saved=saved))
        results = json.loads(saved.read_text(encoding="utf-8"))
        results["late_command"] = command.strip()
        sizes, runs = [r["size"] for r in results["sizes"]], [r["runs"] for r in results["sizes"]]
    else:
        results = {"date": dt.date.today().isoformat(), "command": command.strip(), "machine": machine(), "sizes": []}
        for size, n in zip(sizes, runs):
            results["sizes"].append(measure_size(workdir, size, n, breakdown=not args.no_breakdown))
            _save(saved, results)
    if not args.no_browser and args.search_size in sizes:
        log(say("bench.step-search", search_size=args.search_size))
        results["search"] = {"size": args.search_size,
                             **measure_search(workdir / f"site-{args.search_size}", runs[sizes.index(args.search_size)])}
    if not args.no_serve:
        results["serve"] = []
        for size in (s for s in serve_sizes if s in sizes):
            log(say("bench.step-serve-save", size=size))
            results["serve"].append({"size": size, **measure_serve(workdir, size, runs[sizes.index(size)])})
    results["load_end"] = os.getloadavg()
    _save(saved, results)
    write_report(args.output, report(results))
    log(say("bench.written", output=args.output))
    return 0


def _save(path: Path, results: dict) -> None:
    results.setdefault("load_end", os.getloadavg())
    path.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
