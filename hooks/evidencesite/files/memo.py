"""Results of pure per-page work, remembered from one build to the next in one process.

`mkdocs serve` rebuilds the whole site after every save, in the same process, and nearly
every page comes out as it did the build before. Work that is a pure function of its
inputs (a page's Markdown converted to HTML, a page's HTML cut into search sections) can
then be answered from the build before, as long as the key holds every input.

A `Memo` keeps two generations: what this build has asked for, and what the build before
it asked for. `next_build()` forgets everything the build before did not ask for again,
so memory stays at about one build's worth however long `mkdocs serve` runs, and an
edited page's old result is gone one build after the edit. Unlike `.cache/evidence-site/`
nothing is written to disk: these results are cheap to redo in a new process, and the
Markdown of a page that is not public must never outlive the process that built it.
Whoever keeps a `Memo` across builds owns it (the MkDocs adapter: hooks/adapter/process.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable
from typing import Any


class Memo:
    """A dictionary from content keys to results, holding the current and the previous build."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._current: dict[Hashable, Any] = {}
        self._previous: dict[Hashable, Any] = {}
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> Any | None:
        if key in self._current:
            self.hits += 1
            return self._current[key]
        if key in self._previous:
            self.hits += 1
            value = self._current[key] = self._previous.pop(key)
            return value
        self.misses += 1
        return None

    def put(self, key: Hashable, value: Any) -> None:
        self._current[key] = value

    def next_build(self) -> None:
        """A new build starts: what the last one did not use is forgotten."""
        self._previous, self._current = self._current, {}

    def clear(self) -> None:
        self._current.clear()
        self._previous.clear()

    def __len__(self) -> int:
        return len(self._current) + len(self._previous)


def content_key(*parts: object) -> bytes:
    """A short key for a tuple of texts: the SHA-256 of their lengths and contents, so the
    memo holds 32 bytes per page rather than a second copy of the page."""
    digest = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.digest()
