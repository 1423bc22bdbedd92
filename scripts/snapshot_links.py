"""Keep a copy of every news link's page, so the evidence outlives the link.

    python scripts/snapshot_links.py [--site DIR] [--only N012,N013] [--refresh]
                                     [--format auto|pdf|html] [--timeout 30] [--max-mb 20]
    python scripts/snapshot_links.py --check [--site DIR] [--only N012,N013]

For each evidence item with a `url`, fetches the page and saves one self-contained file
under evidence/<ID>/: a PDF printed by headless chromium where chromium and playwright
are installed, otherwise the page's HTML with its images inlined. The file, its capture
time and its SHA-256 are written into the item's `snapshot` field, every other byte of
the page unchanged. Items that already have a snapshot are left alone unless --refresh.

--check only asks each address and reports dead links (status) and moved ones (where
they lead); it changes nothing.

Exit status:
    0  every link answered and every snapshot was saved
    1  problems found: a link dead, moved, too slow, not a web page or too large, or a
       snapshot that could not be recorded (the others are still saved)
    2  usage error: wrong arguments, not a site, an unknown ID, --format pdf without a browser
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from _bootstrap import EXIT_USAGE, ChineseArgumentParser, chosen_indicators, site_settings, usage_error

from evidencesite.editing import snapshot_edit, yamledit
from evidencesite.publishing import webcapture, webfetch
from evidencesite.files.atomicwrite import write_files
from evidencesite.loading.loader import Site, load_site
from evidencesite.text.sizes import human_size
from evidencesite.catalogue.messages import NOTICES, finding
from evidencesite.model import Finding, Indicator, Severity, field_label
from evidencesite.reading.sourcefile import SourceError
from evidencesite.catalogue.commands import say

EXIT_PROBLEMS = 1
RESOURCE_TIME_FACTOR = 3
"""A page's images and style sheets together may take this many times --timeout; the rest are left out."""


@dataclass
class Link:
    """One evidence item with a url, as the page writes it."""

    indicator: Indicator
    index: int
    """Its place in the page's evidence list (from 0)."""
    title: str
    url: str
    has_snapshot: bool

    @property
    def field(self) -> str:
        return field_label(("evidence", self.index, "url"))

    @property
    def item_words(self) -> str:
        return say("snapshot_links.evidence-item", index=self.index + 1)

    def problem(self, code: str, **params: Any) -> Finding:
        return finding(code, path=self.indicator.path, field=self.field, indicator=self.indicator.id,
                       source=self.indicator.source, **params)


def main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(
        prog="snapshot_links.py",
        description=say("snapshot_links.description"),
        epilog=say("snapshot_links.epilog"))
    parser.add_argument("--site", default=".", metavar=say("common.metavar-folder"), help=say("common.help-site"))
    parser.add_argument("--only", metavar=say("common.metavar-ids"), help=say("snapshot_links.help-only"))
    parser.add_argument("--check", action="store_true", help=say("snapshot_links.help-check"))
    parser.add_argument("--refresh", action="store_true", help=say("snapshot_links.help-refresh"))
    parser.add_argument("--format", choices=("auto", "pdf", "html"), default="auto",
                        help=say("snapshot_links.help-format"))
    parser.add_argument("--timeout", type=float, default=30, metavar=say("snapshot_links.metavar-seconds"),
                        help=say("snapshot_links.help-timeout"))
    parser.add_argument("--max-mb", type=float, default=20, metavar="MB", help=say("snapshot_links.help-max-mb"))
    args = parser.parse_args(argv)
    if args.timeout <= 0 or args.max_mb <= 0:
        return usage_error(say("snapshot_links.limits-invalid"))
    if args.check and (args.refresh or args.format != "auto"):
        return usage_error(say("snapshot_links.check-alone"))
    root = Path(args.site)
    settings = site_settings(root, say("snapshot_links.site-hint"))
    if settings is None:
        return EXIT_USAGE
    site = load_site(root, settings)
    chosen, unknown = chosen_indicators(site, args.only)
    if unknown:
        return usage_error(unknown)
    use_pdf = args.format == "pdf" or (args.format == "auto" and not args.check and webcapture.printing_available())
    if args.format == "pdf" and not webcapture.printing_available():
        return usage_error(say("snapshot_links.pdf-needs-browser"))
    links = [link for ind in chosen for link in _links(ind)]
    if not links:
        print(NOTICES["snapshot-none"])
        return 0
    errors = sum(1 for ind in chosen for f in site.findings_for(ind.id) if f.severity is Severity.ERROR)
    if errors:
        print(NOTICES["snapshot-site-errors"].format(count=errors))
    if args.check:
        problems = [p for link in links if (p := check(link, args.timeout))]
        done = say("snapshot_links.count-ok", link_count=len(links) - len(problems))
    else:
        if not use_pdf and args.format == "auto":
            print(NOTICES["snapshot-browser-missing"])
        problems, saved = snapshot_all(site, links, args, use_pdf)
        done = say("snapshot_links.count-saved", saved=saved)
    print(NOTICES["snapshot-summary"].format(total=len(links), done=done, problems=len(problems)))
    return EXIT_PROBLEMS if problems else 0


