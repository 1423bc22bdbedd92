"""The catalogue of every finding staff can meet: code, severity, problem and fix.

One table serves the build log, `scripts/check.py`, the pages and the staff guide, so
a message and its documented fix cannot drift apart. Templates use `str.format`
fields; `finding()` fills them and fails loudly on a code or field that is not here.
"""

from __future__ import annotations

from dataclasses import dataclass

from evidencesite.catalogue.finding import Finding, Severity

E, G, A = Severity.ERROR, Severity.GAP, Severity.ADVICE


@dataclass(frozen=True)
class Message:
    severity: Severity
    title: str
    """What the message is about, for the staff guide's index."""
    problem: str
    fix: str


# The fix for a page whose indicator the register dropped, word for word the same in
# import_register.py's notices and in check.py's finding afterwards (issue-12a).
DROPPED_FIX = "登记表已删去这一指标的,删除页面 {path}(它引用的证据文件留在 evidence/ 中,不会删除);"

CATALOGUE: dict[str, Message] = {
    # --- reading files -----------------------------------------------------
    "encoding-gbk": Message(E, "文件不是 UTF-8 编码", "文件不是 UTF-8 编码(看起来是 GBK/GB2312,Windows 记事本或 WPS 的默认编码)。",
                            "用记事本“另存为”,编码选 UTF-8;或在 VS Code 右下角点编码,选“通过编码保存”→ UTF-8。"),
    "encoding-utf16": Message(E, "文件是 UTF-16 编码", "文件是 UTF-16 编码(“Unicode”),构建只读 UTF-8。",
                              "用记事本“另存为”,编码选 UTF-8(不要选“Unicode”)。"),
    "encoding-unknown": Message(E, "文件编码无法识别", "文件不是 UTF-8 编码,也无法识别为 GBK。",
                                "用文本编辑器打开后另存为 UTF-8 编码;若是从 Word 复制的内容,请粘贴为纯文本。"),
    "encoding-binary": Message(E, "文件不是文字文件", "文件里有文字文件不会有的字节,看起来是 Word 文档、图片或压缩包改了扩展名。",
                               "用记事本或 VS Code 新建一个文本文件,把内容粘贴进去,保存为 UTF-8 编码的 .md 或 .yml 文件;"
                               "Word 文档请作为证据放到 evidence/ 下,在页面中用 file 引用。"),
    "unreadable": Message(E, "文件无法读取", "文件无法读取({reason})。",
                          "检查文件是否被其他程序占用或没有读取权限;必要时重新复制一份。"),
    "frontmatter-missing": Message(E, "缺少页首信息", "页面开头没有用 --- 包起来的页首信息(front matter)。",
                                   "在文件第一行写 ---,下面逐行写 id、title、area、lead、status 等字段,再用一行 --- 结束;可复制编辑指南里的模板。"),
    "page-empty": Message(E, "页面文件是空的", "文件里什么也没有(0 字节或只有空白),可能保存或上传时中断了。",
                          "重新保存这个页面;没有备份时复制编辑指南里的页面模板,按实际情况填写。"),
    "frontmatter-not-first": Message(E, "页首信息不在第一行", "第一行应当是 ---,现在 --- 写在第{first}行,前面有空行或空格。",
                                     "删除 --- 前面的空行和空格,让 --- 成为文件的第一行。"),
    "frontmatter-dashes": Message(E, "页首信息的分隔线用了中文符号", "第{line}行“{value}”不是三个英文短横线 ---(可能是中文输入法打出的破折号或全角横线)。",
                                  "切换到英文输入法,把这一行改成 ---(三个减号);结束的那一行也要这样写。"),
    "frontmatter-unclosed": Message(E, "页首信息没有结束", "页首信息以 --- 开始,但没有结束的 --- 行。",
                                    "在最后一个字段下面单独写一行 ---,再写正文。"),
    "yaml-tab": Message(E, "页首信息里有 Tab", "第{line}行用 Tab 键缩进,YAML 不接受 Tab。",
                        "把这一行开头的 Tab 换成空格(两个空格为一级缩进);编辑器可设置“用空格代替 Tab”。"),
    "yaml-fullwidth-colon": Message(E, "字段名后用了中文冒号", "第{line}行字段名后面是中文冒号“:”,YAML 只认英文冒号。",
                                    "切换到英文输入法,把“:”改成英文冒号“:”,冒号后面加一个空格,例如 status: 已完成。"),
    "yaml-fullwidth-space": Message(E, "缩进用了全角空格", "第{line}行开头有全角空格(中文输入法的空格),YAML 只认英文空格缩进。",
                                    "删除这一行开头的空格,切换到英文输入法后重新用空格键缩进(两个空格为一级)。"),
    "yaml-colon-space": Message(E, "冒号后面缺少空格", "第{line}行的字段名和冒号后面没有空格,读不出“字段: 值”。",
                                "在冒号后面加一个空格,例如把 status:已完成 改成 status: 已完成。"),
    "yaml-special-start": Message(E, "值以特殊符号开头", "字段 {key} 的值以“{char}”开头,YAML 会把它当作特殊符号,读不出这段文字。",
                                  "给整段文字加英文引号,例如 {key}: \"{value}\"。"),
    "yaml-syntax": Message(E, "页首信息格式错误", "YAML 格式错误:{detail}。",
                           "检查这一行及上一行:冒号后要有一个空格;含冒号、# 或以引号开头的文字要整体加英文引号;列表项以“- ”开头且对齐。"),
    "yaml-not-mapping": Message(E, "页首信息不是“字段: 值”形式", "页首信息应当是一行一个“字段: 值”,现在读到的是{kind}。",
                                "按模板逐行写“字段: 值”(冒号为英文冒号,后接一个空格)。"),
    "yaml-duplicate-key": Message(E, "字段重复", "字段 {key} 写了两次(第{first}行和第{line}行),只能保留一个。",
                                  "删除其中一行,或把两处内容合并。"),
    # --- fields --------------------------------------------------------------
    "field-unknown": Message(E, "未知字段", "不认识的字段 {key}。{suggestion}",
                             "改成合同规定的字段名(小写英文):{known}。"),
    "field-missing": Message(E, "缺少必填字段", "缺少必填字段 {key}。",
                             "在页首信息里加一行“{key}: …”;各字段的含义见编辑指南。"),
    "field-type": Message(E, "字段值的类型不对", "这里应当是{expected},实际写的是{received}。",
                          "{hint}"),
    "field-empty": Message(E, "字段为空", "字段不能为空。", "填写内容,或删除这个可选字段。"),
    "field-vocabulary": Message(E, "取值不在规定范围内", "“{value}”不是允许的取值。{suggestion}",
                                "只能写以下之一:{allowed}。"),
    "date-format": Message(E, "日期格式不对", "“{value}”不是日期。",
                           "写成 年-月-日,例如 2021-04-30(也接受 2021/4/30 和 2021年4月30日)。"),
    "date-invalid": Message(E, "日期不存在", "“{value}”不是真实存在的日期。", "核对年月日,例如 2 月没有 30 日。"),
    # --- identity and framework ---------------------------------------------
    "id-filename": Message(E, "文件名不是指标编号", "指标页面的文件名“{name}”不是指标编号(来源字母 + 至少三位数字,如 N007)。{hint}",
                           "把文件改名为“编号.md”,例如 {example};指标以外的页面请放在 docs/indicators/ 以外。"),
    "page-extension": Message(E, "指标页面的扩展名不对", "“{name}”看起来是指标 {value} 的页面,但扩展名不是 .md,不会作为页面发布。",
                              "改名为 {value}.md(全部小写)。Windows 资源管理器默认隐藏扩展名:在“查看”中勾选“文件扩展名”,"
                              "就能看到记事本另存时加上的 .txt。Word 文档请作为证据放到 evidence/ 下。"),
    "path-is-folder": Message(E, "应当是文件,却是文件夹", "{value} 是一个文件夹,这里应当是{expected}。",
                              "把文件夹改名或移走,再放入{expected};文件夹里的文件请移到合适的位置。"),
    "name-case-clash": Message(E, "文件名只有大小写不同", "{value} 与 {other} 只有字母大小写不同。在 Windows 和 macOS 上它们是同一个文件,"
                               "复制或同步时一个会覆盖另一个。", "删除或改名其中一个,让每个文件名(不计大小写)都不相同。"),
    "id-subfolder": Message(E, "指标页面放在了子文件夹里", "指标页面必须直接放在 docs/indicators/ 下,这里在子文件夹 {folder} 中。",
                            "把文件移到 docs/indicators/,网址 /indicators/编号/ 才能保持不变。"),
    "id-mismatch": Message(E, "编号与文件名不一致", "id 写的是 {value},文件名却是 {stem}。",
                           "把 id 改成 {stem},或把文件改名为 {value}.md。"),
    "id-noncanonical": Message(E, "编号位数不规范", "编号 {value} 应写作 {canonical}(至少三位数字,不多补零)。",
                               "把文件改名为 {canonical}.md,并把 id 改成 {canonical}。"),
    "id-duplicate": Message(E, "编号重复", "编号 {value} 已被 {other} 使用。", "每个编号只能有一个页面:删除或改编号其中一个。"),
    "source-unknown": Message(E, "来源字母未在框架中声明", "编号 {value} 的来源字母 {letter} 不在指标框架中(已声明:{known})。",
                              "改用已声明的来源字母,或在 {framework} 的 sources 中增加这个来源。"),
    "source-out-of-range": Message(E, "编号超出应有数量", "{source_name}应有 {expected} 项,编号 {value} 超出范围。",
                                   DROPPED_FIX + "只是改了编号的,按 docs/guide/import.md 重新导入登记表;"
                                   "若指标体系确有增加,修改 {framework} 中该来源的 expected。"),
    "source-surplus": Message(E, "页面多于框架应有数量", "{source_name}({source})有 {actual} 个页面,框架应有 {expected} 个。",
                              "删除多余页面,或修改 {framework} 中该来源的 expected。"),
    "source-short": Message(G, "来源页面不足", "{source_name}({source})有 {actual} 个页面,框架应有 {expected} 个,还差 {missing} 个。",
                            "导入本市指标体系:python scripts/import_register.py 指标体系.xlsx;或逐个新建页面。"),
    "area-unknown": Message(E, "一级指标代码不存在", "一级指标代码“{value}”不在指标框架中。{suggestion}",
                            "改成框架中的代码:{known}。"),
    "group-unknown": Message(E, "二级指标代码不存在", "二级指标代码“{value}”不在指标框架中。{suggestion}",
                             "改成一级指标 {area} 下的代码:{known}。"),
    "group-wrong-area": Message(E, "二级指标不属于该一级指标", "二级指标 {value} 属于一级指标 {actual},不属于 {area}。",
                                "把 area 改成 {actual},或把 group 改成一级指标 {area} 下的代码:{known}。"),
    "group-missing": Message(E, "缺少二级指标", "{source_name}必须写 group(二级指标代码)。",
                             "加一行 group: \"…\",可选代码:{known}。"),
    # --- evidence ----------------------------------------------------------------
    "evidence-file-and-url": Message(E, "证据同时写了 file 和 url", "一项证据只能有 file 或 url 之一,这里两个都写了。",
                                     "本地文件保留 file;网上的新闻保留 url;若两者都要,拆成两项证据。"),
    "evidence-no-target": Message(E, "证据没有 file 或 url", "这项证据既没有 file 也没有 url。",
                                  "加一行 file: 编号/文件名(文件放在 evidence/ 下),或 url: https://…"),
    "file-absolute": Message(E, "证据路径是绝对路径", "“{value}”是绝对路径,构建只认 evidence/ 下的相对路径。",
                             "把文件复制到 evidence/{folder}/ 下,写成相对于 evidence/ 的路径,例如 {folder}/{name}。"),
    "file-backslash": Message(E, "证据路径用了反斜杠", "“{value}”用了反斜杠 \\ 分隔文件夹。",
                              "把 \\ 改成 /,例如 {example}。"),
    "file-outside": Message(E, "证据路径跑出了 evidence/", "“{value}”指向 evidence/ 以外的位置。",
                            "把文件复制到 evidence/{folder}/ 下,并写 file: {folder}/文件名;不要用 .. 或指向外部的快捷方式(符号链接)。"),
    "file-evidence-prefix": Message(E, "证据路径多写了 evidence/", "“{value}”以 evidence/ 开头,但 file 本来就是 evidence/ 下的路径。",
                                    "去掉开头的 evidence/,写成 file: {actual}。"),
    "file-missing": Message(E, "证据文件不存在", "找不到证据文件 evidence/{value}。",
                            "把文件放到 evidence/{folder}/ 下,或改正文件名(注意扩展名)。"),
    "file-case": Message(E, "证据文件名大小写不一致", "找不到 evidence/{value},但有大小写不同的 evidence/{actual}。",
                         "网站服务器区分大小写:把 file 改成 {actual}。"),
    "file-near": Message(E, "证据文件名写法不一致", "找不到 evidence/{value},但有写法相近的 evidence/{actual}(全角半角、空格或看不见的字符不同)。",
                         "把 file 改成 {actual}(最好从文件管理器中复制文件名)。"),
    "file-broken-link": Message(E, "证据文件是失效的快捷方式", "evidence/{value} 是快捷方式(符号链接),它指向的文件已不存在。",
                                "删除这个快捷方式,把真正的文件复制到 evidence/{folder}/ 下。"),
    "file-is-folder": Message(E, "证据路径是文件夹", "evidence/{value} 是文件夹,不是文件。", "写出文件夹里具体的文件名。"),
    "file-empty": Message(E, "证据文件是空的", "证据文件 evidence/{value} 大小为 0 字节。",
                          "重新导出或复制这个文件(可能上传中断)。"),
    "url-scheme": Message(E, "链接不是 http/https 网址", "“{value}”不是 http 或 https 网址。",
                          "写完整的网址,以 https:// 或 http:// 开头;本地文件请用 file 字段。"),
    "evidence-too-many": Message(A, "证据多于 3 项", "有 {count} 项证据,工作方案要求 1–3 项主要材料。",
                                 "保留最能证明工作成效的 3 项,其余可合并或在正文中说明。"),
    "file-large": Message(A, "证据文件很大", "证据文件 evidence/{value} 有 {size},超过 {limit}。",
                          "压缩 PDF 或图片,或只上传关键页;原件可注明实地核查时提供。"),
    "file-path-long": Message(A, "证据文件路径太长", "evidence/{value} 的路径有 {count} 个字符,超过 {limit}:"
                              "在 Windows 上解压离线包或复制网站时可能因路径太长而失败。",
                              "把文件名改短(保留关键词即可),并修改引用它的 file。"),
    "file-uncited": Message(A, "证据文件没有页面引用", "evidence/{value} 没有被任何指标页面引用。",
                            "在对应指标的 evidence 中引用它,或删除这个文件。"),
    # --- notes and status ------------------------------------------------------
    "note-placeholder": Message(E, "说明是占位文字", "{key} 写的是“{value}”,没有说明实际情况。",
                                "{key_fix}"),
    "note-long": Message(A, "说明太长", "{key} 有 {count} 个字,超过 {limit} 字;页首信息只适合写简短的说明。",
                         "在 {key} 中只写材料存放在哪里、由谁提供(或为什么没有材料),详细情况写在页面正文中。"),
    "note-contradiction": Message(E, "说明自相矛盾", "{problem}", "{fix}"),
    "done-without-evidence": Message(E, "已完成却没有证据", "状态是 已完成,但没有证据,也没有有效的 on_site 或 none 说明。",
                                     "补充 1–3 项证据,或写明实地核查说明(on_site)/无材料说明(none);否则把状态改为 推进中。"),
    "evidence-gap": Message(G, "未满足证据要求", "还没有证据,也没有 on_site 或 none 说明。",
                            "添加 1–3 项证据;材料只能现场查看的写 on_site;确实没有材料的写 none 并说明原因。"),
    # --- personal data and photos (公开版不得出现个人信息) ----------------------------
    # Advice, not errors: the public build already masks or withholds what was found, so
    # nothing leaks; but a person must look, so a strict build fails until someone has.
    "pii-page": Message(A, "页面中有疑似个人信息", "有疑似{kind}({masked}),公开版网页中已遮盖(网址里的号码不会遮盖)。",
                        "是个人信息就从页面中删除或改写;核对后确认不是(例如文号、编号),在 {allow_file} 的 numbers 下加一项:"
                        "file: {path} 和 sha256: {hash}(只记哈希,不写号码本身)。"),
    "pii-evidence": Message(A, "证据文件含疑似个人信息", "证据文件中有 {count} 处疑似个人信息({examples}),公开版不发布这个文件,"
                            "页面上显示“实地核查时提供”。",
                            "把个人信息遮盖(打码)后重新导出文件替换;或把引用它的证据标为 public: false。{allow_hint}"),
    "pii-unscanned": Message(A, "证据文件无法自动检查个人信息", "无法自动检查个人信息:{what}。人工查看前,公开版不发布这个文件。",
                             "请人工查看有无身份证号码、手机号码;确认没有后,在 {allow_file} 的 scanned 下加一项:"
                             "file: {path} 和 sha256: {hash}(这是文件内容的校验和,文件改动后需要重新查看)。"),
    "pii-allow-invalid": Message(E, "个人信息复核记录格式不对", "个人信息复核记录格式不对:{detail}。",
                                 "numbers 和 scanned 下每一项写 file 和 sha256(64 位十六进制,从构建提示中复制),可加 note;"
                                 "不要写号码本身。格式见 README“个人信息”一节。"),
    "photo-format": Message(A, "照片格式无法去除拍摄信息", "照片 evidence/{value} 是 {suffix} 格式,构建无法去除其中的拍摄位置等信息,"
                            "公开版不发布这个文件。", "用画图或手机相册把照片另存为 JPG 或 PNG,替换后修改 file。"),
    "photo-unreadable": Message(E, "图片无法打开", "图片 evidence/{value} 无法打开({reason}),没有发布。",
                                "重新导出或复制这张图片,确认它能在看图软件中打开。"),
    # --- integrity (scripts/verify.py) -----------------------------------------------
    "verify-missing": Message(E, "网站缺少文件", "校验清单中有这个文件,网站里却没有。",
                              "从原始构建重新复制整个网站文件夹(不要只复制一部分)。"),
    "verify-changed": Message(E, "文件与校验清单不符", "文件内容与校验清单不符:{detail}。",
                              "文件在构建后被改动或复制不完整:从原始构建重新复制这个文件,或重新构建。"),
    "verify-extra": Message(E, "网站多出文件", "这个文件不在校验清单中(构建后被加入)。",
                            "确认来源;不属于网站的文件请删除,需要发布的内容请放进 docs/ 或 evidence/ 后重新构建。"),
    "verify-manifest": Message(E, "证据清单与校验清单不一致", "证据清单 exports/evidence-manifest.json 的记录与实际文件不一致:{detail}。",
                               "重新构建网站;不要手工修改 exports/ 中的文件。"),
    "import-interrupted": Message(E, "导入中断,页面只改了一部分",
                                  "上次导入指标体系登记表在写入途中被中断,{docs}/ 中的页面和指标框架可能只改了一部分。",
                                  "重新运行同一条导入命令(python scripts/import_register.py 登记表文件),它会先把页面恢复到"
                                  "那次导入之前的样子再导入;不要手工删除 {journal}。"),
    # --- framework file ---------------------------------------------------------
    "framework-missing": Message(E, "找不到指标框架文件", "找不到指标框架文件 {framework}。",
                                 "从本仓库复制 docs/indicators/framework.yml,或用 scripts/import_register.py 导入指标体系生成。"),
    "framework-empty": Message(E, "指标框架文件是空的", "指标框架文件里什么也没有(0 字节或只有空白、注释),可能保存或上传时中断了。",
                               "从 Git 历史中恢复上一版;或用 python scripts/import_register.py 指标体系.xlsx 重新生成。"),
    "framework-duplicate": Message(E, "框架中的代码重复", "{kind}代码“{value}”出现了两次。", "每个代码只能出现一次,删除或改掉其中一个。"),
    "points-sum": Message(A, "分值与下属指标的分值合计不符", "{kind} {value} 的分值是 {points} 分,其下 {count} 项指标页面的分值合计 {total} 分。",
                          "对照登记表核对:{kind}的分值写错的,改 {framework} 中它的 points(或改登记表后重新导入);"
                          "指标的分值写错的,改相应页面的 points;还有指标没建页面的,补建页面。"),
    # --- what the built site loads -------------------------------------------------
    "offsite-resource": Message(E, "引用了其他网站的资源", "网页会向其他网站请求 {url}(共 {count} 个文件)。在中国大陆或断网时它可能打不开,还会把访问记录交给那个网站。",
                                "把图片、脚本等下载后放进本站,用相对路径引用(图片放在 docs/ 或 evidence/ 下);若来自主题设置,删掉 mkdocs.yml 中引入它的那一项。读者点击的普通链接不受此限制。"),
    "asset-missing": Message(E, "缺少本站自带的脚本", "缺少 {path}(npm 包 {package} 中的文件),网页会改从其他网站加载它{consequence}。",
                             "在网站根目录运行 npm ci(需要安装 Node.js);make serve、make test 会自动运行它。"),
    # --- self-assessment report and news posts -----------------------------------
    "self-assessment-too-long": Message(E, "自评报告超过字数上限", "自评报告有 {count} 字,超过上限 {limit} 字(多 {excess} 字)。",
                                        "删减到 {limit} 字以内。汉字、字母、数字和标点每个算 1 字,空格、换行和排版符号"
                                        "(#、**、链接网址等)不算;草稿构建时自评报告页面顶部显示当前字数。"),
    "post-date-missing": Message(E, "动态没有日期", "这篇动态没有写发布日期 date,不会发布。",
                                 "在页首信息中加一行 date: 2021-01-02(发布日期,年-月-日)。"),
    "post-date-format": Message(E, "动态的日期格式不对", "“{value}”不是“年-月-日”格式的日期,这篇动态不会发布。",
                                "写成 date: 2021-01-02(四位年、两位月、两位日,用 - 连接);动态的日期只接受这种写法。"),
    "post-category-missing": Message(E, "动态没有分类", "这篇动态没有写分类 categories,不会发布。",
                                     "加一行 categories: 并在下一行写“  - 分类名”;可用的分类:{allowed}。"),
    "post-category-unknown": Message(E, "动态的分类不在规定范围内", "分类“{value}”不是规定的分类,这篇动态不会发布。{suggestion}",
                                     "只能写以下之一:{allowed};确需新分类时,在 mkdocs.yml 中 blog 的 categories_allowed 里增加。"),
    # --- phases file and macros (dashboards) -----------------------------------
    "phase-dates": Message(E, "阶段的结束日期早于开始日期", "阶段“{name}”的结束日期 {end} 早于开始日期 {start}。",
                           "核对工作方案中该阶段的起止时间,改正 start 或 end。"),
    "phase-overlap": Message(E, "阶段时间重叠", "阶段“{name}”从 {start} 开始,但上一阶段“{previous}”到 {previous_end} 才结束。",
                             "阶段按时间先后排列且不能重叠:改正日期,或调整阶段的先后顺序。"),
    "macro-unknown": Message(E, "页面中的宏不存在", "页面中写了 {{{{ {macro}(…) }}}},但没有名为 {macro} 的宏或变量。{suggestion}",
                             "改成编辑指南“页面中可用的宏”列出的名称之一:{known};若要原样显示双花括号,用 {{% raw %}} … {{% endraw %}} 包起来。"),
    "macro-argument": Message(E, "宏的参数不对", "{call} 的参数有误:{problem}",
                              "按编辑指南“页面中可用的宏”中的写法填写参数,例如 {example}。"),
    "macro-syntax": Message(E, "宏的写法有误", "页面中的花括号写法无法解析({detail})。",
                            "宏写成 {{{{ 宏名() }}}},前后花括号要成对;若要原样显示花括号,用 {{% raw %}} … {{% endraw %}} 包起来。"),
    # --- issue-12b: unit list (units.yml) ----------------------------------------
    "unit-name-twice": Message(E, "单位名录中一个名称属于两个单位", "“{value}”已经是单位“{unit}”的名称或别名,不能再属于另一个单位。",
                               "在单位名录中只保留一处:删去这一项,或确认它到底是哪个单位的写法。"),
    "unit-lead-also-partner": Message(A, "牵头单位又写在配合单位中",
                                      "“{value}”已是牵头单位,又写在配合单位 partners 中;统计和排名只按牵头单位算一次。",
                                      "从 partners 中删去“{value}”。几个单位共同牵头时,写在 lead 中用顿号隔开,例如 lead: 市司法局、市委编办。"),
    "unit-close-to-known": Message(A, "单位名称与名录中的单位相近",
                                   "单位“{value}”不在单位名录 {units_file} 中,与名录中的“{unit}”相近。您是不是要写 {unit}?",
                                   "是同一个单位:改成“{unit}”,或把“{value}”作为别名加进 {units_file} 中该单位的 aliases;"
                                   "确是另一个单位:把它作为新单位加进 {units_file}。"),
    # --- issue-16: 市级初评 (review records) and evidence dates ----------------
    "review-stale": Message(G, "初评后材料有变动,需复核", "初评后材料有变动,需复核:{value} 于 {date} 初评后,证据清单、说明或所引用文件的内容改动过。",
                            "牵头单位确认改动无误后,请市级初评单位复核并重新记录:"
                            "python scripts/review.py {value} --result 通过 --by 初评单位(或 --result 退回修改 --comment 意见)。"),
    "review-returned": Message(G, "初评退回修改", "市级初评 {date} 退回修改:{comment}",
                               "牵头单位按意见修改证明材料或说明(改动后本指标显示“需复核”),再请市级初评单位复核。"),
    "evidence-date-outside": Message(A, "证据日期不在收集范围内", "证据《{title}》的日期 {value} 不在材料收集范围({start} 至 {end})内。",
                                     "核对 date 是否写错(应当是文件本身的日期);确属范围以外的材料,换成范围内的材料,或在正文中说明为什么仍然引用它。"),
    "onsite-record-id": Message(E, "核查记录中的指标不存在", "核查记录写的指标 {value} 没有页面。",
                                "核对编号(如 N012),写成 docs/indicators/ 中已有页面的编号。"),
    "onsite-record-item": Message(E, "核查记录中的材料序号不对", "指标 {id} 没有第“{value}”项材料(共 {count} 项证据{on_site})。",
                                  "item 写证据的序号(从 1 数起,按页面中 evidence 的顺序);核查的是实地核查说明时写 item: on_site。"),
    # --- issue-17a: declaration package and compiled materials (package.py) ---
    "package-file-too-large": Message(A, "材料超过申报系统的单个文件上限",
                                      "申报包中的 {value} 有 {size},超过申报系统单个文件的上限 {limit}。",
                                      "用 WPS 或 PDF 软件的“压缩”“减小文件大小”功能另存一份,或拆成几个文件分别列为材料;"
                                      "确实无法上传的,在页首信息中写 on_site 注明实地核查时提供。上限在 mkdocs.yml 的 "
                                      "extra.evidence_site.upload_file_max_mb 中设置。"),
    "package-type-not-accepted": Message(A, "申报系统不接受这种文件类型",
                                         "申报包中的 {value} 是 {suffix} 文件,申报系统只接受 {allowed}。",
                                         "用 WPS 或 Word“另存为”PDF,图片另存为 JPG,再在页面中引用新文件;申报系统接受的类型在 "
                                         "mkdocs.yml 的 extra.evidence_site.upload_types 中设置。"),
    "package-total-too-large": Message(A, "申报包超过申报系统的总大小上限",
                                       "申报包中的文件合计 {size},超过申报系统的总大小上限 {limit}。",
                                       "先压缩最大的几个文件(在申报材料清单中按“大小(KB)”一列降序排序即可找到);上限在 "
                                       "mkdocs.yml 的 extra.evidence_site.upload_total_max_mb 中设置。"),
    "package-missing": Message(G, "指标没有可申报的材料",
                               "{value} 没有可申报的证明材料,也没有实地核查或无相关材料的说明;申报包中这个文件夹只有情况说明。",
                               "补充 1–3 项证明材料,或在页首信息中写 on_site(实地核查时提供)或 none(没有相关材料及原因)。"),
    "package-no-snapshot": Message(A, "新闻链接还没有网页快照",
                                   "新闻链接“{value}”还没有网页快照,申报包中只放了记有网址的文件,情况说明中注明了这一点。",
                                   "运行 python scripts/snapshot_links.py 保存网页快照(网页以后被删除或改版时仍有凭据),"
                                   "然后重新生成申报包。"),
    "package-unconverted": Message(A, "Word/Excel 材料没有转成 PDF 放进材料汇编",
                                   "{value} 没有转换成 PDF({reason});材料汇编中用一页说明代替,写明原件在申报包中的位置。",
                                   "安装 LibreOffice(免费)后重新运行;或用 WPS/Word 把它另存为 PDF,在页面中引用 PDF 文件。"),
    "package-unreadable-pdf": Message(A, "PDF 材料无法放进材料汇编",
                                      "{value} 无法读取({reason}),材料汇编中用一页说明代替。",
                                      "用 PDF 阅读器打开检查;有打开密码的 PDF 请去掉密码后重新保存,损坏的文件请重新扫描或导出。"),
    "package-no-report": Message(G, "还没有自评报告",
                                 "{path} 还没有正文,申报包中没有自评报告。",
                                 "在 {path} 中写自评报告(简要介绍主要举措、重要成效和突出亮点,不超过 2000 字),然后重新生成申报包。"),
    # --- issue-17b: news-link snapshots (snapshot field, scripts/snapshot_links.py) ---
    "snapshot-not-link": Message(E, "文件证据写了网页快照", "snapshot(网页快照)只用于新闻链接(url),这一项是文件(file),快照 evidence/{value} 不会显示。",
                                 "删除这一项的 snapshot 几行(文件本身就是证据);快照属于哪条新闻链接,就移到那一项下面。"),
    "snapshot-sha256": Message(E, "网页快照被改动过", "网页快照 evidence/{value} 的内容与页面记录的校验和 {hash} 不一致:快照抓取后被改动或替换过,不再发布。",
                               "不要修改快照文件。从版本库(Git)历史中恢复原来的快照文件;或运行 python scripts/snapshot_links.py "
                               "--only 本指标编号 --refresh 重新抓取(原网页仍能打开时)。"),
    "link-unreachable": Message(E, "新闻链接打不开", "打不开 {url}:{reason}。",
                                "在浏览器中打开这个网址核对:网址写错的请改正;网站暂时打不开的稍后重新运行;"
                                "新闻已被删除的,找到转载或存档的页面改写 url,或把材料下载后改为文件证据。"),
    "link-dead": Message(E, "新闻链接已失效", "{url} 已失效:网站回答 {detail}。",
                         "在网站上搜索这条新闻的新网址并改写 url;已被删除的,找到转载页面,或把留存的材料改为文件证据"
                         "(已有网页快照的,快照仍然有效)。"),
    "link-moved": Message(A, "新闻链接已跳转", "{url} 跳转到了 {value}({detail})。",
                          "打开新网址核对是不是同一篇新闻:是的,把 url 改成新网址;跳到了网站首页或“页面不存在”的,"
                          "说明原新闻已删除,按“新闻链接已失效”处理。"),
    "link-timeout": Message(E, "新闻链接打开超时", "{url} 在 {limit} 秒内没有打开(网站太慢或没有响应)。",
                            "稍后重新运行;网站一直很慢时加 --timeout 60 放宽时限。"),
    "link-not-html": Message(E, "新闻链接不是网页", "{url} 打开的不是网页,而是{kind},没有保存快照。",
                             "把这个文件下载下来放到 evidence/本指标编号/ 下,这一项改用 file 引用、类型写“文件”。"),
    "link-too-large": Message(E, "新闻网页太大", "{url} 的网页及其图片超过 {limit},没有保存快照。",
                              "核对网址是否指向新闻正文(而不是视频或下载);确需保存时加 --max-mb 放宽上限。"),
    "snapshot-record-failed": Message(E, "网页快照无法记入页面", "网页已抓取,但快照无法记入页面:{detail}。快照没有保存,页面没有改动。",
                                      "把 evidence 改成标准的列表写法(每项以“- ”开头、字段各占一行),改正后重新运行 snapshot_links.py。"),
    # --- issue-13a: every output channel and every published file reviewed ------------
    "evidence-public-conflict": Message(E, "同一文件既公开又不公开", "证据文件 {value} 在 {private_pages} 中标为不公开(public: false),"
                                        "这里却公开引用;公开版两处都不发布这个文件。",
                                        "一个文件只要有一处不公开,就处处不公开:确实不能公开的,这里也写 public: false;"
                                        "可以公开的,改正 {private_pages} 中的 public: false。"),
    "media-format": Message(A, "视频、音频或矢量图不在公开版发布", "文件 {path} 是 {suffix} 格式的{kind},其中可能带有拍摄位置、"
                            "录制设备或脚本、隐藏文字,构建无法清除,公开版不发布这个文件。",
                            "需要公开的,把视频、音频的内容写进页面正文或截图另存为 JPG;矢量图另存为 PNG 后替换 file;"
                            "只在实地核查时展示的,给这项证据写 public: false。"),
    "docs-link-outside": Message(E, "页面文件夹中的链接指向别处", "这是一个符号链接(快捷方式),指向 {docs}/ 以外的位置;"
                                 "它指向的内容不会发布。",
                                 "把需要发布的页面复制到 {docs}/ 里,再删除这个链接;证据文件放在 evidence/ 下,在页面中用 file 引用。"),
    "macro-not-allowed": Message(E, "页面正文不能读取设置和页首信息", "页面中写了 {{{{ {macro} … }}}}:页面正文只能调用本站的宏,"
                                 "不能读取页首信息、网站设置或构建环境(其中有不公开的材料、本机路径和提交人信息)。",
                                 "删除这处花括号,要显示的内容直接写在正文中;可用的宏:{known};"
                                 "若要原样显示双花括号,用 {{% raw %}} … {{% endraw %}} 包起来。"),
    "docs-file-pii": Message(A, "页面文件夹中的文件含疑似个人信息", "这个文件放在 {docs}/ 中,会原样发布;其中有 {count} 处疑似个人信息"
                             "({examples}),公开版不发布这个文件。",
                             "把个人信息遮盖后重新导出替换;不需要公开的材料移到 evidence/ 下,在页面中用 file 引用并写 public: false。"),
    "docs-file-unscanned": Message(A, "页面文件夹中的文件无法自动检查", "这个文件放在 {docs}/ 中,会原样发布;{what},"
                                   "人工查看前公开版不发布这个文件。",
                                   "请人工查看有无个人信息和不公开的内容;确认可以公开后,在 {allow_file} 的 scanned 下加一项:"
                                   "file: {path} 和 sha256: {hash}(文件改动后需要重新查看)。"),
    "docs-file-format": Message(A, "页面文件夹中的文件不在公开版发布", "这个文件放在 {docs}/ 中:{what},公开版不发布这个文件。",
                                "图片另存为 JPG 或 PNG 后替换;视频、音频的内容写进页面正文;只在实地核查时展示的材料移到 evidence/ 下,"
                                "在页面中用 file 引用并写 public: false。"),
    # --- issue-13b: bounded inputs, hostile text, integrity ---------------------
    "yaml-alias": Message(E, "页首信息里用了 YAML 引用", "页首信息里用了 YAML 的引用写法(&名称 定义、*名称 引用),"
                          "引用可以层层展开成极大的内容,构建和检查都不读这种写法。",
                          "删除 & 和 * 开头的引用,把要重复的内容直接写出来。"),
    "verify-symlink": Message(E, "网站里有符号链接", "这是一个符号链接(指向 {target}),构建不会生成符号链接,它是构建后被加入的。",
                              "删除这个链接;从原始构建重新复制网站文件夹(复制时不要保留链接)。"),
    "verify-bundle-sums": Message(E, "离线包的校验清单不符", "离线包的校验清单 SHA256SUMS 与网站不一致:{detail}。",
                                  "从原始离线包重新解压;不要手工修改 SHA256SUMS。"),
    "verify-signature": Message(E, "校验清单的签名不对", "{detail}:校验清单可能在签名后被改写,或不是这个单位签的名。",
                                "向发布单位索取原始网站或离线包,并核对公钥是否是发布单位公布的那一个。"),
    "url-invalid": Message(E, "网址无法打开", "“{value}”不是有效的网址:{reason}。",
                           "从浏览器地址栏重新复制完整网址,例如 https://www.puyang.gov.cn/news/123.html。"),
    "text-control-char": Message(E, "文字里有看不见的控制字符", "这里有看不见的控制字符 {code_point}(常见于从网页、终端或 Word 域代码复制的文字),"
                                 "会使导出的表格和网页出错;构建时已把它去掉。",
                                 "删除这段文字后重新输入(不要粘贴),或粘贴为纯文本。"),
    "file-special": Message(E, "证据文件不是普通文件", "evidence/{value} 是{kind},不是普通文件,读取它会使构建停住;没有发布。",
                            "删除它,换成真正的文件(从原处重新复制一份)。"),
    "page-special": Message(E, "页面文件不是普通文件", "这是{kind},不是普通文件,读取它会使构建停住;没有读取。",
                            "删除它,重新保存一个 UTF-8 编码的 .md 文件。"),
    # --- integration: the footer settings, reported by check.py and the build alike -------
    "portal-unknown-key": Message(E, "页脚设置名写错", "extra.portal 中有不认识的设置 {key},页脚不会显示它。",
                                  "改成以下之一:{allowed}。"),
    "portal-url": Message(E, "网站纠错链接不是网址", "extra.portal.corrections_url 不是以 http:// 或 https:// 开头的网址"
                          "(现在是“{value}”),页脚不显示网站纠错链接。",
                          "填写政府网站找错平台给本站的完整地址,以 https:// 开头。"),
}

