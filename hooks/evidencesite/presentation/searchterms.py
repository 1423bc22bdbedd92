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

import functools
import hashlib
import re
from collections.abc import Collection
from pathlib import Path
from typing import Any

import jieba

from evidencesite import HOOKS_DIR

TITLE_FIELD, TEXT_FIELD = "title_words", "text_words"
FIELDS = {TITLE_FIELD: 1e3, TEXT_FIELD: 1.0}
"""The extra fields and their boosts (the same as Material's title and text)."""

USER_DICTIONARY = HOOKS_DIR / "assets" / "jieba-user-dict.txt"
"""Campaign terms jieba must know as words (法治政府, 行政复议 …), one per line."""

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_TAG = re.compile(r"<[^>]+>")
_SEPARATOR = "\u200b"


REMEMBERED_CUTS = 250_000
"""How many segmented runs one process keeps (about 350 bytes each)."""

_loaded: list[bytes] = []
"""The SHA-256 of the user dictionary jieba holds in this process (jieba's dictionary is
per process, so this is too): empty, or one digest."""


def load_user_dictionary(path: Path = USER_DICTIONARY) -> None:
    """Teach jieba the campaign's terms, once per process and dictionary content.

    jieba's load_userdict is not idempotent: every load adds each word's frequency to
    the dictionary's total again, so under `mkdocs serve` the segmentation would drift
    from one rebuild to the next. A changed dictionary file replaces the old terms: jieba
    goes back to its main dictionary first."""
    digest = hashlib.sha256(path.read_bytes()).digest()
    if _loaded == [digest]:
        return
    if _loaded:
        jieba.dt.initialized = False  # reload the main dictionary, without the old terms
        jieba.dt.initialize()
    jieba.load_userdict(str(path))
    _loaded[:] = [digest]


class RememberedCuts:
    """`jieba.cut` that remembers what it cut: `cut_with_memory(jieba.cut)` is the replacement.

    Material's search plugin segments every Chinese run of every page on every build;
    under `mkdocs serve` nearly all of them are the same as in the build before, and
    within one build many runs repeat (unit names, statuses, the same sentence on many
    pages). The memory is keyed by the text, the options and the dictionary's size and
    total frequency (which change whenever a word is added), so an answer is reused
    only for the same question to the same dictionary: it cannot go stale, and it may
    outlive a build. Material calls the module's `jieba.cut`, which is why the memory
    wraps that function; who installs the wrapper also removes it (the MkDocs adapter
    does so for the length of each build)."""

    def __init__(self, size: int = REMEMBERED_CUTS) -> None:
        self.size = size
        self._cut = None
        self._remembered = None

    def cut_with_memory(self, original):
        if self._cut is not original:  # a different jieba.cut: nothing it remembered applies
            self._cut = original
            self._remembered = functools.lru_cache(maxsize=self.size)(
                lambda sentence, cut_all, hmm, use_paddle, dictionary:
                tuple(original(sentence, cut_all=cut_all, HMM=hmm, use_paddle=use_paddle)))
        remembered = self._remembered

        @functools.wraps(original)
        def cut(sentence: Any, cut_all: bool = False, HMM: bool = True, use_paddle: bool = False):  # noqa: N803 (jieba's name)
            jieba.dt.check_initialized()
            return iter(remembered(sentence, cut_all, HMM, use_paddle, (len(jieba.dt.FREQ), jieba.dt.total)))

        cut.remembers = True
        cut.cache_info = remembered.cache_info
        return cut


def inner_words(text: str) -> list[str]:
    """The dictionary words inside the longer words of `text`'s Chinese runs, each once,
    in order: what jieba's search-engine mode adds, extended from its 2- and 3-character
    pieces to pieces of any length (法治政府 inside 法治政府建设).

    Text that Material's search plugin has already segmented (words joined by U+200B)
    is not segmented again: its words are jieba's, and cutting them a second time would
    double the build's largest cost for nothing."""
    found: dict[str, None] = {}
    words = _words(text)
    shown = set(words)
    for word in words:
        for size in range(2, len(word)):
            for start in range(len(word) - size + 1):
                piece = word[start:start + size]
                if jieba.get_FREQ(piece):
                    found[piece] = None
    return [w for w in found if w not in shown]


