"""The catalogue of every message `scripts/import_register.py` prints: notices about the
register (errors that block the import, warnings, information) and the lines that
describe what an import changes.

A sibling of `messages.CATALOGUE`, which is about page content: the register is a
spreadsheet, so a notice names the file, sheet, row and column rather than a page and
field. The staff guide (docs/guide/import.md) documents every code here; a test keeps
the two in step.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from evidencesite.catalogue.messages import DROPPED_FIX
from evidencesite.catalogue.finding import Severity


class Level(enum.Enum):
    """How a notice about the register behaves."""

    ERROR = Severity.ERROR.label
    """The register cannot be read as it is: nothing is written."""
    WARNING = "注意"
    """Something staff must look at; the import goes on."""
    INFO = "提示"
    """What the importer did on its own (a column ignored, a sheet skipped)."""


@dataclass(frozen=True)
class Message:
    level: Level
    title: str
    """What the message is about, for the staff guide's index."""
    problem: str
    fix: str


E, W, I = Level.ERROR, Level.WARNING, Level.INFO
_RESAVE = "在 Excel 或 WPS 中打开它,“另存为”Excel 工作簿(.xlsx)后再导入。"

CATALOGUE: dict[str, Message] = {
    # --- the file ------------------------------------------------------------
    "file-unopenable": Message(E, "登记表文件无法打开", "文件无法打开({reason})。",
                               "如果它正在 Excel 或 WPS 中打开,先关闭再导入;文件损坏时请" + _RESAVE),
    "csv-encoding": Message(E, "CSV 文件编码无法识别", "CSV 文件既不是 UTF-8,也不是 GBK 编码。",
                            "在 Excel 或 WPS 中“另存为”,类型选“CSV UTF-8(逗号分隔)”,或直接保存为 .xlsx。"),
    "no-header": Message(E, "找不到表头", "在任何工作表的前 {rows} 行中都找不到表头。",
                         "表头一行至少要有“三级指标”(或“指标内容”“指标名称”)一列,以及“一级指标”“牵头单位”等列中的一列;"
                         "认得的表头见 docs/guide/import.md。"),
    "header-duplicate": Message(E, "两列表头表示同一内容", "{first}列和{second}列都表示“{meaning}”,无法确定用哪一列。",
                                "删除多余的一列,或把其中一列的表头改成别的文字。"),
    # --- one row ---------------------------------------------------------------
    "number-invalid": Message(E, "序号或编号无法识别", "“{value}”不是指标序号。",
                              "写数字(如 7),或写完整编号(来源字母加数字,如 N007)。"),
    "number-missing": Message(E, "序号为空", "这一行有指标内容,但没有序号。", "填写这一指标在本来源中的序号(如 7)。"),
    "number-unknown": Message(E, "无法确定指标序号", "登记表没有序号列,这一行的指标内容开头也没有序号(如“7.”)。",
                              "增加一列“序号”并逐行填写;或在每一行指标内容开头都写上序号。"),
    "source-unknown": Message(E, "来源无法识别", "来源“{value}”不是已知的指标来源。",
                              "写 {known} 之一(也可写来源字母 {letters})。"),
    "source-conflict": Message(E, "来源与编号不一致", "来源是“{name}”,编号 {value} 的字母却是 {letter}。",
                               "改正来源或编号,使编号的字母与来源一致({name}的字母是 {expected})。"),
    "title-missing": Message(E, "没有指标名称", "这一行填了内容,但指标名称为空。",
                             "在{column}列填写指标名称;这一行如果只是说明文字,请删除或移到表格下方空一行以后。"),
    "area-missing": Message(E, "没有一级指标", "这一行没有一级指标(上面各行也没有可以沿用的一级指标)。",
                            "在“一级指标”列填写这一指标所属的一级指标。"),
    "group-missing": Message(E, "没有二级指标", "{source_name}必须有二级指标,这一行没有。",
                             "在“二级指标”列填写这一指标所属的二级指标(合并单元格也可以)。"),
    "lead-missing": Message(E, "没有牵头单位", "这一行没有牵头单位。",
                            "填写牵头单位。若原表用合并单元格,请直接导入 .xlsx 文件(CSV 不保存合并单元格)。"),
    "date-invalid": Message(E, "日期不存在", "“{value}”不是真实存在的日期。", "核对年月日,例如 2 月没有 30 日。"),
    "date-unreadable": Message(E, "时间节点无法识别", "“{value}”不是日期。",
                               "写成 2021-04-30 或 2021年4月30日(也接受 2021年4月底、2021年上半年),或把单元格设为日期格式;"
                               "长期性工作写“长期坚持”。"),
    "id-duplicate": Message(E, "编号重复", "编号 {value} 出现了两次,另一处在{other}。",
                            "核对序号:同一来源中每个序号只能用一次。"),
    "id-gap": Message(E, "编号不连续", "{source_name}共 {count} 行,编号应为 {first}–{last},但{detail}。",
                      "核对序号列,使本来源的序号从 1 开始连续编号;只导入了部分行时请导入完整的登记表。"),
    "area-code-conflict": Message(E, "一级指标编号重复", "一级指标编号“{code}”对应两个不同的名称:“{first}”({other})和“{second}”。",
                                  "统一这两处一级指标的写法(合并单元格里的文字要完全一致)。"),
    "group-code-conflict": Message(E, "二级指标编号重复", "二级指标编号“{code}”对应两个不同的名称:“{first}”({other})和“{second}”。",
                                   "统一这两处二级指标的写法,或改正其中一处的编号。"),
    "group-wrong-area": Message(E, "二级指标不在原来的一级指标下", "二级指标“{code}”属于一级指标 {owner},登记表中这一行却在一级指标 {area} 下。",
                                "核对这一行的一级指标和二级指标;二级指标确实调整了的,改用新的编号或名称。"),
    # --- the site ------------------------------------------------------------------
    "page-unreadable": Message(E, "已有页面无法读取", "{problem}", "{fix} 修好这个页面后再重新导入。"),
    "framework-unreadable": Message(E, "指标框架文件有错误", "{problem}", "{fix} 修好指标框架文件后再重新导入。"),
    "new-page-incomplete": Message(E, "新指标缺少必要的列", "{value} 是新指标,但登记表没有“{column}”列,无法新建页面。",
                                   "在登记表中增加“{column}”列并逐行填写,再重新导入。"),
    "edit-unsafe": Message(E, "页面无法安全修改", "自动修改后无法保证只改动登记表字段,为安全起见没有写入任何文件。",
                           "检查 {path} 页首信息中登记表字段(title、requirement、area、group、lead、partners、due)的写法,"
                           "可改成编辑指南中的简单写法后重新导入。"),
    "page-not-in-register": Message(W, "页面不在登记表中", "{path}({value})不在登记表中,没有删除。{hint}",
                                    DROPPED_FIX + "只是改了编号的,用 --rename 旧编号=新编号 重新导入,"
                                    "页面内容会随编号迁移。"),
    # --- information ---------------------------------------------------------------
    "sheet-skipped": Message(I, "工作表已跳过", "{reason},已跳过。", ""),
    "column-ignored": Message(I, "这一列不导入", "“{header}”{reason},已忽略。", ""),
    "row-skipped": Message(I, "说明行已跳过", "“{value}”是说明或标题行,已跳过。", ""),
    "numbers-shifted": Message(I, "序号按来源重新编号", "{source_name}的序号是全表连续的 {first}–{last},按本来源内的顺序编为 "
                               "{id_first}–{id_last}。", ""),
    "numbers-restarted": Message(I, "序号按一级指标重新编起", "{source_name}的序号在每个一级(或二级)指标下从 1 重新编起"
                                 "(共 {blocks} 段),按登记表中的顺序连续编为 {id_first}–{id_last}。", ""),
    "numbers-by-order": Message(I, "按顺序编号", "登记表没有序号,{source_name}按行的顺序编为 {id_first}–{id_last}。", ""),
    "titles-shortened": Message(I, "标题取自指标内容", "有 {count} 行的指标内容较长:标题取第一句(最多 {limit} 个字),"
                                "全文写入 requirement。", ""),
    "due-ongoing": Message(I, "时间节点不是具体日期", "“{value}”不是具体日期,页面不写 due(时间节点),原文写入 due_text(时限说明)。", ""),
    # --- issue-12a: two-row headers ---
    "title-column-missing": Message(E, "表头中没有指标名称列", "这一行像是表头(有序号、牵头单位等列),但没有“三级指标”“指标内容”或"
                                    "“指标名称”列,这张工作表无法导入。",
                                    "把写指标名称的那一列的表头改为“三级指标”(两行表头时写在下一行),再重新导入。"),
    # --- issue-12a: deadlines as offices write them ---
    "due-this-year": Message(I, "时间节点按创建年度补全", "“{value}”没有写年份,按创建年度 {year} 年记为 {date};原文写入 due_text(时限说明)。", ""),
    "due-recurring": Message(I, "周期性时间节点", "“{value}”是周期性的时间节点({node}),页面不写 due,原文写入 due_text(时限说明),"
                             "“近期时间节点”列出它的下一次。", ""),
    # --- issue-12a: points (分值) ---
    "points-invalid": Message(E, "分值无法识别", "“{value}”不是分值。", "写数字,如 3 或 1.5(可带“分”字)。"),
    # --- issue-12a: re-import that never moves evidence ---
    "renumbered": Message(E, "指标换了编号", "{count} 个指标在登记表中换了编号(删去、插入了行或重新编了序号):{moves}。"
                          "按编号照原样导入,会把这些页面的证据、状态和正文留在别的指标名下,所以没有写入任何文件。",
                          "核对上面的对应关系:无误的,在原命令后加 --apply-renames 按建议导入"
                          "(等同于写 {renames});不对的,改正登记表后重新导入。"),
    "row-dropped": Message(E, "登记表删去了指标", "{path}({value})在登记表中找不到了,它的编号 {id} 现在属于“{title}”。",
                           DROPPED_FIX + "然后重新导入。这个指标只是改了名称的,把登记表中的名称改回,或先在页面上改好 title。"),
    "page-read-only": Message(E, "页面是只读文件", "{path} 是只读文件,导入无法修改它。",
                              "在文件“属性”中取消“只读”,关闭正在打开它的程序,然后重新导入。"),
    "requirement-stale": Message(W, "标题改了,要求没改", "{path} 的标题改为“{title}”,登记表没有指标内容列,"
                                 "页面上的 requirement 仍是原来的文字“{requirement}”。",
                                 "核对 {path} 的 requirement:与新标题不符的,改写或删除这一项。"),
}