# Build notices: said in the log, counted nowhere, never failing a build.
NOTICES: dict[str, str] = {
    "section-empty": "【提示】{framework} {kind} {code} {title}:还没有任何指标页面,本次构建不发布这一栏目(导航中没有它)。"
                     "给它新建指标页面后会自动出现。",
    # --- issue-14: public reading experience ---
    "participation-unreachable": "【提示】{path}:群众参与页面没有写任何联系方式(电话、邮箱、地址或网址),mkdocs.yml 的 "
                                 "extra.portal.contact 也是空的,读者无法联系到任何人,本次构建不发布这一页面。"
                                 "修改方法:在 extra.portal.contact 写上受理电话和邮箱,或在页面正文中写明联系方式。",
    # --- issue-17b: news-link snapshots (scripts/snapshot_links.py) ---
    "snapshot-saved": "【已保存】{page} {item}“{title}”:网页快照 evidence/{file}({kind},{size}),已记入页面。",
    "snapshot-kept": "【已有快照】{page} {item}“{title}”:已有 {captured} 的快照,没有重新抓取(要重新抓取请加 --refresh)。",
    "link-ok": "【正常】{page} {item}“{title}”:{url} 可以打开。",
    "snapshot-browser-missing": "【提示】没有找到可用的浏览器(chromium 和 Python 包 playwright),快照保存为单个网页文件(.html,图片已内嵌),"
                                "不是 PDF。要保存 PDF,请安装 chromium 和 playwright。",
    "snapshot-browser-failed": "【提示】浏览器无法启动({reason}),快照改为保存单个网页文件(.html,图片已内嵌)。"
                               "要保存 PDF,请检查 chromium 能否正常打开,或重新安装 playwright。",
    "snapshot-print-failed": "【提示】{url} 无法打印为 PDF({reason}),这一份快照改为保存单个网页文件(.html)。",
    "snapshot-none": "没有需要处理的新闻链接:所选指标页面中没有写了 url 的证据。",
    "snapshot-summary": "共 {total} 条新闻链接:{done},{problems} 条有问题。",
    "snapshot-site-errors": "【提示】页面本身有 {count} 处错误(见 python scripts/check.py),有错误的证据项不会抓取快照。",
}

