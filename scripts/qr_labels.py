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

from _bootstrap import EXIT_USAGE, ChineseArgumentParser, chosen_indicators

from evidencesite.publishing import labels
from evidencesite.pipeline.loader import load_site
from evidencesite.model.settings import read_mkdocs_config, settings_for


def main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(prog="qr_labels.py", description="生成贴在原件案卷上的二维码标签(A4 PDF,每页 24 个)。")
    parser.add_argument("site_root", nargs="?", default=".", help="网站根目录(含 mkdocs.yml 和 docs/),默认当前目录")
    parser.add_argument("-o", "--output", help="输出的 PDF 文件,默认 网站根目录/build/qr-labels.pdf")
    parser.add_argument("--only", help="只打印这些编号,用逗号(全角半角均可)、顿号或空格分隔,例如 N012,N013")
    parser.add_argument("--font", help="中文字体文件(.ttf 或 .ttc),默认自动寻找黑体、微软雅黑或文泉驿")
    args = parser.parse_args(argv)
    root = Path(args.site_root)
    output = Path(args.output) if args.output else root / "build" / "qr-labels.pdf"
    if output.suffix.lower() != ".pdf":
        return _usage(f"输出文件 {output} 的扩展名应为 .pdf,例如 -o 标签.pdf")
    try:
        config = read_mkdocs_config(root)
        settings = settings_for(root)
    except Exception as exc:  # mkdocs.yml unreadable: say which file, never a traceback
        return _usage(f"无法读取 {root / 'mkdocs.yml'}:{exc}")
    if not (root / settings.docs_dir).is_dir():
        return _usage(f"{root.resolve()} 不是证据站目录:找不到 {settings.docs_dir}/ 文件夹。"
                      "请在网站根目录运行,或写明路径:python scripts/qr_labels.py 网站目录")
    site_url = str(config.get("site_url") or "").strip()
    if not site_url.startswith(("http://", "https://")):
        return _usage(f"{root / 'mkdocs.yml'} 没有设置 site_url(网站的正式网址),二维码无法指向指标页面。"
                      "在 mkdocs.yml 中写一行 site_url: https://网站域名/ 后再运行。")
    site = load_site(root, settings)
    chosen, unknown = chosen_indicators(site, args.only)
    if unknown:
        return _usage(unknown)
    if not chosen:
        return _usage(f"{settings.indicators_dir}/ 中还没有指标页面,没有可打印的标签。")
    try:
        font, font_file = labels.register_font(args.font)
    except ValueError as exc:
        return _usage(f"{exc}。请换一个 .ttf 或 .ttc 字体文件,例如 C:\\Windows\\Fonts\\simhei.ttf。")
    sheet = labels.labels_for(site_url, [(i.id, i.title or i.id) for i in chosen])
    pages = labels.write_pdf(sheet, output, font)
    print(f"已生成 {output}:{len(sheet)} 个标签,共 {pages} 页(A4,每页 {labels.COLUMNS * labels.ROWS} 个,"
          f"每个 70×37 毫米)。打印时请选择“实际大小”(100%)。")
    if font_file is None:
        print("注意:没有找到可嵌入的中文字体,标签文字使用 PDF 阅读器自带的宋体;如显示不正常,"
              "用 --font 指定字体文件,例如 --font C:\\Windows\\Fonts\\simhei.ttf。")
    return 0


def _usage(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
