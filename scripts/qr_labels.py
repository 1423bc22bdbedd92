"""Print QR labels for the binders of original material, for on-site verification.

    python scripts/qr_labels.py [SITE_ROOT] [-o FILE.pdf] [--only N012,N013] [--font FONT_FILE]

Writes an A4 PDF of 3 × 8 labels (70 × 37 mm): each indicator's ID, short title and the
QR code of its page, `<site_url>indicators/<ID>/` from mkdocs.yml. Exit status:
    0  the PDF was written
    2  usage error: wrong arguments, not a site, no site_url, an unknown ID, a font that cannot be used
"""

from __future__ import annotations

import sys
from pathlib import Path

from _bootstrap import ChineseArgumentParser, chosen_indicators, usage_error

from evidencesite.publishing import labels
from evidencesite.loading.loader import load_site
from evidencesite.model.settings import settings_for
from evidencesite.catalogue.commands import say


def main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(prog="qr_labels.py", description=say("qr_labels.description"))
    parser.add_argument("site_root", nargs="?", default=".", help=say("common.help-site"))
    parser.add_argument("-o", "--output", help=say("qr_labels.help-output"))
    parser.add_argument("--only", help=say("qr_labels.help-only"))
    parser.add_argument("--font", help=say("common.help-font"))
    args = parser.parse_args(argv)
    root = Path(args.site_root)
    output = Path(args.output) if args.output else root / "build" / "qr-labels.pdf"
    if output.suffix.lower() != ".pdf":
        return usage_error(say("qr_labels.output-not-pdf", output=output))
    try:
        settings = settings_for(root)
        config = settings.engine_config(root)
    except Exception as exc:  # mkdocs.yml unreadable: say which file, never a traceback
        return usage_error(say("common.config-unreadable", root=root / 'mkdocs.yml', exc=exc))
    if not (root / settings.docs_dir).is_dir():
        return usage_error(say("qr_labels.not-a-site", root=root.resolve(), docs_dir=settings.docs_dir))
    site_url = str(config.get("site_url") or "").strip()
    if not site_url.startswith(("http://", "https://")):
        return usage_error(say("qr_labels.no-site-url", root=root / 'mkdocs.yml'))
    site = load_site(root, settings)
    chosen, unknown = chosen_indicators(site, args.only)
    if unknown:
        return usage_error(unknown)
    if not chosen:
        return usage_error(say("qr_labels.no-pages", indicators_dir=settings.indicators_dir))
    try:
        font, font_file = labels.register_font(args.font)
    except ValueError as exc:
        return usage_error(say("common.font-unusable", exc=exc))
    sheet = labels.labels_for(site_url, [(i.id, i.title or i.id) for i in chosen])
    pages = labels.write_pdf(sheet, output, font)
    print(say("qr_labels.done", output=output, sheet_count=len(sheet), pages=pages,
              columns=labels.COLUMNS * labels.ROWS))
    if font_file is None:
        print(say("qr_labels.no-font"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
