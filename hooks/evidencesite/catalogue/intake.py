"""The importer's reasons and places (sheet, row, column): the parts `register.py` and
`register_import.py` put into the notices of `register_messages.py`.
"""

from __future__ import annotations

from evidencesite.catalogue import filler

TEXT: dict[str, str] = {
    # --- intake/register_import.py ---
    "register_import.column-area": "一级指标",
    "register_import.column-group": "二级指标",
    "register_import.column-lead": "牵头单位",
    # --- intake/register.py ---
    "register.not-a-workbook": "不是有效的 Excel 工作簿,可能已损坏或是其他格式改了扩展名",
    "register.where-sheet": "{file_name} 工作表“{table_name}”",
    "register.where-row": " 第{row}行",
    "register.where-column": " {column}列",
    "register.sheet-hidden": "这是隐藏的工作表",
    "register.no-header": "没有找到表头",
    "register.sheet-blank": "这是空白工作表",
    "register.kept-on-pages": "由各指标页面维护,不从登记表导入",
    "register.register-only": "只留在登记表中,不写入页面",
    "register.not-imported": "不是登记表导入的内容",
    "register.number-beside-id": "在有“编号”列时不作编号用",
    "register.id-column-empty": "这一列是空的,编号取自“序号”列",
    "register.units-beside-lead-partners": "在有“牵头单位”和“配合单位”列时不导入",
    "register.title-beside-requirement": "在有“指标名称”和“指标内容”列时不导入",
    "register.missing": "缺少",
    "register.beyond": "有超出范围的",
    "register.word-etc": " 等",
}


say = filler(TEXT)