# What an import changes, one line each, for the dry run and the real run alike.
CHANGES: dict[str, str] = {
    "page-new": "新建 {path}:{value}",
    "page-update": "修改 {path}:{details}",
    "page-rename": "改编号 {old} → {new}(页面内容随编号迁移,{path})",
    "field-set": "{label} “{old}” → “{new}”",
    "field-add": "增加 {label} “{new}”",
    "field-remove": "删除 {label}(原为“{old}”)",
    "framework-update": "修改 {path}:",
    "framework-new": "新建 {path}:",
    "framework-item": "  - {details}",
    "source-new": "新增来源 {code} {name}(应有 {expected} 项)",
    "source-expected": "{name}({code})应有数量 {old} → {new}",
    "area-new": "新增一级指标 {code} {title}",
    "area-title": "一级指标 {code} 名称 “{old}” → “{new}”",
    "group-new": "新增二级指标 {code} {title}",
    "group-title": "二级指标 {code} 名称 “{old}” → “{new}”",
    "area-points": "一级指标 {code} 分值 {old} → {new} 分",
    "group-points": "二级指标 {code} 分值 {old} → {new} 分",
    "points-value": "{points} 分",
    "points-unset": "未填写",
    "new-points": "(分值 {points} 分)",
    "summary": "合计:新建 {new} 个页面,修改 {changed} 个页面,{same} 个页面无需修改;指标框架{framework}。",
    "framework-same": "无需修改",
    "framework-changed": "有修改",
    "nothing": "登记表与网站一致,没有需要修改的内容。",
    "dry-run": "试运行:以上是将要做的修改,没有写入任何文件。去掉 --dry-run 即可正式导入。",
    "written": "导入完成:写入 {count} 个文件。下一步:运行 python scripts/check.py 检查,再预览网站。",
    "blocked": "登记表有 {count} 处错误,没有写入任何文件。请按上面的提示修改后重新导入。",
    "write-failed": "写入 {path} 失败({reason})。没有修改任何文件:已替换的文件都已恢复原样,临时文件已删除。"
                    "请检查文件是否被其他程序占用、是否只读、磁盘是否已满,然后重新导入。",
    "rename-hint": "登记表中的 {id} 名称相同,可能是改了编号。",
    "page-body": "本页由 scripts/import_register.py 于 {date} 根据指标体系登记表《{register}》创建。",
    # --- issue-12a: re-import that never moves evidence ---
    "move": "{old}“{title}” → {new}",
    "renames-applied": "按建议改编号:{renames}",
    "recovered": "上次导入在写入途中被中断:已把 {restored} 个文件恢复到那次导入之前的样子,删除了 {removed} 个临时文件。",
    "recovered-done": "上次导入已经写完,只是没来得及清理:删除了 {removed} 个临时文件。",
    "recovery-pending": "上次导入在写入途中被中断,网站文件可能只改了一部分。试运行不修改文件;去掉 --dry-run 正式导入时,"
                        "会先把它们恢复到那次导入之前的样子。",
    "recovery-failed": "上次导入在写入途中被中断,恢复时失败({reason}:{path}),没有导入。请关闭正在打开网站文件的程序,"
                       "然后重新运行同一命令。",
    "stray-temps": "删除了 {count} 个以前中断的写入留下的临时文件(在 {folder})。",
    "write-failed-unrestored": "写入 {path} 失败({reason}),恢复原样时也失败了({detail}),网站文件现在可能只改了一部分。"
                               "请关闭正在打开网站文件的程序,然后重新运行同一命令:它会先恢复原样,再导入。",
}

