"""What outlives one build: everything the adapter keeps from one `mkdocs serve` rebuild
to the next, in one place, with how it is kept honest.

MkDocs imports `hooks/evidence_site.py`, and so this package, once per process (its
hook loader is cached by path): a module global lives as long as the process. `mkdocs
build` is one build; `mkdocs serve` calls on_startup once, then builds again after
every save. Per-build state lives on the MkDocs config object, which every build makes
afresh (`evidencesite.pipeline.buildstate`). What lives longer is only this:

- `PROCESS.command`: the command the process runs (`build` or `serve`), set by
  on_startup; a serve build shows the internal pages (`evidencesite.presentation.internal`).
- `PROCESS.markdown`, `PROCESS.search`: per-page conversions and search sections
  (`evidencesite.files.memo`). Keyed by every input, so a stale answer cannot be found;
  each build forgets what the build before it did not ask for (`next_build`).
- `PROCESS.cuts`: jieba's segmentation of each Chinese run, keyed by the text, the
  options and the dictionary's size, so it is never stale either; its size is bounded.
- jieba's dictionary: process-wide inside jieba; `searchterms.load_user_dictionary`
  reloads it whenever the user dictionary's content changes.
- Pure functions of the domain remembered by their arguments (`functools.lru_cache`:
  a page's parsed front matter by its text, a QR code by its address, a compound's
  split by the word and jieba's dictionary, deadline rules by their text): bounded, and
  keyed by every input, so a changed input is a new key.

Two class-wide replacements exist only while a build runs: `Page.render` (page_memo.py)
and `jieba.cut` (search_terms.py). Each is installed in on_config and removed in
on_post_build, on_build_error and on_shutdown (`Patch`), so nothing else built in the
same process, and no later build without this hook, sees them (tests/test_page_memo.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from evidencesite.files.memo import Memo
from evidencesite.presentation.searchterms import RememberedCuts


class Patch:
    """One attribute of a class or module replaced for the length of a build, then put back."""

    def __init__(self, owner: Any, name: str, make: Callable[[Any], Any]) -> None:
        self.owner, self.name, self.make = owner, name, make
        self.original: Any = None

    @property
    def installed(self) -> bool:
        return self.original is not None

    def install(self) -> None:
        if not self.installed:  # a build that failed before on_build_error ran leaves it in place
            self.original = getattr(self.owner, self.name)
            setattr(self.owner, self.name, self.make(self.original))

    def remove(self) -> None:
        if self.installed:
            setattr(self.owner, self.name, self.original)
            self.original = None


@dataclass
class Process:
    command: str = "build"
    markdown: Memo = field(default_factory=lambda: Memo("markdown"))
    search: Memo = field(default_factory=lambda: Memo("search sections"))
    cuts: RememberedCuts = field(default_factory=RememberedCuts)

    patches: list[Patch] = field(default_factory=list)
    """Class-wide replacements installed for the current build (removed when it ends)."""

    def next_build(self) -> None:
        self.markdown.next_build()
        self.search.next_build()

    def patch(self, patch: "Patch") -> None:
        """Install `patch` for this build; lifetime.py removes it when the build ends."""
        patch.install()
        if patch not in self.patches:
            self.patches.append(patch)

    def remove_patches(self) -> None:
        while self.patches:
            self.patches.pop().remove()


PROCESS = Process()
