"""`mkdocs serve` redoes only the per-page work whose inputs changed.

After every save MkDocs rebuilds the whole site in the same process. Two steps of each
page's build are pure functions of what they are given and take about half of a rebuild:
converting the page's Markdown to HTML, and Material's search plugin cutting that HTML
into sections for the index. Both are remembered (evidencesite/files/memo.py) under a key that
holds every input:

- Markdown: the page's Markdown as the theme will convert it (after every feature and the
  macros plugin), its source and destination paths, the Markdown extensions and their
  settings, the link validation settings, and every file of the build with its URL
  (links between pages resolve against them). The warnings the conversion logged (a
  broken link) are logged again when the result is reused, so a draft build still
  shows them and `--strict` still fails on them.
- Search: the page's URL, title, HTML, table of contents and the front matter keys the
  plugin reads, the plugin's settings and the jieba dictionary in use.

Only MkDocs' own `Page` is remembered (the blog plugin's posts and indexes convert
their Markdown their own way). `Page.render` is replaced only while a build of this site
runs (installed in on_config, removed when the build ends: mkdocs_adapter/process.py), so
other sites built in the same process are untouched. A fresh build and a remembered one
write the same files (tests/test_page_memo.py).
"""

from __future__ import annotations

import copy
import json
import logging
from dataclasses import dataclass
from typing import Any

import jieba
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from evidencesite.files.memo import content_key
from mkdocs_adapter.process import PROCESS, Patch

MARKDOWN = PROCESS.markdown
SEARCH = PROCESS.search

_FILES = "evidence_site_page_memo_files"  # on the config: (id of Files, key of every file and URL)
_RENDER_LOG = logging.getLogger("mkdocs")  # the conversion's warnings are mkdocs.structure.* records


@dataclass(frozen=True)
class _Converted:
    content: str
    toc: Any
    title: str | None
    anchors: frozenset[str]
    links_to_anchors: dict[str, dict[str, str]] | None
    records: tuple[logging.LogRecord, ...]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    PROCESS.patch(_RENDER)
    search = config.plugins.get("material/search")
    index = getattr(search, "search_index", None)  # made by the plugin's on_config, which ran first
    if index is not None and callable(getattr(index, "add_entry_from_context", None)):
        index.add_entry_from_context = _remembering_search(index, index.add_entry_from_context)
    return config


# ---------------------------------------------------------------------------
# Markdown to HTML
# ---------------------------------------------------------------------------


def _remembering_render(convert: Any) -> Any:
    """`Page.render` answering from the memo when every input of the conversion is the same."""
    def render(self: Page, config: MkDocsConfig, files: Files) -> None:
        if type(self) is not Page or self.markdown is None:
            return convert(self, config, files)
        key = content_key(self.markdown, self.file.src_uri, self.file.dest_uri, self.url,
                          _settings_key(config), _files_key(config, files))
        done = MARKDOWN.get(key)
        if done is None:
            done = _convert(convert, self, config, files)
            MARKDOWN.put(key, done)
        else:
            for record in done.records:
                logging.getLogger(record.name).handle(record)
        self.content = done.content
        self.toc = copy.deepcopy(done.toc)  # plugins may change a page's toc
        self._title_from_render = done.title
        self.present_anchor_ids = set(done.anchors)
        if done.links_to_anchors is not None:
            self.links_to_anchors = {files.get_file_from_path(src): dict(anchors)
                                     for src, anchors in done.links_to_anchors.items()}

    return render


_RENDER = Patch(Page, "render", _remembering_render)


def _convert(convert: Any, page: Page, config: MkDocsConfig, files: Files) -> _Converted:
    records: list[logging.LogRecord] = []
    catcher = _Catcher(records)
    _RENDER_LOG.addHandler(catcher)
    try:
        convert(page, config, files)
    finally:
        _RENDER_LOG.removeHandler(catcher)
    links = getattr(page, "links_to_anchors", None)
    return _Converted(
        content=page.content,
        toc=copy.deepcopy(page.toc),
        title=page._title_from_render,
        anchors=frozenset(page.present_anchor_ids or ()),
        links_to_anchors=None if links is None else {f.src_uri: dict(a) for f, a in links.items()},
        records=tuple(records),
    )


class _Catcher(logging.Handler):
    def __init__(self, records: list[logging.LogRecord]) -> None:
        super().__init__(logging.NOTSET)
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _settings_key(config: MkDocsConfig) -> str:
    extensions = [e if isinstance(e, str) else f"{type(e).__module__}.{type(e).__qualname__}"
                  for e in config.markdown_extensions]
    return json.dumps([extensions, config.mdx_configs, config.use_directory_urls, config.validation],
                      default=str, sort_keys=True, ensure_ascii=False)


def _files_key(config: MkDocsConfig, files: Files) -> bytes:
    """Every file of this build and its URL: what a relative link can resolve to. Made
    once per build (files are final before the first page is converted)."""
    made = getattr(config, _FILES, None)
    if made is None or made[0] is not files:
        listing = sorted(f"{f.src_uri}\0{f.dest_uri}\0{f.url}\0{f.inclusion.name}" for f in files)
        made = (files, content_key(*listing))
        setattr(config, _FILES, made)
    return made[1]


# ---------------------------------------------------------------------------
# Search sections
# ---------------------------------------------------------------------------


def _remembering_search(index: Any, add: Any) -> Any:
    settings = json.dumps(index.config, default=str, sort_keys=True, ensure_ascii=False)

    def add_entry_from_context(page: Page) -> None:
        meta = {name: page.meta.get(name) for name in ("search", "tags", "title")}
        key = content_key(settings, _dictionary_key(), page.url, page.title, page.content,
                          json.dumps(meta, default=str, sort_keys=True, ensure_ascii=False), _toc_key(page.toc))
        entries = SEARCH.get(key)
        if entries is None:
            before = len(index.entries)
            add(page)
            entries = tuple(_copy(entry) for entry in index.entries[before:])
            SEARCH.put(key, entries)
        else:
            index.entries.extend(_copy(entry) for entry in entries)

    return add_entry_from_context


def _dictionary_key() -> str:
    """jieba's dictionary changes size or total frequency whenever a word is added."""
    return f"{len(jieba.dt.FREQ)}:{jieba.dt.total}" if jieba.dt.initialized else "-"


def _toc_key(toc: Any) -> str:
    def walk(items: Any) -> list:
        return [[item.id, item.url, item.title, walk(item.children)] for item in items]
    return json.dumps(walk(toc or []), ensure_ascii=False)


def _copy(entry: dict) -> dict:
    return {key: list(value) if isinstance(value, list) else value for key, value in entry.items()}