# --- issue-16: what scripts/review.py prints --------------------------------
# Usage errors (exit 2), pages it cannot record a review in (exit 1), and its results.
REVIEW_TEXT: dict[str, str] = {
    "not-a-site": "{root} 不是证据站目录:找不到 {docs}/ 文件夹。请在网站根目录运行,或用 --site 写明网站目录。",
    "result": "--result “{value}”不是初评结果。{suggestion}只能写 通过 或 退回修改。",
    "unit-empty": "--by 没有写初评单位。请写单位全称,例如 --by 市委依法治市办。",
    "unit-bad": "--by “{value}”不是单位名称({reason})。请写单位全称,例如 --by 市委依法治市办。",
    "comment-needed": "退回修改必须写明意见:加 --comment “需要修改什么”,例如 --comment \"缺少2021年度会议纪要\"。",
    "comment-bad": "--comment “{value}”没有说明具体意见。请写明需要修改什么(至少 6 个字)。",
    "date": "--date “{value}”不是日期。写成 年-月-日,例如 --date 2021-07-15;不写则为今天。",
    "id-unknown": "找不到指标 {value}(docs/indicators/{value}.md 不存在)。{suggestion}请核对编号,编号写法如 N012。",
    "page-unreadable": "【错误】{path}:页面无法读取,不能记录初评。{problem} 修改方法:{fix}",
    "page-errors": "【错误】{path}:页面有 {count} 处错误(运行 python scripts/check.py 查看),不能记为“通过”。"
                   "修改方法:先改正页面错误再初评;或用 --result 退回修改 说明需要改什么。",
    "page-shape": "【错误】{path}:页首信息的写法(例如用花括号写在一行)无法只改 review 而不动其他内容,没有写入。"
                  "修改方法:把页首信息改成一行一个“字段: 值”的写法后重新运行。",
    "blocked": "有 {count} 个指标无法记录初评,没有写入任何文件(几个编号要么全部记录,要么都不记录)。请按上面的提示处理后重新运行。",
    "write-failed": "写入失败({reason}),没有改动任何页面。请检查文件是否被其他程序占用、磁盘是否已满,然后重新运行。",
    "recorded": "已记录初评:{value} {title} —— {result}({by},{date}){was}",
    "was-stale": ",此前的初评因材料变动需复核,现已复核",
    "was": ",替换了 {date} 的初评({result})",
    "done": "完成:记录 {count} 个指标的初评。构建评审版(SITE_AUDIENCE=assessor)可在“初评情况”页查看。",
}

NOTICES["evidence-undated"] = ("【提示】材料收集范围 {start} 至 {end}:有 {count} 项证据没有写日期(date),无法判断是否在范围内:"
                               "{items}。请在这些证据下写 date: 年-月-日(文件本身的日期)。")


def review_text(key: str, /, **params: object) -> str:
    return REVIEW_TEXT[key].format(**params)


def finding(code: str, *, path: str, line: int | None = None, field: str = "",
            indicator: str = "", source: str = "", **params: object) -> Finding:
    """Build the finding for `code` with its templates filled from `params`."""
    message = CATALOGUE[code]
    params = {"line": line, "field": field, "path": path, "indicator": indicator, "source": source, **params}
    return Finding(
        severity=message.severity,
        code=code,
        path=path,
        line=line,
        field=field,
        problem=message.problem.format(**params),
        fix=message.fix.format(**params),
        indicator=indicator,
        source=source,
    )
