"""The finishing stage: what must run on a built site's files, whatever engine built them.

A staged site (scripts/stage.py) is plain Markdown/HTML that stock MkDocs + Material,
ProperDocs or another engine turns into HTML; the steps here then do on the output
folder what the build's hooks do on theirs, as plain functions over files:

- the public build's masking of personal data in every page (hooks/privacy.py
  on_post_page / on_post_template) and the assessor build's banner (hooks/audience.py);
- the off-site request scan over HTML, CSS and JavaScript (hooks/local_assets.py);
- the search index: generated pages reduced to their titles, the inner words of
  Chinese compounds added (hooks/search_terms.py), personal data masked
  (hooks/privacy.py), and the offline plugin's copy rewritten from it;
- the seal over every generated output of the public build (hooks/output_seal.py);
- the evidence manifest and exports/SHA256SUMS, last (hooks/integrity.py).

`finish` runs them in the order the build's hooks run. Nothing here imports MkDocs:
what a step needs from the build (which pages were generated, which files were copied
as they are, which evidence each indicator cites) comes as plain data, which
scripts/stage.py writes beside the staged site (`Recipe`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Collection, Iterable
from dataclasses import asdict, dataclass, field
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from evidencesite.catalogue.adapter import word
from evidencesite.catalogue.commands import say
from evidencesite.catalogue.messages import finding
from evidencesite.checks.offsite import scan_site
from evidencesite.files.atomicwrite import write_atomic
from evidencesite.model import Audience, Finding
from evidencesite.presentation.searchterms import add_inner_words, load_user_dictionary, titles_only
from evidencesite.publishing import integrity, sealing
from evidencesite.text import personal_data

RECIPE = "stage.json"
"""The file beside a staged site's mkdocs.yml that tells the finishing stage about the build."""
RECIPE_VERSION = 1
SEARCH_INDEX = "search/search_index.json"
OFFLINE_SEARCH_INDEX = "search/search_index.js"
_OFFLINE_PREFIX = "var __index = "  # how Material's offline plugin writes search_index.js

_BODY = re.compile(r"<body\b[^>]*>")
_HEAD = re.compile(r"<head\b[^>]*>")


@dataclass
class Recipe:
    """What the finishing stage needs to know about the build a site was staged from."""

    audience: str
    """public or assessor: the staged pages are already this audience's."""
    site_url: str | None = None
    """The site's own address: its host is not off-site."""
    generated_pages: list[str] = field(default_factory=list)
    """URLs of the pages no one wrote (areas, groups, gaps, units …): their search entries keep only the title."""
    copied: list[str] = field(default_factory=list)
    """Site paths of files published as they are (evidence, photos, assets, theme files): never masked."""
    page_sources: dict[str, str] = field(default_factory=dict)
    """Built page path -> the docs/ file staff edit, for the messages."""
    evidence: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Evidence path -> {"indicators": [...], "date": "YYYY-MM-DD" | None}, for the manifest."""
    allowed: list[str] = field(default_factory=list)
    """Reviewed numbers that are not personal data (hashes and values of pii-allow.yml, as the build used them)."""
    version: int = RECIPE_VERSION

    @property
    def public(self) -> bool:
        return Audience(self.audience) is Audience.PUBLIC

    def save(self, path: Path) -> None:
        write_atomic(path, (json.dumps(asdict(self), ensure_ascii=False, indent=1) + "\n").encode("utf-8"))

    @classmethod
    def load(cls, path: Path) -> Recipe:
        """The recipe at `path`; ValueError (in Chinese) when it is not one this code wrote."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise ValueError(say("stage.recipe-unreadable", path=path, error=exc)) from None
        if not isinstance(data, dict) or data.get("version") != RECIPE_VERSION:
            raise ValueError(say("stage.recipe-foreign", path=path,
                                 version=data.get("version") if isinstance(data, dict) else "?"))
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        try:
            Audience(known.get("audience"))
            return cls(**known)
        except (TypeError, ValueError) as exc:
            raise ValueError(say("stage.recipe-incomplete", path=path, error=exc)) from None


@dataclass
class Finished:
    """What `finish` did and found."""

    pages: int = 0
    """HTML pages masked / marked."""
    sealed: list[str] = field(default_factory=list)
    """Generated outputs the seal changed."""
    findings: list[Finding] = field(default_factory=list)
    fingerprint: str = ""
    """The SHA-256 of exports/SHA256SUMS."""


def finish(site_dir: Path, recipe: Recipe, today: dt.date) -> Finished:
    """Run every finishing step on the built site in `site_dir`, in the build's order."""
    done = Finished()
    done.pages = finish_pages(site_dir, recipe)
    done.findings += offsite_findings(site_dir, recipe.site_url, recipe.page_sources)
    finish_search_index(site_dir, recipe.generated_pages, recipe.allowed if recipe.public else None)
    if recipe.public:
        done.sealed = sealing.seal_tree(site_dir, recipe.copied, recipe.allowed)
    done.fingerprint = write_checksums(site_dir, recipe.evidence, Audience(recipe.audience), today)
    return done


# ---------------------------------------------------------------------------
# Pages: masking (public) and the banner (assessor)
# ---------------------------------------------------------------------------


