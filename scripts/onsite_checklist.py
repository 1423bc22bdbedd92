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

from _bootstrap import EXIT_USAGE, ChineseArgumentParser, site_settings

from evidencesite.publishing import labels, onsite
from evidencesite.pipeline.buildstate import build_date
from evidencesite.pipeline.loader import load_site
from evidencesite.model.settings import read_mkdocs_config


def main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(prog="onsite_checklist.py",
                                   description="生成实地核查准备清单(A4 PDF):按存放地点和盒号列出每项原件,附指标页面二维码。")
    parser.add_argument("--site", default=".", metavar="目录", help="网站根目录(含 mkdocs.yml 和 docs/),默认当前目录")
    parser.add_argument("-o", "--output", metavar="文件", help="输出的 PDF 文件,默认 网站根目录/build/实地核查准备清单.pdf")
    parser.add_argument("--font", metavar="字体文件", help="中文字体文件(.ttf 或 .ttc),默认自动寻找黑体、微软雅黑或文泉驿")
    args = parser.parse_args(argv)
    root = Path(args.site)
    output = Path(args.output) if args.output else root / "build" / "实地核查准备清单.pdf"
    if output.suffix.lower() != ".pdf":
        return _usage(f"输出文件 {output} 的扩展名应为 .pdf,例如 -o 清单.pdf")
    settings = site_settings(root, "用 --site 写明网站目录。")
    if settings is None:
        return EXIT_USAGE
    site = load_site(root, settings)
    checklist = onsite.rows(site)
    if not checklist:
        return _usage("没有可列入清单的材料:还没有证据写了原件存放位置(location),也没有实地核查说明(on_site)。"
                      "在证据下写 location: 市司法局档案室 第3盒 后再运行。")
    try:
        font, font_file = labels.register_font(args.font)
    except ValueError as exc:
        return _usage(f"{exc}。请换一个 .ttf 或 .ttc 字体文件,例如 C:\\Windows\\Fonts\\simhei.ttf。")
    site_url = str(read_mkdocs_config(root).get("site_url") or "").strip()
    site_url = site_url if site_url.startswith(("http://", "https://")) else ""
    pages = onsite.write_pdf(checklist, site_url, output, font, build_date())
    located = sum(1 for r in checklist if r.place != onsite.ON_SITE_PLACE)
    print(f"已生成 {output}:{len(onsite.places(checklist))} 个地点,{located} 项原件,"
          f"{len(checklist) - located} 个实地核查说明,共 {pages} 页(A4)。")
    if not site_url:
        print("注意:mkdocs.yml 没有设置 site_url(网站的正式网址),清单中没有二维码。写一行 site_url: https://网站域名/ 后重新运行即可加上。")
    if font_file is None:
        print("注意:没有找到可嵌入的中文字体,文字使用 PDF 阅读器自带的宋体;如显示不正常,"
              "用 --font 指定字体文件,例如 --font C:\\Windows\\Fonts\\simhei.ttf。")
    return 0


def _usage(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
