"""Chinese search: jieba knows the campaign's terms, and the search index also holds
the words inside longer words, so 政府 finds 人民政府 (hooks/evidencesite/presentation/searchterms.py
says how and why).

The user dictionary (hooks/assets/jieba-user-dict.txt) is loaded in on_config, before
Material's search plugin segments any page, and for the length of the build `jieba.cut`
remembers what it cut (the memory outlives the build: mkdocs_adapter/process.py).
The index is rewritten in on_post_build: after the search plugin has written it
(plugins run before hooks) and before the offline plugin copies it into
search_index.js (that plugin runs last, priority -100). Generated pages (areas,
groups, gaps, units, lists) keep only their title there: their tables repeat the
indicator pages.
"""

from __future__ import annotations

import json
from pathlib import Path

import jieba
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from evidencesite.files.atomicwrite import write_atomic
from evidencesite.pipeline.finish import search_terms
from evidencesite.presentation.searchterms import load_user_dictionary
from mkdocs_adapter.process import PROCESS, Patch

_CUT = Patch(jieba, "cut", PROCESS.cuts.cut_with_memory)
_GENERATED = "evidence_site_generated_pages"  # per build: URLs of the pages no one wrote


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    load_user_dictionary()
    PROCESS.patch(_CUT)  # serve rebuilds segment only what changed (searchterms.RememberedCuts says why)
    return config


@event_priority(-100)  # after every feature and plugin has added its pages
def on_files(files: Files, config: MkDocsConfig) -> Files:
    setattr(config, _GENERATED, {f.url for f in files.documentation_pages() if f.generated_by})
    return files


def on_post_build(config: MkDocsConfig) -> None:
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.is_file():  # search plugin disabled
        return
    index = search_terms(json.loads(path.read_text(encoding="utf-8")), getattr(config, _GENERATED, set()))
    write_atomic(path, json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
