"""Chinese search: jieba knows the campaign's terms, and the search index also holds
the words inside longer words, so 政府 finds 人民政府 (hooks/evidencesite/searchterms.py
says how and why).

The user dictionary (hooks/assets/jieba-user-dict.txt) is loaded in on_config, before
Material's search plugin segments any page. The index is rewritten in on_post_build:
after the search plugin has written it (plugins run before hooks) and before the
offline plugin copies it into search_index.js (that plugin runs last, priority -100).
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from evidencesite.atomicwrite import write_atomic
from evidencesite.searchterms import add_inner_words, load_user_dictionary


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    load_user_dictionary()
    return config


def on_post_build(config: MkDocsConfig) -> None:
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.is_file():  # search plugin disabled
        return
    index = add_inner_words(json.loads(path.read_text(encoding="utf-8")))
    write_atomic(path, json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
