"""Chinese search that finds a word inside a longer word (监测 finds 环境监测).

Material's search plugin segments Chinese with `jieba.cut` (accurate mode): 环境监测
and 人民政府 stay one token each, and the browser matches only the start of a token,
so 监测 and 政府 find nothing. jieba's search-engine mode (`cut_for_search`) also
yields the words inside a compound (环境, 监测, 环境监测).

Why a post-processing step over the written index rather than a patch of the plugin:
the index file (`{"config": …, "docs": [{"location", "title", "text"}, …]}`) is the
documented contract between Material's Python and its browser code, while the
plugin's segmentation is a private method. We add the inner words as extra fields
(`title_words`, `text_words`) that the browser indexes (the plugin's own `fields`
option, set in mkdocs.yml) but never shows, so result titles and teasers are not
doubled. The title words keep the title's weight, so an indicator whose title holds
the word ranks first. The browser also segments a typed query against the index's
own tokens, so the inner words make queries such as 人民政府 split sensibly too.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jieba

TITLE_FIELD, TEXT_FIELD = "title_words", "text_words"
FIELDS = {TITLE_FIELD: 1e3, TEXT_FIELD: 1.0}
"""The extra fields and their boosts (the same as Material's title and text)."""

USER_DICTIONARY = Path(__file__).resolve().parents[1] / "assets" / "jieba-user-dict.txt"
"""Campaign terms jieba must know as words (法治政府, 行政复议 …), one per line."""

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_TAG = re.compile(r"<[^>]+>")
_SEPARATOR = "\u200b"


def load_user_dictionary(path: Path = USER_DICTIONARY) -> None:
    """Teach jieba the campaign's terms (idempotent: loading twice changes nothing)."""
    jieba.load_userdict(str(path))


def inner_words(text: str) -> list[str]:
    """The dictionary words inside the longer words of `text`'s Chinese runs, each once,
    in order: what jieba's search-engine mode adds, extended from its 2- and 3-character
    pieces to pieces of any length (法治政府 inside 法治政府建设)."""
    plain = _TAG.sub(" ", text.replace(_SEPARATOR, ""))
    shown: set[str] = set()
    found: dict[str, None] = {}
    for run in _HAN.findall(plain):
        for word in jieba.cut(run):
            shown.add(word)
            for size in range(2, len(word)):
                for start in range(len(word) - size + 1):
                    piece = word[start:start + size]
                    if jieba.get_FREQ(piece):
                        found[piece] = None
    return [w for w in found if w not in shown]


def add_inner_words(index: dict[str, Any]) -> dict[str, Any]:
    """The search index with the inner words of every title and text added as fields."""
    config = index.setdefault("config", {})
    fields = config.setdefault("fields", {})
    for name, boost in FIELDS.items():
        fields.setdefault(name, {"boost": boost})
    for doc in index.get("docs", []):
        for source, target in (("title", TITLE_FIELD), ("text", TEXT_FIELD)):
            words = inner_words(str(doc.get(source, "")))
            if words:
                doc[target] = _SEPARATOR.join(words)
            else:
                doc.pop(target, None)
    return index
