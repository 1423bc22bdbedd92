"""Check a site against the page contract without rendering it.

    python scripts/check.py [SITE_ROOT] [--strict]

Prints the same findings and summary as the build. Exit status (documented in the
README and the staff guide):
    0  no errors (draft), or no findings at all (--strict)
    1  errors (draft), or any finding (--strict)
    2  usage error: the folder is not a site, or the arguments are wrong
"""

from __future__ import annotations

import sys
from pathlib import Path

from _bootstrap import EXIT_USAGE, ChineseArgumentParser, site_settings

from evidencesite.loader import load_site
from evidencesite.phases import load_phases
from evidencesite.summary import report_lines

EXIT_OK, EXIT_FINDINGS = 0, 1


def main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(prog="check.py", description="按页面合同检查指标页面、指标框架和证据文件(不生成网站)。")
    parser.add_argument("site_root", nargs="?", default=".", help="网站根目录(含 mkdocs.yml 和 docs/),默认当前目录")
    parser.add_argument("--strict", action="store_true", help="严格模式:缺口和建议也算不通过(正式发布前使用)")
    args = parser.parse_args(argv)
    root = Path(args.site_root)
    settings = site_settings(root, "写明路径:python scripts/check.py 网站目录")
    if settings is None:
        return EXIT_USAGE
    site = load_site(root, settings)
    site.findings.extend(load_phases(root, settings)[1])  # as the build does (hooks/dashboards.py)
    for line in report_lines(site, args.strict):
        print(line)
    return EXIT_FINDINGS if any(f.severity.fails(args.strict) for f in site.findings) else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