def built_pages(site_dir: Path, copied: Collection[str]) -> list[str]:
    """The HTML files the engine rendered (pages and 404.html), not those copied as they are."""
    skip = set(copied)
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")
                  if p.is_file() and not p.is_symlink() and p.relative_to(site_dir).as_posix() not in skip)


def finish_pages(site_dir: Path, recipe: Recipe) -> int:
    """Mask every rendered page of the public build; mark every page of the assessor build."""
    audience, allowed = Audience(recipe.audience), frozenset(recipe.allowed)
    count = 0
    for rel in built_pages(site_dir, recipe.copied):
        path = site_dir / rel
        html = path.read_text(encoding="utf-8")
        out = page_output(html, audience, allowed)
        if out != html:
            write_atomic(path, out.encode("utf-8"))
            count += 1
    return count


def page_output(html: str, audience: Audience, allowed: Collection[str] = ()) -> str:
    """A rendered page as the build writes it: masked for the public (the navigation labels,
    <title>, table of contents and headings included), then marked for its audience."""
    if audience is Audience.PUBLIC:
        html = personal_data.mask_html(html, allowed)
    return audience_mark(html, audience.banner)


def audience_mark(html: str, banner: str) -> str:
    """A page that says it is for assessors only and asks search engines not to index it;
    unchanged without a banner or without a <body> (a fragment, a feed)."""
    if not banner or not _BODY.search(html) or 'class="es-audience-banner"' in html:
        return html
    html = _HEAD.sub(lambda m: m.group() + '<meta name="robots" content="noindex, nofollow">', html, count=1)
    # A landmark of its own, so no content sits outside landmarks (axe "region").
    return _BODY.sub(lambda m: m.group() + f'<aside class="es-audience-banner" aria-label="{word("audience-landmark")}">{escape(banner)}</aside>',
                     html, count=1)


# ---------------------------------------------------------------------------
# Off-site requests
# ---------------------------------------------------------------------------


def offsite_findings(site_dir: Path, site_url: str | None, page_sources: dict[str, str],
                     memo: dict[str, list[str]] | None = None) -> list[Finding]:
    """One error per URL on another host that the site's HTML, CSS or JavaScript would
    request, naming the first page (its docs/ file) and how many files hold it."""
    own = [h for h in ([urlsplit(site_url).hostname] if site_url else []) if h]
    by_url: dict[str, list[str]] = {}
    for ref in scan_site(site_dir, own, memo):
        by_url.setdefault(ref.url, []).append(page_sources.get(ref.path, f"site/{ref.path}"))
    return [finding("offsite-resource", path=where[0], url=url, count=len(where)) for url, where in by_url.items()]


# ---------------------------------------------------------------------------
# Search index
# ---------------------------------------------------------------------------


def search_terms(index: dict[str, Any], generated_pages: Collection[str]) -> dict[str, Any]:
    """Generated pages reduced to their title; the inner words of Chinese compounds added
    (evidencesite/presentation/searchterms.py says why)."""
    load_user_dictionary()
    return add_inner_words(titles_only(index, generated_pages))


def mask_search_index(index: dict[str, Any], allowed: Collection[str]) -> bool:
    """Mask personal data in every entry's title, text and location (its #anchor only);
    True when something changed."""
    changed = False

    def text(value: str) -> str:
        return personal_data.mask(value, allowed)

    for doc in index.get("docs", []):
        for key in ("title", "text", "location"):
            if isinstance(doc.get(key), str):
                masked = personal_data.mask_url(doc[key], text) if key == "location" else text(doc[key])
                changed, doc[key] = changed or masked != doc[key], masked
    return changed


def finish_search_index(site_dir: Path, generated_pages: Collection[str], allowed: Collection[str] | None) -> bool:
    """Rewrite search/search_index.json (and the offline plugin's search_index.js, when
    the engine wrote one) as the build leaves it; `allowed` None: not masked (assessor).
    False when the site has no search index."""
    path = site_dir / SEARCH_INDEX
    if not path.is_file():
        return False
    index = search_terms(json.loads(path.read_text(encoding="utf-8")), generated_pages)
    write_atomic(path, json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    if allowed is not None and mask_search_index(index, allowed):
        # As hooks/privacy.py writes it: ASCII escapes, so the bytes match the hooked build's.
        write_atomic(path, json.dumps(index, separators=(",", ":")).encode("utf-8"))
    offline = site_dir / OFFLINE_SEARCH_INDEX
    if offline.is_file():
        write_atomic(offline, (_OFFLINE_PREFIX + path.read_text(encoding="utf-8")).encode("utf-8"))
    return True


# ---------------------------------------------------------------------------
# Checksums
# ---------------------------------------------------------------------------


def write_checksums(site_dir: Path, evidence: dict[str, dict[str, Any]], audience: Audience, today: dt.date) -> str:
    """exports/evidence-manifest.json and exports/SHA256SUMS over every file; the list's fingerprint."""
    return integrity.write_cited(site_dir, evidence, audience, today)


def evidence_citations(site: Any) -> dict[str, dict[str, Any]]:
    """Evidence path -> the indicators citing it and its earliest date (a loader.Site's)."""
    return integrity.citations(site)


def format_findings(found: Iterable[Finding]) -> list[str]:
    return [f.format() for f in found]
