"""Every line the command-line tools (scripts/*.py) print: --help texts, usage errors,
progress and results.

Keys are `script.what` (`common.` for lines several scripts share); `say()` fills the
`{placeholders}`. The staff guide's command pages quote some of these word for word.
"""

from __future__ import annotations

from evidencesite.catalogue import filler

TEXT: dict[str, str] = {
    # --- shared by the scripts ---
    "common.metavar-folder": "目录",
    "common.help-site": "网站根目录(含 mkdocs.yml 和 docs/),默认当前目录",
    "common.metavar-file": "文件",
    "common.metavar-font": "字体文件",
    "common.help-font": "中文字体文件(.ttf 或 .ttc),默认自动寻找黑体、微软雅黑或文泉驿",
    "common.site-hint": "用 --site 写明网站目录。",
    "common.font-unusable": "{exc}。请换一个 .ttf 或 .ttc 字体文件,例如 C:\\Windows\\Fonts\\simhei.ttf。",
    "common.no-font": "注意:没有找到可嵌入的中文字体,文字使用 PDF 阅读器自带的宋体;如显示不正常,用 --font 指定字体文件,例如 --font C:\\Windows\\Fonts\\simhei.ttf。",
    "common.config-unreadable": "无法读取 {root}:{exc}",
    "common.config-missing": "找不到配置文件 {path}:请写明网站根目录下配置文件的名字(与 mkdocs build -f 相同)。",
    "common.metavar-ids": "编号",
    "common.help-audience": "public:公开版(默认);assessor:评审专用版(含不公开材料)",
    "common.edition-assessor": "评审专用版",
    "common.edition-public": "公开版",
    # --- scripts/review.py ---
    "review.description": "记录市级初评结果:写入指标页面页首信息中的 review(初评记录)。",
    "review.help-ids": "要记录初评的指标编号,可写多个,如 N012 N013",
    "review.metavar-result": "结果",
    "review.help-result": "初评结果:通过 或 退回修改",
    "review.metavar-by": "单位",
    "review.help-by": "初评单位,如 市委依法治市办",
    "review.metavar-comment": "意见",
    "review.help-comment": "初评意见;退回修改时必须写明需要修改什么",
    "review.metavar-date": "日期",
    "review.help-date": "初评日期(年-月-日),默认今天",
    "review.fix-unreadable": "用文本编辑器打开检查。",
    "review.unit-control": "含有换行或控制字符",
    "review.unit-too-long": "超过 {unit_max_chars} 个字",
    "review.unit-placeholder": "是占位文字",
    "review.unit-looks-like-id": "看起来是指标编号",
    "review.usage-error": "参数有误:{line}",
    "review.usage-see-help": "用法见 python scripts/review.py --help",
    # --- scripts/check.py ---
    "stage.description": ("把网站写成不依赖本系统钩子的普通站点(任何 MkDocs 类引擎都能构建),"
                          "或对引擎构建好的网站做最后一步(个人信息遮盖、中文搜索词、外站请求检查、校验清单)。"),
    "stage.help-folder": "写出普通站点的空文件夹;与 --finish 一起用时,是引擎构建好的网站目录",
    "stage.help-finish": "对构建好的网站(如 OUTDIR/site)做最后一步,而不是写出普通站点",
    "stage.help-audience": "public:公开版(默认);assessor:评审专用版。--finish 时可省略,按写出时的版本",
    "stage.help-config-file": "网站设置文件,默认当前目录的 mkdocs.yml",
    "stage.help-page-folders": ("每个页面写成“地址/index.md”(给 Zensical 用:它按源文件位置改写页面中的相对链接);"
                                "默认保留原文件名,MkDocs、ProperDocs 构建出的页面与正常构建一致"),
    "stage.help-stage": "--finish 时:写出普通站点的文件夹(含 stage.json),默认是网站目录的上一级",
    "stage.config-missing": "找不到网站设置文件 {config_file}。请在网站根目录运行,或用 -f 写明 mkdocs.yml 的位置。",
    "stage.out-not-empty": "{out} 已存在且不是空文件夹。请写一个新的或空的文件夹,以免覆盖已有文件。",
    "stage.out-inside-site": "{out} 在网站的 docs/ 或 evidence/ 中:请写在网站文件夹以外,或网站根目录下的新文件夹。",
    "stage.build-failed": "构建失败,没有写出普通站点:{error}",
    "stage.version-assessor": "评审专用版",
    "stage.version-public": "公开版",
    "stage.written": ("已写出普通站点({version}):{out}({pages} 个页面,{files} 个文件,用时 {seconds} 秒)。\n"
                      "构建:cd {out} && mkdocs build(不需要本系统的钩子);再运行 python scripts/stage.py --finish "
                      "{site} 完成遮盖、搜索词和校验清单。"),
    "stage.not-a-site": ("{site_dir} 中没有 index.html:这不是构建好的网站目录。请写明引擎构建出的文件夹,"
                         "例如 python scripts/stage.py --finish OUTDIR/site"),
    "stage.recipe-problem": "{problem}。请用 --stage 写明 scripts/stage.py 写出普通站点的文件夹(其中有 {recipe})。",
    "stage.audience-mismatch": ("这个普通站点写出时是 {written} 版,不能按 {asked} 版完成:"
                                "请去掉 --audience,或重新运行 python scripts/stage.py OUTDIR --audience {asked}。"),
    "stage.finished": ("已完成:{pages} 个页面已处理,{sealed} 个生成文件已遮盖个人信息,"
                       "校验清单指纹 {fingerprint}(用时 {seconds} 秒)。"),
    "stage.recipe-unreadable": "{path} 无法读取({error})",
    "stage.recipe-foreign": "{path} 不是本版本 scripts/stage.py 写的(版本 {version})",
    "stage.recipe-incomplete": "{path} 的内容不完整({error})",
    "stage.config-head": ("# 由 scripts/stage.py 写出的普通站点:页面已是构建完成的样子,不需要本系统的钩子和宏插件。\n"
                          "# 请在本文件夹中构建(cd 到这里再 mkdocs build),搜索用的中文词表 "
                          "{dictionary} 按相对路径读取;构建后运行 python scripts/stage.py --finish site 完成最后一步。\n"),
    "check.description": "按页面合同检查指标页面、指标框架和证据文件(不生成网站)。",
    "check.help-strict": "严格模式:缺口和建议也算不通过(正式发布前使用)",
    "check.metavar-config-file": "配置文件",
    "check.help-config-file": "网站的配置文件名(与 mkdocs build -f 相同),默认 mkdocs.yml",
    "check.metavar-files": "文件",
    "check.help-files": "只报告这些文件中的问题(提交前自动检查用);其中有指标框架或 mkdocs.yml 时检查全部",
    "check.help-site-hint": "写明路径:python scripts/check.py 网站目录",
    "check.word-advice": "提示",
    "check.word-error": "错误",
    "check.changed-failed": "提交前检查未通过:改动的 {changed_count} 个文件中有 {failing} 个{what}(见上),改正后重新提交。",
    "check.changed-passed": "提交前检查通过:改动的 {changed_count} 个文件中没有{what}。",
    # --- scripts/import_register.py ---
    "import_register.description": "把指标体系登记表(.xlsx 或 .csv)导入为指标框架和每个指标的页面。",
    "import_register.help-register": "登记表文件:Excel 工作簿(.xlsx)或 CSV(.csv)",
    "import_register.help-dry-run": "试运行:只显示将要做的修改,不写入任何文件",
    "import_register.metavar-rename": "旧编号=新编号",
    "import_register.help-rename": "指标改了编号时,把旧编号的页面迁移到新编号(可写多次)",
    "import_register.help-renumber": "登记表删去、插入了行或重新编了序号时,按导入给出的建议改编号(页面内容随指标名称迁移)",
    # --- scripts/onsite_checklist.py ---
    "onsite_checklist.description": "生成实地核查准备清单(A4 PDF):按存放地点和盒号列出每项原件,附指标页面二维码。",
    "onsite_checklist.help-output": "输出的 PDF 文件,默认 网站根目录/build/实地核查准备清单.pdf",
    "onsite_checklist.default-output": "实地核查准备清单.pdf",
    "onsite_checklist.output-not-pdf": "输出文件 {output} 的扩展名应为 .pdf,例如 -o 清单.pdf",
    "onsite_checklist.nothing-to-list": "没有可列入清单的材料:还没有证据写了原件存放位置(location),也没有实地核查说明(on_site)。在证据下写 location:"
                                        " 市司法局档案室 第3盒 后再运行。",
    "onsite_checklist.done": "已生成 {output}:{place_count} 个地点,{located} 项原件,{checklist_count} 个实地核查说明,共 {pages} 页(A4)。",
    "onsite_checklist.no-site-url": "注意:mkdocs.yml 没有设置 site_url(网站的正式网址),清单中没有二维码。写一行 site_url: https://网站域名/ 后重新运行即可加上。",
    # --- scripts/qr_labels.py ---
    "qr_labels.description": "生成贴在原件案卷上的二维码标签(A4 PDF,每页 24 个)。",
    "qr_labels.help-output": "输出的 PDF 文件,默认 网站根目录/build/qr-labels.pdf",
    "qr_labels.help-only": "只打印这些编号,用逗号(全角半角均可)、顿号或空格分隔,例如 N012,N013",
    "qr_labels.output-not-pdf": "输出文件 {output} 的扩展名应为 .pdf,例如 -o 标签.pdf",
    "qr_labels.not-a-site": "{root} 不是证据站目录:找不到 {docs_dir}/ 文件夹。请在网站根目录运行,或写明路径:python scripts/qr_labels.py 网站目录",
    "qr_labels.no-site-url": "{root} 没有设置 site_url(网站的正式网址),二维码无法指向指标页面。在 mkdocs.yml 中写一行 site_url: https://网站域名/ 后再运行。",
    "qr_labels.no-pages": "{indicators_dir}/ 中还没有指标页面,没有可打印的标签。",
    "qr_labels.done": "已生成 {output}:{sheet_count} 个标签,共 {pages} 页(A4,每页 {columns} 个,每个 70×37 毫米)。打印时请选择“实际大小”(100%)。",
    "qr_labels.no-font": "注意:没有找到可嵌入的中文字体,标签文字使用 PDF 阅读器自带的宋体;如显示不正常,用 --font 指定字体文件,"
                         "例如 --font C:\\Windows\\Fonts\\simhei.ttf。",
    # --- scripts/report.py ---
    "report.notice-stem": "创建工作通报",
    "report.description": "生成创建工作进展报告(Word、Markdown 和 Excel):月报、双月检查或季度点评。",
    "report.metavar-period": "期间",
    "report.help-period": "月份 2021-04;双月 2021-04~05(或 2021-04至05);季度 2021-Q2",
    "report.help-output": "输出目录,默认为网站目录下的 reports/",
    "report.period-invalid": "期间“{period}”的格式不对,应写成 月份 2021-04、双月 2021-04~05 或 季度 2021-Q2",
    "report.period-not-started": "{period} 还没有开始(今天是 {today}),不能生成这一期的报告",
    "report.write-failed": "无法写入 {path}:{reason}。这一期的报告一个文件也没有写入(原有文件保持不变)。请关闭在 Word、"
                           "Excel 或 WPS 中打开的同名文件,检查输出目录的写入权限和磁盘空间,然后重新运行。",
    "report.cleaned": "已清理上次中断时留下的 {cleaned_count} 个临时文件。",
    "report.commits": "比较的版本(仅供核对,不写入报告):{commits}",
    "report.written": "已生成:{path}",
    # --- scripts/snapshot_links.py ---
    "snapshot_links.evidence-item": "evidence 第{index}项",
    "snapshot_links.description": "为新闻链接保存网页快照(有浏览器时存为 PDF,否则存为内嵌图片的单个网页文件),存到 evidence/编号/ 下并记入页面的 snapshot 字段;"
                                  "--check 只检查链接是否失效或跳转,不做任何改动。",
    "snapshot_links.epilog": "退出码:0 全部正常;1 发现问题(链接失效、跳转、超时、不是网页、太大,或快照无法记入页面);2 参数用法错误。",
    "snapshot_links.help-only": "只处理这些指标,用逗号分隔,例如 N012,N013",
    "snapshot_links.help-check": "只检查链接能否打开、是否跳转,不保存快照、不改动任何文件",
    "snapshot_links.help-refresh": "已有快照的链接也重新抓取(替换原快照文件)",
    "snapshot_links.help-format": "快照格式:auto(默认,有浏览器存 PDF,否则存网页文件)、pdf、html",
    "snapshot_links.metavar-seconds": "秒",
    "snapshot_links.help-timeout": "每个网页最多等待的秒数,默认 30",
    "snapshot_links.help-max-mb": "一个网页连同图片的大小上限(MB),默认 20",
    "snapshot_links.limits-invalid": "--timeout 和 --max-mb 应当是大于 0 的数,例如 --timeout 60。",
    "snapshot_links.check-alone": "--check 只检查链接,不能和 --refresh 或 --format 一起使用。",
    "snapshot_links.site-hint": "用 --site 写明网站目录,例如 python scripts/snapshot_links.py --site D:\\证据站",
    "snapshot_links.pdf-needs-browser": "--format pdf 需要 chromium 浏览器和 Python 包 playwright,本机没有找到。"
                                        "请先安装(见编辑指南“网页快照”),或改用 --format html。",
    "snapshot_links.count-ok": "{link_count} 条正常",
    "snapshot_links.count-saved": "新保存 {saved} 份快照",
    "snapshot_links.redirected-detail": "{hops}到 {final_url} 后,{detail}",
    "snapshot_links.snapshot-file-name": "{indicator_id}/网页快照-{index}-{captured:%Y%m%d-%H%M%S}.{kind}",
    "snapshot_links.kind-html": "网页文件",
    "snapshot_links.page-shape": "页首信息的写法无法自动改动",
    "snapshot_links.write-failed": "文件无法写入({strerror})",
    "snapshot_links.page-not-utf8": "页面不是 UTF-8 编码",
    # --- scripts/bundle.py ---
    "bundle.description": "生成离线包(zip):解压后直接打开 index.html 即可浏览和搜索,不需要网络。",
    "bundle.help-output": "离线包文件名,例如 评审材料.zip",
    "bundle.help-config": "网站设置文件,默认当前目录的 mkdocs.yml",
    "bundle.metavar-key": "私钥",
    "bundle.help-sign": "用本单位的私钥给校验清单签名(见 README“完整性校验”)",
    "bundle.config-missing": "找不到网站设置文件 {config}。请在网站根目录运行,或用 -f 写明 mkdocs.yml 的位置。",
    "bundle.output-not-zip": "离线包文件名要以 .zip 结尾,现在是“{output_name}”。例如:-o 评审材料.zip",
    "bundle.key-missing": "找不到私钥文件 {sign}。生成方法见 README“完整性校验”一节。",
    "bundle.shim-missing": "缺少离线搜索所需的脚本 {iframe_worker_shim_path}。请先在仓库根目录运行 npm ci(需要安装 Node.js)"
                           ",或运行 make test / make serve 自动安装,然后再生成离线包。",
    "bundle.stale-removed": "已删除上次中断时留下的 {stale_count} 个临时网站副本。",
    "bundle.build-errors": "构建有错误(见上方【错误】),没有生成离线包。改正后重新运行。",
    "bundle.shim-not-bundled": "离线包中没有 {target},离线搜索将无法使用;没有生成离线包。请检查 mkdocs.yml 中 offline 插件的设置。",
    "bundle.not-written": "{exc} 没有生成离线包。",
    "bundle.done": "已生成离线包({version}):{output}({megabytes:.1f} MB)。解压后打开 {output_stem}/index.html 即可浏览;"
                   "文件校验值在 {output_stem}/SHA256SUMS。",
    # --- scripts/package.py ---
    "package.description": "生成集中申报用的申报包(zip)和材料汇编(PDF)。\n\n申报包里有:\n  申报材料清单.xlsx   每个指标、"
                           "每项材料、包中的文件名、大小、SHA-256 校验值、缺少什么\n  自评报告.docx       docs/self-assessment.md 转成的 Word(超过 2000 字时不生成申报包)"
                           "\n  材料汇编.pdf        封面、带页码的目录、每个指标一页封面(含二维码)和它的全部材料\n  编号 指标名称/      每个指标一个文件夹:"
                           "1-材料名称.pdf、2-……、情况说明.docx\n                      新闻链接放网页快照和记有网址的 .txt 文件\n\n公开版(默认)"
                           "不含 public: false 的材料和因个人信息不公开的材料,与公开网站完全一致;\n评审专用版(--audience assessor)"
                           "含全部材料。申报系统的文件大小和类型限制在 mkdocs.yml 的\nextra.evidence_site 中设置(upload_file_max_mb、"
                           "upload_total_max_mb、upload_types),\n超过的文件逐个给出修改建议。",
    "package.epilog": "例子:\n  python scripts/package.py -o 申报包.zip\n  python scripts/package.py --audience assessor -o 申报包-评审专用.zip\n  python scripts/package.py --pdf-only -o 材料汇编.pdf\n  python scripts/package.py --site D:"
                      "\\证据站 -o D:\\申报\\申报包.zip\n\n退出码:0 已生成(缺口和建议会列出);1 网站有错误,没有生成;"
                      "2 参数有误、不是证据站目录或无法写入。",
    "package.help-output": "输出文件:申报包以 .zip 结尾;与 --pdf-only 一起用时以 .pdf 结尾",
    "package.help-pdf-only": "只生成材料汇编 PDF,不生成 zip",
    "package.example-pdf": "材料汇编.pdf",
    "package.example-zip": "申报包.zip",
    "package.output-suffix": "输出文件名要以 {wanted} 结尾,现在是“{output_name}”。例如:-o {example}",
    "package.output-in-site": "不能把申报包写进 {folder}/ 文件夹(那里的文件会被当作网站内容发布)。请换一个位置,例如 -o 申报包{wanted}。",
    "package.font-unusable": "{exc}。请换一个 .ttf 或 .ttc 字体文件,例如 --font C:\\Windows\\Fonts\\simhei.ttf。",
    "package.word-compilation": "材料汇编",
    "package.word-package": "申报包",
    "package.site-errors": "网站有 {error_count} 个错误(见上),没有生成{what}。改正后重新运行;python scripts/check.py 可以随时检查。",
    "package.compiled": "已生成材料汇编({edition}):{output}({pages} 页,{size})。",
    "package.compilation-name": "材料汇编",
    "package.packaged": "已生成申报包({edition}):{output}({size}):指标 {section_count} 项,"
                        "材料文件 {items} 个,材料汇编 {pages} 页。解压后先看 {top}/{checklist}。",
    "package.write-failed": "无法写入 {output}:{strerror}。请检查输出位置和写入权限(文件在别的程序中打开着时也无法写入)。",
    "package.no-font": "注意:没有找到可嵌入的中文字体,材料汇编使用 PDF 阅读器自带的宋体;别的电脑上显示不正常时,用 --font 指定字体文件,"
                       "例如 --font C:\\Windows\\Fonts\\simhei.ttf。",
    # --- scripts/verify.py ---
    "verify.description": "按构建时生成的校验清单核对网站文件是否完整、未被改动。",
    "verify.help-site-dir": "构建好的网站目录(如 site/),或复制、解压后的网站目录",
    "verify.help-key": "发布单位的公钥文件(如 发布单位.pub):同时核对校验清单的签名",
    "verify.sums-missing": "{site_dir} 中找不到 {sums}:这不是本系统构建的网站目录,或复制不完整。请写明网站目录,例如 python scripts/verify.py site",
    "verify.sums-unreadable": "{site_dir} 无法读取({exc}):请从原始构建重新复制这个文件。",
    "verify.ignored": "已忽略操作系统生成的文件:{ignored}",
    "verify.fingerprint": "校验清单指纹(exports/SHA256SUMS 的 SHA-256):{fingerprint}",
    "verify.signature-unchecked": "校验清单带有签名 {signature}:加上 --key 发布单位公钥.pub 才能确认它没有连同文件一起被改写。",
    "verify.signature-valid": ",签名有效",
    "verify.passed": "校验通过:{checked} 个文件全部与校验清单一致{signed}。",
    "verify.failed": "校验未通过:缺少 {missing} 个,多出 {added} 个,改动 {changed} 个,证据清单不符 {manifest} 处{extra}。",
    "verify.count-symlink": "符号链接 {count} 个",
    "verify.count-bundle-sums": "离线包清单不符 {count} 处",
    "verify.count-signature": "签名不对",
    # --- scripts/bench.py ---
    "bench.search-query-1": "监测",
    "bench.search-query-2": "行政复议",
    "bench.step-demo": "{size} 个指标:生成示例站点",
    "bench.step-cold": "{size}:冷构建(本站 / 原版 Material / 缓存已热)第 {n}/{runs} 轮",
    "bench.step-serve": "{size}:mkdocs serve 式重建 × {runs}",
    "bench.step-breakdown": "{size}:耗时分解",
    "bench.edit-marker": "基准{run_id}-{n}号",
    "bench.description": "性能基准:本站与原版 Material 对比,结果写入 BENCHMARKS.md。",
    "bench.help-sizes": "指标数,逗号分隔(默认 130,1000,2000,5000)",
    "bench.help-runs": "每个规模的重复次数:一个数,或与 --sizes 一一对应(默认 15,7,3,3:小规模的构建只要几秒,一次干扰就能改变中位数,所以多测几次)",
    "bench.help-workdir": "示例站点和输出(默认 build/bench)",
    "bench.help-output": "报告文件(默认 BENCHMARKS.md)",
    "bench.help-search-size": "在这个规模上测浏览器中的搜索(默认 {search_size})",
    "bench.help-serve-sizes": "在这些规模上测 mkdocs serve 的保存到显示时间(默认 130,1000)",
    "bench.help-no-search": "不测浏览器中的搜索",
    "bench.help-no-serve": "不测 mkdocs serve 的保存到显示时间",
    "bench.help-no-breakdown": "不做耗时分解",
    "bench.help-report-only": "不测量,只用上次的结果(WORKDIR/results.json)重写报告",
    "bench.help-reuse": "沿用上次(WORKDIR/results.json)各规模的构建测量,只重测浏览器中的搜索和 mkdocs serve",
    "bench.sizes-invalid": "--sizes 和 --runs 应为逗号分隔的整数,例如 --sizes 130,1000 --runs 5,3",
    "bench.runs-invalid": "--runs 应为一个数或与 --sizes 个数相同;规模至少 8,次数至少 1",
    "bench.no-results": "没有上次的结果 {saved}",
    "bench.step-search": "{search_size}:浏览器中的搜索",
    "bench.step-serve-save": "{size}:mkdocs serve 保存到显示",
    "bench.written": "已写入 {output}",
    # --- scripts/sign.py ---
    "sign.description": "发布前用本单位的私钥给网站的校验清单签名。",
    "sign.help-site-dir": "构建好的网站目录,例如 site",
    "sign.help-key": "本单位的私钥文件(ssh-keygen 生成,例如 发布单位)",
    "sign.sums-missing": "{site_dir} 中找不到 {sums}:请先构建网站,再写明网站目录,例如 python scripts/sign.py site --key 发布单位",
    "sign.signed": "已签名:{written}。核对方法:python scripts/verify.py {site_dir} --key 发布单位公钥.pub",
    # --- scripts/refresh_vendored.py ---
    "refresh_vendored.description": "按 package-lock.json 固定的版本,从 npm 包更新网站自带的浏览器脚本(hooks/assets/vendor/)。需要 npm;平时构建和预览不需要。",
    "refresh_vendored.npm-missing": "没有找到 npm:请先安装 Node.js,再运行本脚本。网站构建和预览不需要它。",
    "refresh_vendored.download-failed": "下载 npm 包 {package}@{version} 失败:{reason}",
    "refresh_vendored.integrity-mismatch": "npm 包 {package}@{version} 与 package-lock.json 记录的校验值不符,未做任何修改。",
    "refresh_vendored.updated": "已更新 {record_count} 个 npm 包的脚本:{packages}({manifest})。",
    # --- scripts/_bootstrap.py ---
    "bootstrap.argparse-unrecognized": "不认识的参数",
    "bootstrap.argparse-required": "缺少必需的参数",
    "bootstrap.argparse-int": "不是整数",
    "bootstrap.argparse-choice": "不是允许的取值",
    "bootstrap.argparse-one-value": "后面需要一个值",
    "bootstrap.argparse-argument": "参数 ",
    "bootstrap.help-usage": "用法:",
    "bootstrap.help-arguments": "参数:",
    "bootstrap.help-options": "选项:",
    "bootstrap.help-help": "显示本帮助后退出",
    "bootstrap.usage-error": "参数有误:{message}。用法见 python scripts/{prog} --help",
    "bootstrap.not-a-site": "{root} 不是证据站目录:找不到 {docs_dir}/ 文件夹。请在网站根目录运行,或{how_to_name}",
    "bootstrap.unknown-ids": "没有这些编号的指标页面:{unknown}。请核对 --only 后面的编号。",
    # --- scripts/_quiet_banner.py ---
    "quiet_banner.banner-off": "已关闭 Material 主题的英文停止维护提示(对本环境的所有命令有效):{target}",
    # --- scripts/_bench_worker.py ---
    "bench_worker.edit-marker": "\n\n基准测试修改 {n}。\n",
    # --- scripts/make_demo.py ---
    "make_demo.write-failed": "无法写入输出文件夹 {outdir}:{strerror}。请检查路径和写入权限。",
    "make_demo.done": "已生成示例站点:{outdir}({indicators} 个指标)。构建:mkdocs build -f {config}",
    # --- scripts/make_demo.py ---
    "make_demo.outdir-not-folder": "输出位置 {outdir} 已存在且不是文件夹。请换一个文件夹名。",
    "make_demo.outdir-not-empty": "输出文件夹 {outdir} 不是空的,也不是以前生成的示例站点(没有 {marker} 标记文件),为免覆盖已有内容,已停止。请换一个空文件夹或不存在的文件夹。",
    "make_demo.description": "生成一个完整的示例站点(mkdocs.yml、docs/、evidence/),供测试和性能评估使用。",
    "make_demo.help-outdir": "输出文件夹:不存在、为空,或是以前生成的示例站点",
    "make_demo.help-indicators": "三级指标总数(默认 130,至少 8)",
    "make_demo.help-seed": "随机种子(默认 1);参数相同,输出逐字节相同",
    "make_demo.too-few-indicators": "--indicators 至少为 {min_indicators}(示例站点有 8 个一级指标),现在是 {indicators}",
}


say = filler(TEXT)
