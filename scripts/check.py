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
from evidencesite.catalogue.commands import say

EXIT_OK, EXIT_FINDINGS = 0, 1


def main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(prog="check.py", description=say("check.description"))
    parser.add_argument("site_root", nargs="?", default=".", help=say("common.help-site"))
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", metavar=say("check.metavar-config-file"),
                        help=say("check.help-config-file"))
    parser.add_argument("--strict", action="store_true", help=say("check.help-strict"))
    parser.add_argument("--changed", nargs="+", metavar=say("check.metavar-files"),
                        help=say("check.help-files"))
    args = parser.parse_args(argv)
    root = Path(args.site_root)
    settings = site_settings(root, say("check.help-site-hint"), config_file=args.config_file)
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
    what = say("check.word-advice") if strict else say("check.word-error")
    if failing:
        print(say("check.changed-failed", changed_count=len(changed), failing=failing, what=what))
        return EXIT_FINDINGS
    print(say("check.changed-passed", changed_count=len(changed), what=what))
    return EXIT_OK


def _relative(path: str, root: Path) -> str:
    """A path given on the command line, as the findings write it: relative to the site root."""
    return Path(os.path.relpath(Path(path).resolve(), root.resolve())).as_posix()


if __name__ == "__main__":
    sys.exit(main())
