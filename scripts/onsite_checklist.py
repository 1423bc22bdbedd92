"""Print the 实地核查准备清单 (on-site verification checklist) as an A4 PDF.

    python scripts/onsite_checklist.py [--site DIR] [-o FILE.pdf] [--font FONT_FILE]

Every evidence item with a `location`, grouped by place (archive room) and box, with its
indicator, title, lead unit, a tick box and the QR code of the indicator's page (when
mkdocs.yml sets site_url); then the indicators with an `on_site` note. The same list is
`exports/实地核查准备清单.xlsx` in the assessor build. Internal: it names where non-public
originals are kept. Exit status:
    0  the PDF was written
    2  usage error: wrong arguments, not a site, nothing to list, a font that cannot be used
"""

from __future__ import annotations

import sys
from pathlib import Path

from _bootstrap import EXIT_USAGE, ChineseArgumentParser, site_settings, usage_error

from evidencesite.publishing import labels, onsite
from evidencesite.pipeline.buildstate import build_date
from evidencesite.loading.loader import load_site
from evidencesite.catalogue.commands import say


def main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(prog="onsite_checklist.py",
                                   description=say("onsite_checklist.description"))
    parser.add_argument("--site", default=".", metavar=say("common.metavar-folder"), help=say("common.help-site"))
    parser.add_argument("-o", "--output", metavar=say("common.metavar-file"), help=say("onsite_checklist.help-output"))
    parser.add_argument("--font", metavar=say("common.metavar-font"), help=say("common.help-font"))
    args = parser.parse_args(argv)
    root = Path(args.site)
    output = Path(args.output) if args.output else root / "build" / say("onsite_checklist.default-output")
    if output.suffix.lower() != ".pdf":
        return usage_error(say("onsite_checklist.output-not-pdf", output=output))
    settings = site_settings(root, say("common.site-hint"))
    if settings is None:
        return EXIT_USAGE
    site = load_site(root, settings)
    checklist = onsite.rows(site)
    if not checklist:
        return usage_error(say("onsite_checklist.nothing-to-list"))
    try:
        font, font_file = labels.register_font(args.font)
    except ValueError as exc:
        return usage_error(say("common.font-unusable", exc=exc))
    site_url = str(settings.engine_config(root).get("site_url") or "").strip()
    site_url = site_url if site_url.startswith(("http://", "https://")) else ""
    pages = onsite.write_pdf(checklist, site_url, output, font, build_date())
    located = sum(1 for r in checklist if r.place != onsite.ON_SITE_PLACE)
    print(say("onsite_checklist.done", output=output, place_count=len(onsite.places(checklist)), located=located,
              checklist_count=len(checklist) - located, pages=pages))
    if not site_url:
        print(say("onsite_checklist.no-site-url"))
    if font_file is None:
        print(say("common.no-font"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
