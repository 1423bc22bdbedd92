"""What the checks say beyond the findings' own problem and fix: check.py's summary and
verdict, the personal-data review's details, macro and page-macro errors, the finding's
one-line form and location, and the errors box on a page.
"""

from __future__ import annotations

from evidencesite.catalogue import filler

TEXT: dict[str, str] = {
    "site.level-area": "一级指标",
    "site.level-group": "二级指标",
    # --- checks/disclosure.py ---
    "disclosure.kind-video": "视频",
    "disclosure.kind-audio": "音频",
    "disclosure.kind-svg": "矢量图(SVG)",
    "disclosure.kind-image": "图片",
    "disclosure.unreadable-file": "文件无法读取({strerror})",
    "disclosure.rescan-later": "(文件能读取后重新检查即可得到)",
    "disclosure.column-file-name": "文件名",
    "disclosure.scanned-pages": "第 {page_list} 页是图片(扫描件),没有可读取的文字",
    "disclosure.word-etc": "等",
    "disclosure.allow-hint": "核对后确认都不是个人信息的,在 {pii_allow_file} 的 numbers 下逐项加入 file: {rel} 和 sha256: {hashes}。",
    "disclosure.more-pages": " 等 {page_count} ",
    "disclosure.allow-file-top": "最外层只能有 numbers 和 scanned 两项",
    "disclosure.allow-file-item": "这一项应当只有 file、sha256(64 位)和 note",
    # --- checks/images.py ---
    "images.cache-unwritable": "无法写入缓存文件夹 {folder}",
    "images.too-many-pixels": "图片像素过多,超过 image_max_megapixels 设置的上限",
    "images.not-an-image": "不是图片文件,或扩展名与实际格式不符",
    "images.damaged": "文件已损坏或不完整",
    # --- checks/page_macros.py ---
    "page_macros.extra-close": "多了一个 }}",
    "page_macros.unclosed": "{{{{ 或 {{% 没有配对的结束符号",
    "page_macros.unknown-char": "花括号里有无法识别的字符",
    "page_macros.one-macro": "{{{{ 和 }}}} 之间只能写一个宏或变量",
    "page_macros.unknown-tag": "{{% 后面不是认得的写法",
    "page_macros.empty-tag": "{{% 后面缺少内容",
    "page_macros.syntax": "花括号 {{{{ }}}} 或 {{% %}} 的写法不对",
    # --- checks/reviews.py ---
    "reviews.no-comment": "(未写意见)",
    # --- checks/self_assessment.py ---
    "self_assessment.count-over": "字数 {count} / {limit}:超出 {excess} 字,正式构建会失败",
    "self_assessment.count-left": "字数 {count} / {limit}:还可以写 {left} 字",
    "self_assessment.count-rule": "只计读者看到的文字:汉字、字母、数字和标点每个算 1 字,空格、换行和排版符号不算(与 WPS/Word 的“字符数(不计空格)”相同)。这条提示只在草稿构建中显示。",
    # --- checks/summary.py ---
    "summary.column-source": "来源",
    "summary.column-pages": "页面/应有",
    "summary.column-done": "已完成",
    "summary.column-errors": "错误",
    "summary.column-gaps": "缺口",
    "summary.column-advice": "建议",
    "summary.source-undeclared": "{code} (未声明)",
    "summary.row-other": "其他(框架、证据文件)",
    "summary.row-total": "合计",
    "summary.mode-strict": "严格检查",
    "summary.mode-draft": "草稿检查",
    "summary.passed": "{mode}通过:错误 {errors},缺口 {gaps},建议 {advice}。",
    "summary.must-fix-all": "错误、缺口和建议都必须处理",
    "summary.must-fix-errors": "有错误必须修改",
    "summary.failed": "{mode}未通过({what}):错误 {errors},缺口 {gaps},建议 {advice}。",
    "summary.hidden-gaps": "另有 {hidden_gaps} 个指标尚未满足证据要求(缺口),清单见网站“缺口清单”页面,或运行 python scripts/check.py --strict 逐条列出。",
    "summary.heading": "检查汇总:",
    "summary.undated-more": " 等(共 {undated_count} 项)",
    "summary.window-open": "不限",
    # --- presentation/macros.py ---
    "macros.not-a-count": "“{value}”不是个数,这里要写一个不小于 0 的整数。",
    "macros.range-invalid": "“{which}”不是可选的范围,只能是 open、closed 或 all。",
    "macros.wrong-arguments": "参数个数或名称不对(写法应为 {usage})。",
    # --- presentation/publicity.py ---
    "publicity.any-category": "任意分类",
    "publicity.category-item": "categories 第{number}项",
    # --- model/__init__.py ---
    "finding.where-line": " 第{line}行",
    "finding.where-field": " 字段 {field}",
    "finding.one-line": "【{severity}】{location}:{problem} 修改方法:{fix}",
    "finding.item-number": "第{number}项",
    # --- presentation/render.py (the errors box on a page) ---
    "findings-box.title": "本页有 {count} 处错误,正式构建会失败",
    "findings-box.fix-label": "修改方法:",
    "findings-box.withheld": "不公开材料有错误,详见构建日志或 check.py 的输出。",
    # --- presentation/portal.py ---
    "portal.corrections-label": "{corrections}(网站纠错)",
}


say = filler(TEXT)
