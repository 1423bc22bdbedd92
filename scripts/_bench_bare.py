"""Benchmark only (scripts/bench.py): write down what our hooks and macros made of a
site, as plain files, so that bare Material can build the same pages.

bench.py appends this module to the end of `hooks:` for one extra build and sets
EVIDENCE_BENCH_BARE to an empty folder. The folder then holds a site of its own:

- docs/: every page as Markdown (after the macros and our on_page_markdown), with the
  HTML our hooks add in on_page_content (the indicator header, the QR code …) written
  into the Markdown as a raw HTML block, so bare Material still converts the same
  Markdown; the generated area, group and gaps pages as ordinary files; every other
  file of the build (evidence, the photos' clean copies, our stylesheets and scripts);
- mkdocs.yml: the site's own, with `hooks:` (and `watch:`, which names folders the copy
  does not have and only `mkdocs serve` reads) and the macros plugin removed, the plugins
  our hooks switched off given `enabled: false` (MkDocs still loads them, as in our
  build), and the navigation, extra_css and extra_javascript our hooks computed
  written out;
- capture.json: what bench.py reports about the copy (pages whose HTML could not be
  split into "ours" and "Markdown", which are then copied as HTML).

Nothing here runs in a normal build.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from evidencesite.presentation import tables

OUT = Path(os.environ.get("EVIDENCE_BENCH_BARE", "bench-bare"))
_META = ("title", "description", "hide", "template", "icon", "search", "tags", "subtitle")
_state: dict = {"whole_html": []}


@event_priority(-10_000)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _state["whole_html"] = []
    _state["config"] = {
        "extra_css": [str(c) for c in config.extra_css],
        "extra_javascript": [str(getattr(s, "path", s)) for s in config.extra_javascript],
        "edit_uri": config.edit_uri,
        "disabled_plugins": sorted(_disabled_plugins(config)),
    }
    return config


@event_priority(-10_000)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    docs = OUT / "docs"
    theme_dirs = [os.path.realpath(d) for d in config.theme.dirs]
    for file in files:
        if file.is_documentation_page():
            continue
        if file.abs_src_path and any(os.path.realpath(file.abs_src_path).startswith(d + os.sep) for d in theme_dirs):
            continue  # bare Material adds its theme files itself
        target = docs / file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        if file.abs_src_path:
            shutil.copyfile(file.abs_src_path, target)
        else:
            target.write_bytes(file.content_bytes)
    _state["config"]["nav"] = config.nav
    return files


@event_priority(-10_000)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Until every on_page_content handler has run, page.content still holds the HTML of
    # the Markdown alone and page.markdown the Markdown after every on_page_markdown.
    src, before = page.file.src_uri, page.content or ""
    at = html.find(before) if before else -1
    if at < 0 and before:  # the table labels (hooks/mkdocs_adapter/page_tables.py) only add attributes: same Markdown
        before = tables.fit(before)
        at = html.find(before)
    if at < 0:  # our hooks changed the Markdown's HTML itself: copy the page as HTML
        body = _raw(html)
        _state["whole_html"].append(src)
    else:
        body = _raw(html[:at]) + (page.markdown or "") + "\n\n" + _raw(html[at + len(before):])
    meta = {k: page.meta[k] for k in _META if k in page.meta}
    front = f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n\n" if meta else ""
    target = OUT / "docs" / src
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(front + body, encoding="utf-8")
    return html


def on_post_build(config: MkDocsConfig) -> None:
    captured = _state["config"]
    text = bare_config(Path(config.config_file_path).read_text(encoding="utf-8-sig"), captured)
    (OUT / "mkdocs.yml").write_text(text, encoding="utf-8")
    (OUT / "capture.json").write_text(json.dumps({"whole_html": _state["whole_html"]}, ensure_ascii=False),
                                      encoding="utf-8")


# ---------------------------------------------------------------------------
# The bare mkdocs.yml
# ---------------------------------------------------------------------------


def bare_config(text: str, captured: dict) -> str:
    """The site's mkdocs.yml without our hooks and the macros plugin, with the plugins our
    hooks switched off disabled, and with the navigation and assets our hooks computed."""
    for key in ("hooks", "nav", "extra_css", "extra_javascript", "edit_uri", "watch"):
        text = remove_top_level(text, key)
    text = remove_plugin(text, "macros")
    for name in captured["disabled_plugins"]:
        text = disable_plugin(text, name)
    extra = {"nav": captured["nav"], "extra_css": captured["extra_css"],
             "extra_javascript": captured["extra_javascript"]}
    if captured["edit_uri"] is not None:
        extra["edit_uri"] = captured["edit_uri"]
    return text.rstrip("\n") + "\n\n# bench.py: computed by our hooks in the capture build\n" + \
        yaml.safe_dump(extra, allow_unicode=True, sort_keys=False)


def remove_top_level(text: str, key: str) -> str:
    """Drop a top-level key and everything indented under it."""
    out, skipping = [], False
    for line in text.splitlines(keepends=True):
        if re.match(rf"^{re.escape(key)}\s*:", line):
            skipping = True
            continue
        if skipping and line.strip() and not line[0].isspace() and not line.lstrip().startswith("#"):
            skipping = False
        if not skipping:
            out.append(line)
    return "".join(out)


def remove_plugin(text: str, name: str) -> str:
    """Drop one entry (`- name` or `- name:` with its options) from the top-level plugins list."""
    return _rewrite_plugin(text, name, disable=False)


def disable_plugin(text: str, name: str) -> str:
    """Give one entry of the top-level plugins list the option `enabled: false`: MkDocs
    still loads the plugin, as it does for our build, where a hook switches it off."""
    return _rewrite_plugin(text, name, disable=True)


def _rewrite_plugin(text: str, name: str, disable: bool) -> str:
    out, in_plugins, inside = [], False, None
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if re.match(r"^plugins\s*:", line):
            in_plugins = True
        elif in_plugins and stripped and not line[0].isspace() and not stripped.startswith("#"):
            in_plugins = False
        indent = len(line) - len(line.lstrip())
        if inside is not None and stripped and indent <= inside:
            inside = None  # the next entry, or a comment beside it
        if inside is not None:  # the entry's options: kept when disabling, but for `enabled`
            if disable and stripped and not re.match(r"^enabled\s*:", stripped):
                out.append(line)
            continue
        m = re.match(rf"^(\s*)-\s+{re.escape(name)}\s*:?\s*(#.*)?$", line.rstrip("\n")) if in_plugins else None
        if m:
            inside = indent
            if disable:
                out.append(f"{m.group(1)}- {name}:\n{m.group(1)}    enabled: false\n")
            continue
        out.append(line)
    return "".join(out)


def _disabled_plugins(config: MkDocsConfig) -> set[str]:
    """Plugins of mkdocs.yml our hooks switched off (or removed) for this build."""
    names = {"blog": "material/blog", "rss": "rss", "offline": "material/offline"}
    off = set()
    for short, key in names.items():
        plugin = config.plugins.get(key)
        if plugin is None or not plugin.config.get("enabled", True):
            off.add(short)
    return off


def _raw(html: str) -> str:
    """HTML as a Markdown raw block (blank lines around it)."""
    return f"\n\n{html.strip()}\n\n" if html.strip() else ""
