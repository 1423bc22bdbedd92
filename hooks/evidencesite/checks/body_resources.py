"""What a page body would make the browser fetch from another host, found in the source.

The build scans its output (hooks/mkdocs_adapter/local_assets.py) and fails on such a reference;
`check.py` renders nothing, so it reads the same references out of the Markdown: images
(inline and by reference) and raw HTML, judged by the same browser rules
(offsite.browser_host). Both report `offsite-resource` in the same words, so a page that
fails the build fails the check first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from evidencesite.catalogue.messages import finding
from evidencesite.model import Finding
from evidencesite.checks.offsite import html_urls, is_offsite
from evidencesite.reading.sourcefile import without_front_matter

_IMAGE = re.compile(r"!\[[^\]\n]*\]\(\s*<?([^)\s>]+)")
_REFERENCE_IMAGE = re.compile(r"!\[([^\]\n]*)\](?:\[([^\]\n]*)\])?(?!\()")
_DEFINITION = re.compile(r"^[ ]{0,3}\[([^\]\n]+)\]:[ \t]*<?([^\s>]+)", re.M)


def body_urls(body: str) -> list[str]:
    """The URLs a Markdown body makes the browser fetch (links people click are not)."""
    urls = [m.group(1) for m in _IMAGE.finditer(body)]
    definitions = {m.group(1).strip().lower(): m.group(2) for m in _DEFINITION.finditer(body)}
    for m in _REFERENCE_IMAGE.finditer(body):
        label = (m.group(2) or m.group(1)).strip().lower()
        if label in definitions:
            urls.append(definitions[label])
    return urls + html_urls(body)


def findings(texts: Mapping[str, str], own_hosts: Iterable[str] = ()) -> list[Finding]:
    """offsite-resource for every URL to another host in the pages' bodies, as the build words it."""
    own = [h for h in own_hosts if h]
    pages: dict[str, list[str]] = {}
    for path in sorted(texts):
        for url in dict.fromkeys(u.strip() for u in body_urls(without_front_matter(texts[path]))):
            if is_offsite(url, own):
                pages.setdefault(url, []).append(path)
    return [finding("offsite-resource", path=where[0], url=url, count=len(where)) for url, where in pages.items()]
