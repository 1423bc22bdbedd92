"""The errors in the site's settings: mkdocs.yml's `extra.evidence_site`, its YAML, and
SITE_AUDIENCE. Raised as ValueError by `model.settings`; the build and every script
print them as they are, naming the setting, the value and the fix.
"""

from __future__ import annotations

from evidencesite.catalogue import filler

TEXT: dict[str, str] = {
    # --- model/settings.py ---
    "settings.not-a-mapping": "evidence_site 应当是缩进的一组“设置: 值”,例如下一行写 large_file_mb: 50。",
    "settings.unknown-setting": "evidence_site 中没有“{unknown}”这项设置。",
    "settings.known-settings": "可用的设置:{kinds}。",
    "settings.sections-not-list": "evidence_site.sections 应当是列表,每项一行,以“- ”开头,例如 - news/。",
    "settings.window-reversed": "evidence_site.evidence_window_end({end})早于 evidence_window_start({start}),请改正其中一个。",
    "settings.what-evidence": "证据文件夹(其中有不公开的材料)",
    "settings.what-pii-reviews": "个人信息复核记录",
    "settings.path-inside-docs": "evidence_site.{setting} 是“{value}”,在 {docs_dir}/ 里(或包含它):{docs_dir}/ 中的文件都会发布到网站上,"
                                 "{what}不能放在那里。请改回默认的 {default}(与 {docs_dir}/ 并列)。",
    "settings.cache-inside": "evidence_site.cache_dir 不能放在 {inside}/ 里(构建从不写入 docs/ 和 evidence/)"
                             ",请改回默认的 .cache/evidence-site。",
    "settings.kind-integer": "整数",
    "settings.kind-number": "数",
    "settings.number-invalid": "evidence_site.{setting} 的值“{value}”无效,应当是大于 0 的{kind}。",
    "settings.date-invalid": "evidence_site.{setting} 的值“{value}”不是日期,应当写成 年-月-日,例如 2016-01-01。",
    "settings.bool-invalid": "evidence_site.{setting} 的值“{value}”无效,只能是 true 或 false。",
    "settings.suffixes-not-list": "evidence_site.{setting} 应当是文件扩展名的列表,每项一行,以“- ”开头,例如 - pdf。",
    "settings.path-invalid": "evidence_site.{setting} 的值“{value}”无效,应当是网站根目录下的相对路径,例如 {default}。",
    "settings.word-or": " 或 ",
    "settings.audience-invalid": "SITE_AUDIENCE 的值“{value}”无效,只能是 {allowed}。",
    "settings.file-not-utf8": "文件不是 UTF-8 编码(可能被记事本存成了 ANSI/GBK)。用记事本“另存为”,编码选 UTF-8。",
    "settings.file-unreadable": "文件无法读取({os_reason})。",
    "settings.where-line": "第{line}行",
    "settings.yaml-syntax": "{where} YAML 格式错误:{detail}。冒号后要有一个空格,缩进只用空格(不要用 Tab),含冒号或 # 的文字要加英文引号。",
}


say = filler(TEXT)