def _words(text: str) -> list[str]:
    """The Chinese words of `text`: its own segmentation when it has one, else jieba's."""
    if _SEPARATOR in text:
        return [run for token in text.split(_SEPARATOR) for run in _HAN.findall(_TAG.sub(" ", token))]
    return [word for run in _HAN.findall(_TAG.sub(" ", text)) for word in jieba.cut(run)]


def titles_only(index: dict[str, Any], pages: Collection[str]) -> dict[str, Any]:
    """The index with the pages at these URLs reduced to their title.

    Generated pages (areas, groups, gaps, units, lists) repeat in their tables what the
    indicator pages say: indexing them again doubles the index the browser loads and
    puts a dozen copies of each title above the indicator itself. Their title still
    finds them."""
    docs = []
    for doc in index.get("docs", []):
        page, _, section = str(doc.get("location", "")).partition("#")
        if page in pages:
            if section:
                continue
            doc = {**doc, "text": ""}
        docs.append(doc)
    index["docs"] = docs
    return index


def add_inner_words(index: dict[str, Any]) -> dict[str, Any]:
    """The search index with the inner words of every title and text added as fields, and
    each compound of the shown title and text split into the words it is made of."""
    config = index.setdefault("config", {})
    fields = config.setdefault("fields", {})
    for name, boost in FIELDS.items():
        fields.setdefault(name, {"boost": boost})
    for doc in index.get("docs", []):
        for source, target in (("title", TITLE_FIELD), ("text", TEXT_FIELD)):
            value = str(doc.get(source, ""))
            words = inner_words(value)
            if _SEPARATOR in value:
                value, compounds = split_compounds(value)
                doc[source] = value
                words = compounds + [w for w in words if w not in compounds]
            if words:
                doc[target] = _SEPARATOR.join(words)
            else:
                doc.pop(target, None)
    return index


def split_compounds(text: str) -> tuple[str, list[str]]:
    """`text` (segmented by the search plugin, words joined by U+200B) with every compound
    that dictionary words cover whole split into them (行政应诉 -> 行政 + 应诉), and the
    compounds so split.

    The browser highlights a match only where the shown text has a token of its own, and
    it splits a typed query into the index's tokens: with 应诉 a token of the text, 应诉
    finds 行政应诉 and is highlighted there, and is never broken into 应 + 诉 (a single
    character matches the start of every word that begins with it). The compound stays
    findable as a whole through the hidden inner-words field."""
    compounds: dict[str, None] = {}
    out = []
    for token in text.split(_SEPARATOR):
        parts = _cover(token, _dictionary()) if len(token) >= 4 and _HAN.fullmatch(token) else None
        if parts:
            compounds[token] = None
            out.append(_SEPARATOR.join(parts))
        else:
            out.append(token)
    return _SEPARATOR.join(out), list(compounds)


def _dictionary() -> tuple[int, float]:
    """jieba's dictionary as a key: its size and total frequency change whenever a word is added."""
    jieba.dt.check_initialized()
    return len(jieba.dt.FREQ), jieba.dt.total


@functools.lru_cache(maxsize=REMEMBERED_CUTS)
def _cover(word: str, dictionary: tuple[int, float]) -> tuple[str, ...] | None:
    """The most dictionary words of two or more characters that make up `word` exactly
    (the finest split: each is a token the browser can highlight), or None. Remembered
    for the process, keyed by the dictionary too (`_dictionary`), so never stale."""
    best: list[tuple[str, ...] | None] = [None] * (len(word) + 1)
    best[0] = ()
    for end in range(2, len(word) + 1):
        for start in range(0, end - 1):
            piece = word[start:end]
            if best[start] is None or (start == 0 and end == len(word)) or not jieba.get_FREQ(piece):
                continue
            candidate = best[start] + (piece,)
            if best[end] is None or len(candidate) > len(best[end]):
                best[end] = candidate
    return best[len(word)]
