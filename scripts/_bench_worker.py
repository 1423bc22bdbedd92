"""Benchmark only (scripts/bench.py): builds that must run inside one Python process.

    python scripts/_bench_worker.py rebuilds CONFIG SITE_DIR --runs N --edit PAGE
    python scripts/_bench_worker.py breakdown CONFIG SITE_DIR [--serve]

`rebuilds` does what `mkdocs serve` does on every save: a fresh config from the same
file, the plugin and hook instances of the first build, the site_url of the dev server,
a full build into the same folder. It times N rebuilds with nothing changed, then N
rebuilds each after appending a line to PAGE (the page is restored at the end).

`breakdown` times one build and splits its time by who spent it: each plugin's and
hook's event functions, jieba, Markdown, the theme's templates, copying and cleaning.

Both print one JSON object on stdout. Peak memory (ru_maxrss) is the process's.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

import _bootstrap  # noqa: F401 - puts hooks/ on sys.path for the catalogue
from evidencesite.catalogue.commands import say

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
SERVE_URL = "http://127.0.0.1:8000/"


def _config(config_file: str, site_dir: str, serve: bool):
    from mkdocs.config import load_config
    config = load_config(config_file=config_file, site_dir=site_dir)
    if serve:
        config.site_url = SERVE_URL
    return config


def _build(config, serve: bool) -> float:
    from mkdocs.commands.build import build
    start = time.perf_counter()
    build(config, serve_url=SERVE_URL if serve else None)
    return time.perf_counter() - start


def _rebuild(config_file: str, site_dir: str) -> tuple[float, float]:
    """One serve rebuild from reading the config on: (wall seconds, CPU seconds)."""
    cpu, wall = time.process_time(), time.perf_counter()
    _build(_config(config_file, site_dir, serve=True), serve=True)
    return time.perf_counter() - wall, time.process_time() - cpu


def rebuilds(config_file: str, site_dir: str, runs: int, edit: str) -> dict:
    first = _config(config_file, site_dir, serve=True)
    first.plugins.on_startup(command="serve", dirty=False)
    out = {"first": _build(first, serve=True), "warm": [], "warm_cpu": [], "edit": [], "edit_cpu": []}
    for _ in range(runs):
        wall, cpu = _rebuild(config_file, site_dir)
        out["warm"].append(wall)
        out["warm_cpu"].append(cpu)
    page = Path(edit)
    original = page.read_bytes()
    try:
        for n in range(runs):
            page.write_bytes(original + say("bench_worker.edit-marker", n=n).encode("utf-8"))
            wall, cpu = _rebuild(config_file, site_dir)
            out["edit"].append(wall)
            out["edit_cpu"].append(cpu)
    finally:
        page.write_bytes(original)
    first.plugins.on_shutdown()
    return out


# ---------------------------------------------------------------------------
# Where the time goes
# ---------------------------------------------------------------------------


class _Clock:
    """Exclusive CPU time per category (CPU time, so other jobs on a shared machine do not
    blur the split): a category's time does not include what ran inside another timed
    category (jieba inside the search plugin counts as jieba)."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self._stack: list[list] = []

    def run(self, category: str, fn, *args, **kwargs):
        self._stack.append([time.process_time(), 0.0])
        try:
            return fn(*args, **kwargs)
        finally:
            start, inner = self._stack.pop()
            elapsed = time.process_time() - start
            self.spent[category] += elapsed - inner
            if self._stack:
                self._stack[-1][1] += elapsed


def _label(origin: str, event: str) -> str:
    """A plugin's name, or a hook's file name and event."""
    if origin.endswith(".py"):
        return f"hook {Path(origin).name}:{event}"
    return f"plugin {origin}"


def _timed_parts(method, origin: str, event: str) -> list:
    features = getattr(method, "evidence_site_handlers", None)
    if features is None:
        return [(method, _label(origin, event))]
    return [(h, f"hook {h.__module__.rpartition('.')[2]}.py:{event}") for h in features]


def _instrument(clock: _Clock) -> None:
    import jieba
    from mkdocs import plugins, utils
    from mkdocs.commands import build as build_module
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    def run_event(self, name, item=None, **kwargs):
        pass_item = item is not None
        for method in self.events[name]:
            self._current_plugin = self._event_origins.get(method, "<unknown>")
            # hooks/evidence_site.py registers one handler per priority that calls its
            # features' handlers: each feature is timed under its own file's name.
            for handler, label in _timed_parts(method, self._current_plugin, name):
                result = clock.run(label, handler, item, **kwargs) if pass_item else clock.run(label, handler, **kwargs)
                if result is not None:
                    item = result
        self._current_plugin = None
        return item

    plugins.PluginCollection.run_event = run_event
    cut, initialize = jieba.cut, jieba.dt.initialize
    jieba.cut = lambda *a, **k: clock.run("jieba", lambda: list(cut(*a, **k)))
    jieba.dt.initialize = lambda *a, **k: clock.run("jieba dictionary", initialize, *a, **k)
    render, read = Page.render, Page.read_source
    Page.render = lambda self, *a, **k: clock.run("Markdown", render, self, *a, **k)
    Page.read_source = lambda self, *a, **k: clock.run("reading pages", read, self, *a, **k)
    build_page = build_module._build_page
    build_module._build_page = lambda *a, **k: clock.run("theme templates", build_page, *a, **k)
    copy = Files.copy_static_files
    Files.copy_static_files = lambda self, *a, **k: clock.run("copying files", copy, self, *a, **k)
    clean = utils.clean_directory
    build_module.utils.clean_directory = lambda *a, **k: clock.run("cleaning site_dir", clean, *a, **k)


def breakdown(config_file: str, site_dir: str, serve: bool = False) -> dict:
    """One build's time by who spent it; with `serve`, the second of two serve rebuilds."""
    clock = _Clock()
    config = _config(config_file, site_dir, serve=serve)
    config.plugins.on_startup(command="serve" if serve else "build", dirty=False)
    if serve:
        _build(config, serve=True)
        config = _config(config_file, site_dir, serve=True)
    _instrument(clock)
    cpu = time.process_time()
    wall = _build(config, serve=serve)
    total = time.process_time() - cpu
    config.plugins.on_shutdown()
    spent = dict(clock.spent)
    spent["other (MkDocs)"] = max(0.0, total - sum(spent.values()))
    return {"total": total, "wall": wall, "spent": spent}


def main(argv: list[str]) -> int:
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    mode, config_file, site_dir, *rest = argv
    if mode == "rebuilds":
        runs = int(rest[rest.index("--runs") + 1])
        edit = rest[rest.index("--edit") + 1]
        result = rebuilds(config_file, site_dir, runs, edit)
    elif mode == "breakdown":
        result = breakdown(config_file, site_dir, serve="--serve" in rest)
    else:
        print(f"unknown mode {mode}", file=sys.stderr)
        return 2
    result["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