# ---------------------------------------------------------------------------
# Which links
# ---------------------------------------------------------------------------


def _links(ind: Indicator) -> list[Link]:
    """The page's url items that the site reads as valid (the model keeps only those)."""
    raw = (ind.front_matter or {}).get("evidence")
    valid = {item.url: item for item in ind.evidence if item.url}
    out = []
    for index, entry in enumerate(raw if isinstance(raw, list) else []):
        url = entry.get("url") if isinstance(entry, dict) else None
        if isinstance(url, str) and url.strip() in valid and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
            item = valid[url.strip()]
            out.append(Link(ind, index, item.title, url.strip(), item.snapshot is not None))
    return out


# ---------------------------------------------------------------------------
# --check
# ---------------------------------------------------------------------------


def check(link: Link, timeout: float) -> Finding | None:
    """Ask the address; the finding when it is dead or moved, else None (and say it is fine)."""
    try:
        answer = webfetch.fetch(link.url, timeout=timeout, max_bytes=0, read=False)
    except webfetch.LinkProblem as exc:
        return _said(link.problem(exc.code, **exc.params))
    dead = _dead(link, answer)
    if dead:
        return _said(dead)
    if answer.moved:
        return _said(link.problem("link-moved", url=link.url, value=answer.final_url, detail=webfetch.hops_words(answer.hops)))
    print(NOTICES["link-ok"].format(page=link.indicator.path, item=link.item_words, title=link.title, url=link.url))
    return None


def _dead(link: Link, answer: webfetch.Answer) -> Finding | None:
    if answer.status < 400 and not (300 <= answer.status < 400):
        return None
    detail = webfetch.status_words(answer.status)
    if answer.moved:
        detail = say("snapshot_links.redirected-detail", hops=webfetch.hops_words(answer.hops),
                     final_url=answer.final_url, detail=detail)
    return link.problem("link-dead", url=link.url, detail=detail)


def _said(f: Finding) -> Finding:
    print(f.format())
    return f


# ---------------------------------------------------------------------------
# Snapshots
# ---------------------------------------------------------------------------


def snapshot_all(site: Site, links: list[Link], args, use_pdf: bool) -> tuple[list[Finding], int]:
    problems: list[Finding] = []
    saved = 0
    with contextlib.ExitStack() as stack:
        printer = None
        if use_pdf:
            try:
                printer = stack.enter_context(webcapture.Printer(args.timeout))
            except Exception as exc:  # a browser that will not start: the HTML snapshot still keeps the page
                print(NOTICES["snapshot-browser-failed"].format(reason=type(exc).__name__))
        for link in links:
            if link.has_snapshot and not args.refresh:
                item = next(i for i in link.indicator.evidence if i.url == link.url)
                print(NOTICES["snapshot-kept"].format(page=link.indicator.path, item=link.item_words, title=link.title,
                                                      captured=item.snapshot.captured.isoformat()))
                continue
            found = snapshot_one(site, link, args, printer)
            problems += found
            saved += not any(f.code in _NOT_SAVED for f in found)
    return problems, saved


_NOT_SAVED = frozenset({"link-unreachable", "link-dead", "link-timeout", "link-not-html", "link-too-large",
                        "snapshot-record-failed"})


