"""Import the city's indicator register (指标体系及责任分工) into the framework file and
one page per indicator.

    python scripts/import_register.py FILE.xlsx|FILE.csv [--dry-run] [--site 网站目录]
                                      [--rename 旧编号=新编号 ...] [--apply-renames]

Re-importing updates only the register fields of existing pages (see
hooks/evidencesite/intake/register_import.py and docs/guide/import.md). Pages follow their
titles: when titles moved to other numbers the import stops and proposes the renames.
All files are written as one change (evidencesite.files.filetransaction); a change a killed
run left half done is undone first. Exit status:
    0  imported (or, with --dry-run, nothing to stop an import)
    1  the register has rows it cannot read, indicators changed numbers, a page cannot be
       edited, or writing failed: nothing written
    2  usage error: wrong arguments, no such file, not a site, a bad --rename
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from _bootstrap import EXIT_USAGE, ChineseArgumentParser

from evidencesite.files import filetransaction
from evidencesite.pipeline.buildstate import build_date
from evidencesite.model import ID_PATTERN, canonical_id
from evidencesite.intake.register import SUFFIXES
from evidencesite.intake.register_import import prepare_import
from evidencesite.catalogue.register_messages import Level, change, notice, usage
from evidencesite.model.settings import Settings, settings_for
from evidencesite.catalogue.commands import say

EXIT_OK, EXIT_UNREADABLE = 0, 1


def parse_renames(values: list[str]) -> tuple[dict[str, str], list[str]]:
    """["N007=N008"] -> {"N007": "N008"}, and the usage errors met."""
    renames: dict[str, str] = {}
    errors: list[str] = []
    used: set[str] = set()
    for value in values:
        old, sep, new = (part.strip().upper() for part in value.replace("\uff1d", "=").partition("="))
        if not sep or not old or not new:
            errors.append(usage("rename-format", value=value))
            continue
        for ident in (old, new):
            m = ID_PATTERN.match(ident)
            if not m or canonical_id(m.group(1), int(m.group(2))) != ident:
                errors.append(usage("rename-id", value=value, id=ident))
        if old in used or new in renames.values():
            errors.append(usage("rename-twice", id=old if old in used else new))
        used.add(old)
        renames[old] = new
    return renames, errors


def main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(prog="import_register.py",
                                   description=say("import_register.description"))
    parser.add_argument("file", metavar="FILE", help=say("import_register.help-register"))
    parser.add_argument("--dry-run", action="store_true", help=say("import_register.help-dry-run"))
    parser.add_argument("--site", default=".", help=say("common.help-site"))
    parser.add_argument("--rename", action="append", default=[], metavar=say("import_register.metavar-rename"),
                        help=say("import_register.help-rename"))
    parser.add_argument("--apply-renames", action="store_true",
                        help=say("import_register.help-renumber"))
    args = parser.parse_args(argv)
    file, root = Path(args.file), Path(args.site)
    problems: list[str] = []
    if file.is_dir():
        problems.append(usage("file-is-folder", path=file))
    elif not file.is_file():
        problems.append(usage("file-missing", path=file))
    elif file.suffix.lower() not in SUFFIXES:
        problems.append(usage("file-type", path=file))
    try:
        settings = settings_for(root)
    except Exception as exc:  # mkdocs.yml unreadable: say which file, never a traceback
        problems.append(say("common.config-unreadable", root=root / 'mkdocs.yml', exc=exc))
        settings = None
    if settings and not (root / settings.docs_dir).is_dir():
        problems.append(usage("not-a-site", root=root.resolve(), docs=settings.docs_dir))
    renames, rename_errors = parse_renames(args.rename)
    problems += rename_errors
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return EXIT_USAGE
    if not _recover(root, settings, args.dry_run):
        return EXIT_UNREADABLE
    plan = prepare_import(root, settings, file, renames, build_date(), args.apply_renames)
    for level in (Level.INFO, Level.ERROR):
        for item in plan.notices:
            if item.level is level:
                print(item.format())
    if plan.usage_errors:
        print("\n".join(plan.usage_errors), file=sys.stderr)
        return EXIT_USAGE
    if plan.errors:
        print(change("blocked", count=len(plan.errors)))
        return EXIT_UNREADABLE
    for line in plan.lines:
        print(line)
    for item in plan.notices:
        if item.level is Level.WARNING:
            print(item.format())
    print(plan.summary() if plan.lines else change("nothing"))
    if args.dry_run:
        if plan.lines:
            print(change("dry-run"))
        return EXIT_OK
    if not plan.writes and not plan.deletes:
        return EXIT_OK
    locked = filetransaction.read_only([*plan.writes, *plan.deletes])
    if locked:
        for path in locked:
            label = path.relative_to(root).as_posix()
            print(notice("page-read-only", label, path=label).format())
        print(change("blocked", count=len(locked)))
        return EXIT_UNREADABLE
    try:
        filetransaction.commit(root, plan.writes, plan.deletes)
    except filetransaction.CommitFailed as exc:
        key = "write-failed" if exc.restored else "write-failed-unrestored"
        print(change(key, path=exc.path, reason=exc.reason, detail=exc.detail))
        return EXIT_UNREADABLE
    print(change("written", count=len(plan.writes) + len(plan.deletes)))
    return EXIT_OK


# A temporary file of an older, journal-less write: ".N001.md.k3j2h1.tmp".
STRAY_TEMP = re.compile(r"^\..+\.(?:md|ya?ml)\.[A-Za-z0-9_]+\.tmp$")


def _recover(root: Path, settings: Settings, dry_run: bool) -> bool:
    """Undo what a killed import left half done, before reading the site; False when that failed."""
    if dry_run:
        if filetransaction.pending(root):
            print(change("recovery-pending"))
        return True
    try:
        recovery = filetransaction.recover(root)
    except OSError as exc:
        print(change("recovery-failed", path=exc.filename or root, reason=exc.strerror or type(exc).__name__))
        return False
    if recovery and recovery.phase == filetransaction.DONE:
        print(change("recovered-done", removed=recovery.removed))
    elif recovery:
        print(change("recovered", restored=recovery.restored, removed=recovery.removed))
    folders = dict.fromkeys([root / settings.indicators_dir, (root / settings.framework).parent])
    for folder in folders:
        stray = [p for p in folder.glob(".*.tmp") if STRAY_TEMP.match(p.name)] if folder.is_dir() else []
        for path in stray:
            path.unlink(missing_ok=True)
        if stray:
            print(change("stray-temps", count=len(stray), folder=folder.relative_to(root).as_posix() or "."))
    return True


if __name__ == "__main__":
    sys.exit(main())
