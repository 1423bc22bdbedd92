"""The monthly progress report, ready to send (工作方案七(三): 每月5日前报送).

    python scripts/report.py YYYY-MM [--site 网站目录] [-o 输出目录]

Writes 创建工作月报-YYYY-MM.md and .xlsx (default into reports/ under the site): per
lead unit, what changed in the month (from the Git history of docs/ and evidence/:
status changes, evidence added, problems closed), completion, overdue items and open
problems. Without Git history the report says so and gives the current state.
Non-public evidence is named only with SITE_AUDIENCE=assessor.

Exit status: 0 written; 2 usage error (bad month, not a site, cannot write).
"""

from __future__ import annotations

import sys
from pathlib import Path

from _bootstrap import EXIT_USAGE, ChineseArgumentParser, site_settings

from evidencesite.buildstate import build_date
from evidencesite.atomicwrite import write_atomic
from evidencesite.monthly import build_report, markdown, parse_month, workbook
from evidencesite.phases import load_phases
from evidencesite.settings import read_mkdocs_config


def main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(prog="report.py", description="生成月度创建工作进展报告(Markdown 和 Excel)。")
    parser.add_argument("month", metavar="YYYY-MM", help="报告的月份,例如 2021-04")
    parser.add_argument("--site", type=Path, default=Path("."), help="网站根目录(含 mkdocs.yml 和 docs/),默认当前目录")
    parser.add_argument("-o", "--output", type=Path, help="输出目录,默认为网站目录下的 reports/")
    args = parser.parse_args(argv)
    month, today = parse_month(args.month), build_date()
    if month is None:
        parser.error(f"月份“{args.month}”的格式不对,应写成 年-月,例如 2021-04")
    if month > today:
        parser.error(f"{args.month} 还没有到(今天是 {today.isoformat()}),不能生成这个月的报告")
    root = args.site
    settings = site_settings(root, "用 --site 写明网站目录。")
    if settings is None:
        return EXIT_USAGE
    phases, _ = load_phases(root, settings)
    report = build_report(root, settings, month, today, phases)
    site_name = str(read_mkdocs_config(root).get("site_name") or "")
    out = args.output or root / "reports"
    stem = f"创建工作月报-{month.year}-{month.month:02d}"
    try:
        write_atomic(out / f"{stem}.md", markdown(report, site_name).encode("utf-8"))
        write_atomic(out / f"{stem}.xlsx", workbook(report))
    except OSError as exc:
        print(f"无法写入 {out}:{exc.strerror or exc}。请检查输出目录和写入权限(Excel 打开着同名文件时也无法写入)。",
              file=sys.stderr)
        return EXIT_USAGE
    for line in report.basis:
        print(line)
    print(f"已生成:{out / (stem + '.md')}")
    print(f"已生成:{out / (stem + '.xlsx')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
