"""Record the city's preliminary review (市级初评) of one or more indicators.

    python scripts/review.py ID [ID ...] --result 通过|退回修改 --by UNIT [--comment TEXT]
                             [--date YYYY-MM-DD] [--site DIR]

Writes a `review` block (result, unit, date, comment and the fingerprint of the package
as reviewed) into each page's front matter, leaving every other byte as it was. Several
IDs are all or nothing. Exit status:
    0  recorded
    1  a page cannot take the review (unreadable, errors with 通过, unusual layout): nothing written
    2  usage error: unknown ID, result, unit, comment or date, or not a site
"""

from __future__ import annotations

import datetime as dt
import sys
import unicodedata
from pathlib import Path

from _bootstrap import EXIT_USAGE, ChineseArgumentParser

from evidencesite.checks import reviews
from evidencesite.editing import yamledit
from evidencesite.files.atomicwrite import write_files
from evidencesite.pipeline.buildstate import build_date
from evidencesite.loading.loader import load_site
from evidencesite.catalogue.messages import review_text
from evidencesite.model import (
    PLACEHOLDER_NOTES, REVIEW_RESULT_ALIASES, Review, ReviewResult, ReviewState, Severity, meant_id, normalise_note,
    note_says_something,
)
from evidencesite.editing.review_edit import set_review
from evidencesite.reading.schema import did_you_mean, normalise_date_text
from evidencesite.model.settings import settings_for
from evidencesite.reading.sourcefile import SourceError
from evidencesite.catalogue.commands import say

EXIT_OK, EXIT_BLOCKED = 0, 1
UNIT_MAX_CHARS = 40


def main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(prog="review.py", description=say("review.description"))
    parser.add_argument("ids", nargs="+", metavar=say("common.metavar-ids"), help=say("review.help-ids"))
    parser.add_argument("--result", required=True, metavar=say("review.metavar-result"), help=say("review.help-result"))
    parser.add_argument("--by", required=True, metavar=say("review.metavar-by"), help=say("review.help-by"))
    parser.add_argument("--comment", default="", metavar=say("review.metavar-comment"), help=say("review.help-comment"))
    parser.add_argument("--date", default="", metavar=say("review.metavar-date"), help=say("review.help-date"))
    parser.add_argument("--site", default=".", metavar=say("common.metavar-folder"), help=say("common.help-site"))
    args = parser.parse_args(argv)

    result, by, comment, day, errors = _arguments(args)
    root = Path(args.site)
    settings = None
    try:
        settings = settings_for(root)
    except Exception:  # mkdocs.yml unreadable: the folder check below says what to do
        pass
    docs = settings.docs_dir if settings else "docs"
    if settings is None or not (root / docs).is_dir():
        errors.append(review_text("not-a-site", root=root.resolve(), docs=docs))
    if errors:
        return _usage(errors)

    site = load_site(root, settings)
    ids, errors = _ids(args.ids, list(site.indicators))
    if errors:
        return _usage(errors)

    evidence_root = root / settings.evidence_dir
    writes: dict[Path, bytes] = {}
    lines, blocked = [], []
    for ident in ids:
        ind = site.indicators[ident]
        page = root / ind.path
        page_errors = [f for f in site.findings_for(ident) if f.severity is Severity.ERROR]
        if ind.front_matter is None:
            first = page_errors[0] if page_errors else None
            blocked.append(review_text("page-unreadable", path=ind.path, problem=first.problem if first else "",
                                       fix=first.fix if first else say("review.fix-unreadable")))
            continue
        if result is ReviewResult.PASSED and page_errors:
            blocked.append(review_text("page-errors", path=ind.path, count=len(page_errors)))
            continue
        review = Review(result, by, day, reviews.current_fingerprint(ind, evidence_root), comment)
        try:
            writes[page] = set_review(page.read_bytes(), ind.path, review)
        except SourceError as exc:
            blocked.append(review_text("page-unreadable", path=ind.path, problem=exc.finding.problem, fix=exc.finding.fix))
            continue
        except (yamledit.EditError, Exception):  # noqa: BLE001 - any layout the editor cannot handle: refuse, say why
            blocked.append(review_text("page-shape", path=ind.path))
            continue
        was = ""
        if ind.review is not None:
            was = (review_text("was-stale") if ind.review_state is ReviewState.STALE else
                   review_text("was", date=ind.review.date.isoformat(), result=ind.review.result.value))
        lines.append(review_text("recorded", value=ident, title=ind.title, result=result.value, by=by,
                                 date=day.isoformat(), was=was))
    if blocked:
        for line in blocked:
            print(line)
        print(review_text("blocked", count=len(blocked)))
        return EXIT_BLOCKED
    try:
        write_files(writes)
    except OSError as exc:
        print(review_text("write-failed", reason=exc.strerror or type(exc).__name__), file=sys.stderr)
        return EXIT_BLOCKED
    for line in lines:
        print(line)
    print(review_text("done", count=len(lines)))
    return EXIT_OK


def _arguments(args) -> tuple[ReviewResult | None, str, str, dt.date, list[str]]:
    """The result, unit, comment and date as given, and the usage errors among them."""
    errors = []
    raw_result = unicodedata.normalize("NFKC", args.result).strip()
    result = ReviewResult(raw_result) if raw_result in ReviewResult._value2member_map_ else None
    if result is None:
        errors.append(review_text("result", value=args.result,
                                  suggestion=did_you_mean(raw_result, [r.value for r in ReviewResult], REVIEW_RESULT_ALIASES)))
    by = " ".join(unicodedata.normalize("NFKC", args.by).split())
    if not by:
        errors.append(review_text("unit-empty"))
    else:
        reason = _unit_problem(args.by, by)
        if reason:
            errors.append(review_text("unit-bad", value=by, reason=reason))
    comment = args.comment.strip()
    if result is ReviewResult.RETURNED and not comment:
        errors.append(review_text("comment-needed"))
    elif comment and not note_says_something(comment):
        errors.append(review_text("comment-bad", value=comment))
    day = build_date()
    if args.date:
        try:
            day = dt.date.fromisoformat(normalise_date_text(args.date))
        except ValueError:
            errors.append(review_text("date", value=args.date))
    return result, by, comment, day, errors


def _unit_problem(raw: str, unit: str) -> str:
    if any(unicodedata.category(ch) == "Cc" for ch in raw.strip()):
        return say("review.unit-control")
    if len(unit) > UNIT_MAX_CHARS:
        return say("review.unit-too-long", unit_max_chars=UNIT_MAX_CHARS)
    if normalise_note(unit) in PLACEHOLDER_NOTES or not any(ch.isalpha() for ch in unit):
        return say("review.unit-placeholder")
    if meant_id(unit):
        return say("review.unit-looks-like-id")
    return ""


def _ids(given: list[str], known: list[str]) -> tuple[list[str], list[str]]:
    """The IDs as the site writes them, without repeats; usage errors for unknown ones."""
    out, errors = [], []
    for value in given:
        ident = meant_id(value) or value.strip()
        if ident in known:
            if ident not in out:
                out.append(ident)
            continue
        suggestion = did_you_mean(ident, known, {})
        errors.append(review_text("id-unknown", value=ident, suggestion=suggestion))
    return out, errors


def _usage(errors: list[str]) -> int:
    for line in errors:
        print(say("review.usage-error", line=line), file=sys.stderr)
    print(say("review.usage-see-help"), file=sys.stderr)
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
