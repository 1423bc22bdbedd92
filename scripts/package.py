"""Make the declaration package (集中申报) and the compiled materials PDF (材料汇编).

    python scripts/package.py [--audience public|assessor] [--site DIR] -o FILE.zip
    python scripts/package.py --pdf-only [--audience ...] [--site DIR] -o FILE.pdf

The zip holds one folder per indicator (`ID 标题`) with its materials in page order
(`1-标题.ext`), a Word 情况说明 per indicator, the 自评报告 as Word, the 申报材料清单
workbook and 材料汇编.pdf; see hooks/evidencesite/publishing/declaration.py and compilation.py.
Exit status: 0 written (gaps and advice are listed); 1 the site has errors (nothing
written); 2 usage error (arguments, not a site, cannot write there).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from _bootstrap import EXIT_USAGE, ChineseArgumentParser, site_settings

from evidencesite.publishing import declaration, labels
from evidencesite.checks import disclosure
from evidencesite.pipeline.buildstate import build_date
from evidencesite.pipeline.checker import check_site
from evidencesite.publishing.compilation import compile_pdf
from evidencesite.model import Audience, Severity
from evidencesite.text.sizes import human_size
from evidencesite.catalogue.commands import say

EXIT_OK, EXIT_FINDINGS = 0, 1

DESCRIPTION = say("package.description")

EPILOG = say("package.epilog")


def main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(prog="package.py", description=DESCRIPTION, epilog=EPILOG,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-o", "--output", required=True, type=Path,
                        help=say("package.help-output"))
    parser.add_argument("--audience", choices=[a.value for a in Audience], default=Audience.PUBLIC.value,
                        help=say("common.help-audience"))
    parser.add_argument("--site", type=Path, default=Path("."), help=say("common.help-site"))
    parser.add_argument("--pdf-only", action="store_true", help=say("package.help-pdf-only"))
    parser.add_argument("--font", help=say("common.help-font"))
    args = parser.parse_args(argv)
    output, root = args.output.resolve(), args.site
    wanted = ".pdf" if args.pdf_only else ".zip"
    if output.suffix.lower() != wanted:
        parser.error(say("package.output-suffix", wanted=wanted, output_name=output.name,
                         example=say("package.example-pdf") if args.pdf_only else say("package.example-zip")))
    settings = site_settings(root, say("common.site-hint"), args.audience)
    if settings is None:
        return EXIT_USAGE
    for folder in (settings.docs_dir, settings.evidence_dir):
        inside = (root / folder).resolve()
        if output == inside or inside in output.parents:
            print(say("package.output-in-site", folder=folder, wanted=wanted),
                  file=sys.stderr)
            return EXIT_USAGE
    try:
        font, font_file = labels.register_font(args.font)
    except ValueError as exc:
        print(say("package.font-unusable", exc=exc), file=sys.stderr)
        return EXIT_USAGE

    site = check_site(root, settings)
    errors = [f for f in site.findings if f.severity is Severity.ERROR]
    if errors:
        for found in errors:
            print(found.format())
        what = say("package.word-compilation") if args.pdf_only else say("package.word-package")
        print(say("package.site-errors", error_count=len(errors), what=what), file=sys.stderr)
        return EXIT_FINDINGS
    if settings.audience is Audience.PUBLIC:
        disclosure.mask_indicators(site.indicators, site.disclosure.allowed)
    config = settings.engine_config(root)
    site_url = str(config.get("site_url") or "").strip()
    site_url = site_url if site_url.startswith(("http://", "https://")) else ""
    package = declaration.plan(site, output.stem, build_date(), str(config.get("site_name") or ""), site_url)
    edition = say("common.edition-assessor") if settings.audience is Audience.ASSESSOR else say("common.edition-public")
    try:
        if args.pdf_only:
            compiled = compile_pdf(package, site, output, font)
            _report(package.findings + compiled.findings)
            print(say("package.compiled", edition=edition, output=output, pages=compiled.pages,
                      size=human_size(output.stat().st_size)))
        else:
            with tempfile.TemporaryDirectory(prefix="evidence-package-") as temp:
                pdf = Path(temp) / declaration.COMPILED
                compiled = compile_pdf(package, site, pdf, font)
                package.compiled = declaration.Entry(declaration.COMPILED, say("package.compilation-name"), source=pdf)
                limits = declaration.limit_findings(package, settings.upload_file_max_mb, settings.upload_total_max_mb,
                                                    settings.upload_types)
                package.checklist = declaration.checklist_entry(package)
                declaration.write_zip(package, output)
            _report(package.findings + compiled.findings + limits)
            items = sum(1 for s in package.sections for i in s.items if i.material)
            print(say("package.packaged", edition=edition, output=output, size=human_size(output.stat().st_size),
                      section_count=len(package.sections), items=items, pages=compiled.pages, top=package.top,
                      checklist=declaration.CHECKLIST))
    except OSError as exc:
        print(say("package.write-failed", output=output, strerror=exc.strerror or exc),
              file=sys.stderr)
        return EXIT_USAGE
    if font_file is None:
        print(say("package.no-font"))
    return EXIT_OK


def _report(findings: list) -> None:
    """Gaps first, then advice, each once."""
    for found in sorted(dict.fromkeys(findings), key=lambda f: f.severity is not Severity.GAP):
        print(found.format())


if __name__ == "__main__":
    sys.exit(main())