def snapshot_one(site: Site, link: Link, args, printer: webcapture.Printer | None) -> list[Finding]:
    max_bytes = int(args.max_mb * 1024 * 1024)
    found: list[Finding] = []
    try:
        answer = webfetch.fetch(link.url, timeout=args.timeout, max_bytes=max_bytes)
    except webfetch.LinkProblem as exc:
        return [_said(link.problem(exc.code, **exc.params))]
    dead = _dead(link, answer)
    if dead:
        return [_said(dead)]
    if not answer.looks_like_html():
        return [_said(link.problem("link-not-html", url=link.url, kind=webfetch.kind_words(answer.content_type)))]
    if answer.moved:
        found.append(_said(link.problem("link-moved", url=link.url, value=answer.final_url,
                                        detail=webfetch.hops_words(answer.hops))))
    captured = dt.datetime.now().astimezone().replace(microsecond=0)

    deadline = time.monotonic() + RESOURCE_TIME_FACTOR * args.timeout

    def resource(url: str) -> tuple[bytes, str] | None:
        left = deadline - time.monotonic()  # many slow images must not hold the run for ever
        return webfetch.fetch_resource(url, timeout=min(args.timeout, left), max_bytes=max_bytes) if left > 0 else None

    capture = webcapture.single_file_html(webfetch.decode_page(answer), answer.final_url, captured, resource,
                                          max_bytes - len(answer.body))
    data, kind = capture.html.encode("utf-8"), "html"
    if printer:
        try:
            data, kind = printer.pdf(capture.html), "pdf"
        except Exception as exc:  # one page the browser cannot print: keep it as HTML rather than not at all
            print(NOTICES["snapshot-print-failed"].format(url=link.url, reason=type(exc).__name__))
    rel = say("snapshot_links.snapshot-file-name", indicator_id=link.indicator.id, index=link.index + 1,
              captured=captured, kind=kind)
    problem = record(site, link, rel, data, captured)
    if problem:
        return found + [_said(problem)]
    print(NOTICES["snapshot-saved"].format(page=link.indicator.path, item=link.item_words, title=link.title, file=rel,
                                           kind="PDF" if kind == "pdf" else say("snapshot_links.kind-html"), size=human_size(len(data))))
    return found


def record(site: Site, link: Link, rel: str, data: bytes, captured: dt.datetime) -> Finding | None:
    """Write the snapshot file and the page that records it together (both staged, then both
    renamed: a run killed half-way leaves neither or both), or neither when the page cannot
    take the field. A snapshot replaced by --refresh is deleted when nothing else cites it."""
    evidence = site.root / site.settings.evidence_dir
    target = evidence / rel
    page = site.root / link.indicator.path
    item = next(i for i in link.indicator.evidence if i.url == link.url)
    old = item.snapshot.file if item.snapshot else None
    value = snapshot_edit.snapshot_value(rel, captured.isoformat(), hashlib.sha256(data).hexdigest())
    replaced = [evidence / old] if old and old != rel and _cited_once(site, old) else []
    new_folder = not target.parent.exists()
    try:
        edited = snapshot_edit.record_snapshot(page.read_bytes(), link.indicator.path, link.index, link.url, value)
        write_files({target: data, page: edited}, replaced)
    except (yamledit.EditError, SourceError, OSError, UnicodeDecodeError) as exc:
        if new_folder and target.parent.is_dir() and not any(target.parent.iterdir()):
            target.parent.rmdir()
        return link.problem("snapshot-record-failed", detail=_why(exc))
    return None


def _cited_once(site: Site, path: str) -> bool:
    """Only one item of the whole site names `path` (as a file or a snapshot)."""
    return sum(1 for ind in site.indicators.values() for item in ind.evidence
               if item.file == path or (item.snapshot and item.snapshot.file == path)) == 1


def _why(exc: Exception) -> str:
    if isinstance(exc, yamledit.EditError):
        return str(exc) or say("snapshot_links.page-shape")
    if isinstance(exc, SourceError):
        return exc.finding.problem
    if isinstance(exc, OSError):
        return say("snapshot_links.write-failed", strerror=exc.strerror or type(exc).__name__)
    return say("snapshot_links.page-not-utf8")


if __name__ == "__main__":
    sys.exit(main())
