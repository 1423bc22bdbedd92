"""Check a site against the page contract without rendering it.

    python scripts/check.py [SITE_ROOT] [-f CONFIG_FILE] [--strict] [--changed FILE ...]

Prints the same findings and summary as the build. With --changed (what the
pre-commit hook passes: the files of a commit) only the findings in those files are
reported and count, unless the framework or mkdocs.yml is among them. Exit status
(documented in the README and the staff guide):
    0  no errors (draft), or no findings at all (--strict)
    1  errors (draft), or any finding (--strict)
    2  usage error: the folder is not a site, or the arguments are wrong
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from _bootstrap import EXIT_USAGE, ChineseArgumentParser, site_settings

from evidencesite.pipeline.checker import check_site
from evidencesite.checks.summary import report_lines

EXIT_OK, EXIT_FINDINGS = 0, 1


def main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(prog="check.py", description="按页面合同检查指标页面、指标框架和证据文件(不生成网站)。")
    parser.add_argument("site_root", nargs="?", default=".", help="网站根目录(含 mkdocs.yml 和 docs/),默认当前目录")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", metavar="配置文件",
                        help="网站的配置文件名(与 mkdocs build -f 相同),默认 mkdocs.yml")
    parser.add_argument("--strict", action="store_true", help="严格模式:缺口和建议也算不通过(正式发布前使用)")
    parser.add_argument("--changed", nargs="+", metavar="文件",
                        help="只报告这些文件中的问题(提交前自动检查用);其中有指标框架或 mkdocs.yml 时检查全部")
    args = parser.parse_args(argv)
    root = Path(args.site_root)
    settings = site_settings(root, "写明路径:python scripts/check.py 网站目录", config_file=args.config_file)
    if settings is None:
        return EXIT_USAGE
    site = check_site(root, settings)
    changed = {_relative(p, root) for p in args.changed or ()}
    if changed and not changed & {settings.framework, settings.engine.file}:
        return _report_changed(site.findings, changed, args.strict)
    for line in report_lines(site, args.strict):
        print(line)
    return EXIT_FINDINGS if any(f.severity.fails(args.strict) for f in site.findings) else EXIT_OK


def _report_changed(findings: list, changed: set[str], strict: bool) -> int:
    """The findings in the changed files only, errors first, and one verdict line."""
    mine = sorted((f for f in findings if f.path in changed), key=lambda f: not f.severity.fails(strict))
    for found in mine:
        print(found.format())
    failing = sum(1 for f in mine if f.severity.fails(strict))
    what = "提示" if strict else "错误"
    if failing:
        print(f"提交前检查未通过:改动的 {len(changed)} 个文件中有 {failing} 个{what}(见上),改正后重新提交。")
        return EXIT_FINDINGS
    print(f"提交前检查通过:改动的 {len(changed)} 个文件中没有{what}。")
    return EXIT_OK


def _relative(path: str, root: Path) -> str:
    """A path given on the command line, as the findings write it: relative to the site root."""
    return Path(os.path.relpath(Path(path).resolve(), root.resolve())).as_posix()


if __name__ == "__main__":
    sys.exit(main())