# Usage errors (exit status 2): the command line, not the register, is wrong.
USAGE: dict[str, str] = {
    "file-missing": "找不到登记表文件 {path}。请写明文件路径,例如:python scripts/import_register.py 指标体系.xlsx",
    "file-is-folder": "{path} 是文件夹,不是登记表文件。请写明其中的 .xlsx 或 .csv 文件,例如:python scripts/import_register.py {path}/指标体系.xlsx",
    "file-type": "不能导入 {path}:只接受 .xlsx 或 .csv 文件。.xls、.et 等格式请在 Excel 或 WPS 中“另存为”.xlsx 后再导入。",
    "not-a-site": "{root} 不是证据站目录:找不到 {docs}/ 文件夹。请在网站根目录运行,或用 --site 写明网站目录。",
    "rename-format": "--rename 的写法是 旧编号=新编号(如 --rename N007=N008),“{value}”不符合。",
    "rename-id": "--rename {value}:“{id}”不是规范的指标编号(来源字母加至少三位数字,如 N007)。",
    "rename-twice": "--rename:编号 {id} 出现在两个改编号中。每个旧编号、新编号只能用一次。",
    "rename-no-page": "--rename {value}:找不到页面 {path},无法改编号。",
    "rename-not-in-register": "--rename {value}:新编号 {id} 不在登记表中。",
    "rename-target-exists": "--rename {value}:页面 {path} 已经存在。先处理这个页面(或把它也改编号),再重新导入。",
}


@dataclass(frozen=True)
class Notice:
    """One message about the register: where, what, and how to fix it."""

    level: Level
    code: str
    where: str
    problem: str
    fix: str

    def format(self) -> str:
        head = f"【{self.level.value}】{self.where}:{self.problem}"
        return head + (f" 修改方法:{self.fix}" if self.fix else "")


def notice(key: str, where: str, /, **params: object) -> Notice:
    """The notice `key` with its templates filled from `params`."""
    message = CATALOGUE[key]
    return Notice(message.level, key, where, message.problem.format(**params), message.fix.format(**params))


def change(key: str, /, **params: object) -> str:
    return CHANGES[key].format(**params)


def usage(key: str, /, **params: object) -> str:
    return USAGE[key].format(**params)
