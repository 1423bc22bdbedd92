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
from evidencesite.model.settings import read_mkdocs_config
from evidencesite.text.sizes import human_size

EXIT_OK, EXIT_FINDINGS = 0, 1

DESCRIPTION = """生成集中申报用的申报包(zip)和材料汇编(PDF)。

申报包里有:
  申报材料清单.xlsx   每个指标、每项材料、包中的文件名、大小、SHA-256 校验值、缺少什么
  自评报告.docx       docs/self-assessment.md 转成的 Word(超过 2000 字时不生成申报包)
  材料汇编.pdf        封面、带页码的目录、每个指标一页封面(含二维码)和它的全部材料
  编号 指标名称/      每个指标一个文件夹:1-材料名称.pdf、2-……、情况说明.docx
                      新闻链接放网页快照和记有网址的 .txt 文件

公开版(默认)不含 public: false 的材料和因个人信息不公开的材料,与公开网站完全一致;
评审专用版(--audience assessor)含全部材料。申报系统的文件大小和类型限制在 mkdocs.yml 的
extra.evidence_site 中设置(upload_file_max_mb、upload_total_max_mb、upload_types),
超过的文件逐个给出修改建议。"""

EPILOG = """例子:
  python scripts/package.py -o 申报包.zip
  python scripts/package.py --audience assessor -o 申报包-评审专用.zip
  python scripts/package.py --pdf-only -o 材料汇编.pdf
  python scripts/package.py --site D:\\证据站 -o D:\\申报\\申报包.zip

退出码:0 已生成(缺口和建议会列出);1 网站有错误,没有生成;2 参数有误、不是证据站目录或无法写入。"""


def main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(prog="package.py", description=DESCRIPTION, epilog=EPILOG,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-o", "--output", required=True, type=Path,
                        help="输出文件:申报包以 .zip 结尾;与 --pdf-only 一起用时以 .pdf 结尾")
    parser.add_argument("--audience", choices=[a.value for a in Audience], default=Audience.PUBLIC.value,
                        help="public:公开版(默认);assessor:评审专用版(含不公开材料)")
    parser.add_argument("--site", type=Path, default=Path("."), help="网站根目录(含 mkdocs.yml 和 docs/),默认当前目录")
    parser.add_argument("--pdf-only", action="store_true", help="只生成材料汇编 PDF,不生成 zip")
    parser.add_argument("--font", help="中文字体文件(.ttf 或 .ttc),默认自动寻找黑体、微软雅黑或文泉驿")
    args = parser.parse_args(argv)
    output, root = args.output.resolve(), args.site
    wanted = ".pdf" if args.pdf_only else ".zip"
    if output.suffix.lower() != wanted:
        parser.error(f"输出文件名要以 {wanted} 结尾,现在是“{output.name}”。例如:-o {'材料汇编.pdf' if args.pdf_only else '申报包.zip'}")
    settings = site_settings(root, "用 --site 写明网站目录。", args.audience)
    if settings is None:
        return EXIT_USAGE
    for folder in (settings.docs_dir, settings.evidence_dir):
        inside = (root / folder).resolve()
        if output == inside or inside in output.parents:
            print(f"不能把申报包写进 {folder}/ 文件夹(那里的文件会被当作网站内容发布)。请换一个位置,例如 -o 申报包{wanted}。",
                  file=sys.stderr)
            return EXIT_USAGE
    try:
        font, font_file = labels.register_font(args.font)
    except ValueError as exc:
        print(f"{exc}。请换一个 .ttf 或 .ttc 字体文件,例如 --font C:\\Windows\\Fonts\\simhei.ttf。", file=sys.stderr)
        return EXIT_USAGE

    site = check_site(root, settings)
    errors = [f for f in site.findings if f.severity is Severity.ERROR]
    if errors:
        for found in errors:
            print(found.format())
        print(f"网站有 {len(errors)} 个错误(见上),没有生成{'材料汇编' if args.pdf_only else '申报包'}。"
              "改正后重新运行;python scripts/check.py 可以随时检查。", file=sys.stderr)
        return EXIT_FINDINGS
    if settings.audience is Audience.PUBLIC:
        disclosure.mask_indicators(site.indicators, site.disclosure.allowed)
    config = read_mkdocs_config(root)
    site_url = str(config.get("site_url") or "").strip()
    site_url = site_url if site_url.startswith(("http://", "https://")) else ""
    package = declaration.plan(site, output.stem, build_date(), str(config.get("site_name") or ""), site_url)
    edition = "评审专用版" if settings.audience is Audience.ASSESSOR else "公开版"
    try:
        if args.pdf_only:
            compiled = compile_pdf(package, site, output, font)
            _report(package.findings + compiled.findings)
            print(f"已生成材料汇编({edition}):{output}({compiled.pages} 页,{human_size(output.stat().st_size)})。")
        else:
            with tempfile.TemporaryDirectory(prefix="evidence-package-") as temp:
                pdf = Path(temp) / declaration.COMPILED
                compiled = compile_pdf(package, site, pdf, font)
                package.compiled = declaration.Entry(declaration.COMPILED, "材料汇编", source=pdf)
                limits = declaration.limit_findings(package, settings.upload_file_max_mb, settings.upload_total_max_mb,
                                                    settings.upload_types)
                package.checklist = declaration.checklist_entry(package)
                declaration.write_zip(package, output)
            _report(package.findings + compiled.findings + limits)
            items = sum(1 for s in package.sections for i in s.items if i.material)
            print(f"已生成申报包({edition}):{output}({human_size(output.stat().st_size)}):指标 {len(package.sections)} 项,"
                  f"材料文件 {items} 个,材料汇编 {compiled.pages} 页。解压后先看 {package.top}/{declaration.CHECKLIST}。")
    except OSError as exc:
        print(f"无法写入 {output}:{exc.strerror or exc}。请检查输出位置和写入权限(文件在别的程序中打开着时也无法写入)。",
              file=sys.stderr)
        return EXIT_USAGE
    if font_file is None:
        print("注意:没有找到可嵌入的中文字体,材料汇编使用 PDF 阅读器自带的宋体;别的电脑上显示不正常时,"
              "用 --font 指定字体文件,例如 --font C:\\Windows\\Fonts\\simhei.ttf。")
    return EXIT_OK


def _report(findings: list) -> None:
    """Gaps first, then advice, each once."""
    for found in sorted(dict.fromkeys(findings), key=lambda f: f.severity is not Severity.GAP):
        print(found.format())


if __name__ == "__main__":
    sys.exit(main())
