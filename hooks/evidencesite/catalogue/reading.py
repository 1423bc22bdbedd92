"""What reading the site's files says: reasons a file cannot be read, YAML problems, the
labels of fields and kinds of file that findings name, the page and evidence rules'
hints, and the editors' refusals (reading/, text/, files/, editing/, pipeline/).

Keys are `module.what`; `say()` fills the `{placeholders}`. Most of these are parts of
a finding in `messages.CATALOGUE` (its `reason`, `what` or `field`).
"""

from __future__ import annotations

from evidencesite.catalogue import filler

TEXT: dict[str, str] = {
    # --- reading/pages.py ---
    "pages.expected-page-file": "指标页面(.md 文件)",
    "pages.name-invisible-chars": "文件名里有看不见的字符(零宽空格等)。",
    "pages.name-meant": "看起来应当是 {meant}.md。",
    "pages.kind-empty": "空内容",
    "pages.kind-list": "列表",
    "pages.kind-line": "一行文字",
    "pages.hint-on-site": "写明材料存放在哪里、由谁在实地核查时提供,例如“原始卷宗12卷存市司法局档案室,由法治督察科提供”。",
    "pages.hint-none": "写明为什么没有材料,例如“本市本年度未作出此类决策,无相关材料”。",
    "pages.hint-not-applicable": "写明本指标为什么不适用于本单位,例如“本指标针对设区的市政府,县级政府不适用”。",
    "pages.hint-note-length": "(至少 6 个字,不能只写“无”“暂无”“待补充”等)",
    "pages.none-with-evidence": "写了 none(没有相关材料),同时又列了证据。",
    "pages.none-with-evidence-fix": "有材料就删除 none;确实没有材料就删除 evidence。",
    "pages.on-site-and-none": "同时写了 on_site(实地核查时提供材料)和 none(没有相关材料)。",
    "pages.on-site-and-none-fix": "只保留符合实际的一个。",
    "pages.label-on-site": "on_site(实地核查时提供材料)",
    "pages.label-none": "none(没有相关材料)",
    "pages.not-applicable-and": "同时写了 not_applicable(本指标不适用)和 {label}。",
    "pages.not-applicable-and-fix": "指标确实不适用就只保留 not_applicable;否则删除 not_applicable。",
    "pages.no-groups": "(该一级指标下尚未定义二级指标)",
    "pages.placeholder-id": "编号",
    "pages.no-title": "(无标题)",
    "pages.window-open": "不限",
    "pages.undated-item": "{indicator} 第{number}项",
    # --- reading/sourcefile.py ---
    # --- reading/evidence_text.py ---
    "evidence_text.no-suffix": "无扩展名",
    "evidence_text.unreadable-type": "不能自动读取 {suffix} 类型文件的文字",
    "evidence_text.too-large": "文件有 {size:.0f} MB,超过自动检查的上限 {max_bytes:.0f} MB(text_scan_max_mb),没有读取其中的文字",
    "evidence_text.unopenable": "文件无法打开(可能已损坏:{error})",
    "evidence_text.pdf-encrypted": "PDF 已加密,无法读取文字",
    "evidence_text.where-properties": "文档属性",
    "evidence_text.where-page": "第{number}页",
    "evidence_text.where-hidden": "隐藏部分",
    "evidence_text.pdf-attachments": "PDF 带有附件({attachments}),附件内容无法自动检查",
    "evidence_text.where-body": "正文",
    "evidence_text.where-notes": "页眉页脚、脚注或批注",
    "evidence_text.embedded-objects": "文件中嵌入了其他文件或对象({embedded}),其内容无法自动检查",
    "evidence_text.where-sheet": "工作表 {title}",
    "evidence_text.encoding-unknown": "文字编码无法识别",
    # --- reading/docs_files.py ---
    "docs_files.image-unopenable": "图片无法打开({exc})",
    "docs_files.withheld-type": "是 {suffix} 格式的{withheld_types},其中可能带有拍摄位置等信息,构建无法清除",
    "docs_files.unreadable-file": "文件无法读取({strerror})",
    "docs_files.rescan-later": "(文件能读取后重新检查即可得到)",
    "docs_files.column-file-name": "文件名",
    "docs_files.word-etc": "等",
    "docs_files.scanned-pages": "第 {pages} 页是图片(扫描件),没有可读取的文字",
    # --- editing/framework_file.py ---
    "framework_file.header-1": "# 指标框架:来源(及应有页数)、一级指标(领域)、二级指标(分组)。",
    "framework_file.header-2": "# 由 scripts/import_register.py 根据指标体系登记表生成;可以手工修改。",
    # --- editing/page_edit.py ---
    "page_edit.label-id": "id(编号)",
    "page_edit.label-title": "title(指标名称)",
    "page_edit.label-requirement": "requirement(指标要求)",
    "page_edit.label-area": "area(一级指标)",
    "page_edit.label-group": "group(二级指标)",
    "page_edit.label-lead": "lead(牵头单位)",
    "page_edit.label-partners": "partners(配合单位)",
    "page_edit.label-due": "due(时间节点)",
    "page_edit.label-due-text": "due_text(时限说明)",
    "page_edit.label-points": "points(分值)",
    "page_edit.expected-list-or-line": "列表或一行文字",
    # --- editing/snapshot_edit.py ---
    "snapshot_edit.no-front-matter": "页首信息没有用 --- 包起来",
    "snapshot_edit.empty-front-matter": "页首信息是空的",
    "snapshot_edit.evidence-not-list": "evidence 不是逐行书写的列表",
    "snapshot_edit.item-not-mapping": "evidence 第{index}项不是逐行书写的“字段: 值”",
    "snapshot_edit.url-changed": "evidence 第{index}项的 url 已被改动",
    "snapshot_edit.reread-differs": "改动后页面读出的内容不一致",
    "snapshot_edit.evidence-unreadable": "改动前页面的 evidence 无法读取",
    # --- files/fileset.py ---
    "fileset.name-taken-by-folder": "这个名字已被一个文件夹占用",
    # --- files/office.py ---
    "office.not-installed": "这台电脑没有安装 LibreOffice",
    "office.timeout": "LibreOffice 转换超时",
    "office.cannot-start": "LibreOffice 无法启动:{strerror}",
    "office.cannot-convert": "LibreOffice 无法转换这个文件(可能已损坏或有密码)",
    # --- files/zipguard.py ---
    "zipguard.too-many-parts": "压缩包内有 {member_count} 个部件,超过 {max_members} 个,不像正常的 Office 文件(可能是“压缩炸弹”)",
    "zipguard.too-large": "解压后会有 {total:.0f} MB,超过上限 {max_unpacked} MB,不像正常的 Office 文件(可能是“压缩炸弹”)",
    "zipguard.ratio-too-high": "部件 {filename} 压缩比达 {file_size} 倍,超过 {max_ratio} 倍,不像正常的 Office 文件(可能是“压缩炸弹”)",
    # --- text/personal_data.py ---
    "personal_data.kind-id-number": "身份证号码",
    "personal_data.kind-mobile": "手机号码",
    # --- text/textsafety.py ---
    "textsafety.unpaired-bracket": "方括号 [ ] 没有配对(IPv6 地址的写法)",
    "textsafety.bad-port": "端口号不是 0–65535 的数字",
    "textsafety.no-host": "没有网站名称(域名)",
    # --- pipeline/loader.py ---
    "loader.what-framework": "指标框架文件",
    "loader.field-source": "来源",
    "loader.field-area": "一级指标",
    "loader.field-group": "二级指标",
    # --- model/evidence_index.py ---
    "evidence_index.kind-fifo": "命名管道(FIFO)",
    "evidence_index.kind-socket": "套接字(socket)",
    "evidence_index.kind-device": "设备文件",
    "evidence_index.kind-special": "特殊文件",
    # --- reading/history.py ---
    "history.none-yet": "暂无版本记录",
    "history.not-read": "没有读取版本记录",
    "history.not-a-repository": "网站目录不在 Git 仓库中(或本机没有安装 Git)",
    "history.no-commits": "Git 仓库还没有任何提交",
    "history.not-committed": "页面和证据文件还没有提交到 Git",
    # --- reading/onsite_record.py ---
    "onsite_record.shown": "是",
    "onsite_record.not-shown": "否",
    "onsite_record.also-on-site": ",另有实地核查说明 on_site",
    # --- reading/schema.py ---
    "schema.type-string": "一段文字",
    "schema.type-array": "列表(每项一行,以“- ”开头)",
    "schema.type-object": "一组“字段: 值”",
    "schema.type-boolean": "true 或 false",
    "schema.hint-string": "写成一行文字;含冒号或 # 的文字请加英文引号。",
    "schema.hint-array": "写成列表:下一行缩进两格,以“- ”开头,每项一行;只有一项也要写成列表。",
    "schema.hint-object": "写成缩进的“字段: 值”。",
    "schema.hint-boolean": "只写小写的 true 或 false(public: false 表示不公开);不要写 yes/no、是/否。",
    "schema.did-you-mean": "您是不是要写 {meant}?",
    "schema.received-null": "空值",
    "schema.received-list": "列表",
    "schema.received-object": "一组字段",
    "schema.hint-guide": "按编辑指南中的格式填写。",
    "schema.expected-valid": "符合格式的值",
    "schema.pattern-letter": "一个大写英文字母",
    "schema.pattern-integer": "一个整数",
    "schema.pattern-number": "一个数(分值,如 3 或 1.5)",
    "schema.pattern-datetime": "带时区的日期时间,例如 \"2026-12-06T09:30:00+08:00\"",
    "schema.pattern-sha256": "64 位小写十六进制数字(由 scripts/review.py 或 snapshot_links.py 写入,请勿手改)",
}


say = filler(TEXT)
