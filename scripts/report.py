"""The office's progress report, ready to send (工作方案七(三): 每月5日前报送, 双月检查, 季度点评).

    python scripts/report.py 期间 [--site 网站目录] [-o 输出目录]

期间 is a month (2021-04), two months (2021-04~05, or 2021-04至05) or a quarter (2021-Q2).
Writes the report as Word (.docx), Markdown (.md) and Excel (.xlsx), as one set, by
default into reports/ under the site: per lead unit, 主要工作 (what changed in the period,
from the Git history of docs/ and evidence/), 存在问题 and 下步打算, with the unit ranking.
For a quarter it also writes the 通报 draft (创建工作通报-2021-Q2.docx and .md). Without
Git history the report says so and gives the current state. Non-public evidence is
named only with SITE_AUDIENCE=assessor.

Exit status: 0 written; 2 usage error (bad period, not a site, cannot write: nothing written).
"""

from __future__ import annotations

import sys
from pathlib import Path

from _bootstrap import EXIT_USAGE, ChineseArgumentParser, site_settings

from evidencesite.pipeline.buildstate import build_date
from evidencesite.publishing.document import to_docx, to_markdown
from evidencesite.files.fileset import SetNotWritten, write_set
from evidencesite.publishing.monthly import build_report, parse_period, report_document, workbook
from evidencesite.publishing.notice import notice_document
from evidencesite.model.periods import PeriodKind
from evidencesite.reading.phases import load_phases
from evidencesite.catalogue.commands import say

NOTICE_STEM = say("report.notice-stem")


def main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(prog="report.py", description=say("report.description"))
    parser.add_argument("period", metavar=say("report.metavar-period"),
                        help=say("report.help-period"))
    parser.add_argument("--site", type=Path, default=Path("."), help=say("common.help-site"))
    parser.add_argument("-o", "--output", type=Path, help=say("report.help-output"))
    args = parser.parse_args(argv)
    period, today = parse_period(args.period), build_date()
    if period is None:
        parser.error(say("report.period-invalid", period=args.period))
    if period.start > today:
        parser.error(say("report.period-not-started", period=args.period, today=today.isoformat()))
    root = args.site
    settings = site_settings(root, say("common.site-hint"))
    if settings is None:
        return EXIT_USAGE
    phases, _ = load_phases(root, settings)
    report = build_report(root, settings, period, today, phases)
    site_name = str(settings.engine_config(root).get("site_name") or "")
    out = (args.output or root / "reports")
    document = report_document(report, site_name)
    files = {out / f"{period.stem}.docx": to_docx(document, report.reference, site_name),
             out / f"{period.stem}.md": to_markdown(document).encode("utf-8"),
             out / f"{period.stem}.xlsx": workbook(report)}
    if period.kind is PeriodKind.QUARTER:
        notice = notice_document(report, site_name)
        files[out / f"{NOTICE_STEM}-{period.code}.docx"] = to_docx(notice, report.reference, site_name)
        files[out / f"{NOTICE_STEM}-{period.code}.md"] = to_markdown(notice).encode("utf-8")
    try:
        cleaned = write_set(files)
    except SetNotWritten as exc:
        print(say("report.write-failed", path=exc.path, reason=exc.reason),
              file=sys.stderr)
        return EXIT_USAGE
    if cleaned:
        print(say("report.cleaned", cleaned_count=len(cleaned)))
    for line in report.basis + ([say("report.commits", commits=';'.join(report.commits))] if report.commits else []):
        print(line)
    for path in files:
        print(say("report.written", path=path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
