"""The staff guide's generated parts, as Markdown: the reference of every message staff can
meet (from `messages.CATALOGUE`, so the guide and the code cannot drift apart) and the
list of macros pages may call (from the registered functions' docstrings, so it grows
when another part of the site registers one).
"""

from __future__ import annotations

import inspect
import string
from collections.abc import Callable, Collection, Mapping
from html import escape

from evidencesite.catalogue.messages import CATALOGUE, Message
from evidencesite.model import Severity

# What each template field stands for, as staff would say it.
PLACEHOLDERS = {
    "reason": "原因", "line": "行号", "first": "行号", "detail": "具体问题", "kind": "类别", "key": "字段名",
    "suggestion": "有相近的写法时,提示“您是不是要写 …?”", "known": "可用的代码或字段", "expected": "应有的写法或数量",
    "received": "实际的写法", "hint": "按具体情况给出的修改方法", "value": "所写的值", "allowed": "允许的取值",
    "name": "文件名", "folder": "文件夹", "stem": "文件名中的编号", "canonical": "规范的编号", "other": "另一个页面",
    "letter": "来源字母", "framework": "指标框架文件", "journal": "导入日志文件 .import-journal.json", "source_name": "来源名称", "source": "来源字母",
    "actual": "实际数量", "missing": "差额", "area": "一级指标代码", "example": "正确写法的例子", "count": "数量",
    "size": "文件大小", "limit": "上限", "key_fix": "按字段给出的修改方法", "problem": "具体的矛盾",
    "fix": "按具体情况给出的修改方法", "excess": "超出的字数",
    "macro": "宏的名字", "call": "宏的写法", "start": "开始日期", "end": "结束日期", "previous": "上一阶段",
    "previous_end": "上一阶段的结束日期",
    "masked": "遮盖后的号码", "allow_file": "人工复核记录文件", "hash": "校验和(哈希)", "examples": "遮盖后的例子",
    "allow_hint": "按情况给出的复核方法", "what": "无法检查的原因", "suffix": "文件格式",
    "unit": "单位名录中的规范名称", "units_file": "单位名录文件",
    "url": "其他网站的网址", "path": "文件路径", "char": "开头的特殊符号", "package": "npm 包名", "consequence": "缺少它的后果",
    "date": "日期", "comment": "初评意见", "title": "证据标题", "id": "指标编号", "on_site": "有实地核查说明时的补充",
    "private_pages": "标为不公开的页面", "docs": "页面文件夹",
    "target": "链接指向的位置", "code_point": "字符编码(如 U+0007)",
    "points": "框架中写的分值", "total": "下属指标页面分值的合计",
}

SEVERITY_NOTES = {
    Severity.ERROR: "格式错误或自相矛盾的输入。草稿构建照常完成,出错的页面顶部列出错误;正式构建(--strict)失败,"
                    "check.py 退出码为 1。",
    Severity.GAP: "还没有做完的工作,不是写错了:尚未满足证据要求,或某个来源的页面数少于应有数。草稿构建计入汇总表并列在"
                  "“缺口清单”页;正式构建失败。",
    Severity.ADVICE: "值得看一看:证据多于 3 项、文件很大、证据文件没有页面引用。草稿构建列在汇总中;正式构建失败。",
}
_ANCHORS = {Severity.ERROR: "errors", Severity.GAP: "gaps", Severity.ADVICE: "advice"}
_BUILTIN_MACROS = "mkdocs_macros"
MACRO_NAMES = ("message_reference", "macro_reference")
"""The guide's own macros (registered by hooks/mkdocs_adapter/staff_guide.py)."""


def message_reference(catalogue: Mapping[str, Message] = CATALOGUE) -> str:
    """Every message, grouped by severity: title, code, problem and fix."""
    out = []
    for severity in Severity:
        messages = [(code, m) for code, m in catalogue.items() if m.severity is severity]
        out += [f"## {severity.label}({len(messages)} 种) {{#{_ANCHORS[severity]}}}", "",
                escape(SEVERITY_NOTES[severity]), ""]
        for code, message in messages:
            out += [f"### {escape(message.title)} {{#{code}}}", "",
                    f'<p class="es-msg"><strong>提示:</strong>【{severity.label}】'
                    f"〈文件〉 〈行号〉 〈字段〉:{_template(message.problem)}</p>",
                    f'<p class="es-msg"><strong>修改方法:</strong>{_template(message.fix)}</p>',
                    f'<p class="es-msg-code">代码:<code>{escape(code)}</code></p>', ""]
    return "\n".join(out)


def macro_reference(macros: Mapping[str, Callable], exclude: Collection[str] = ()) -> str:
    """The macros a page may call, each with its call and its docstring; MkDocs-macros' own left out."""
    own = {name: fn for name, fn in sorted(macros.items())
           if callable(fn) and name not in exclude and not getattr(fn, "__module__", "").startswith(_BUILTIN_MACROS)}
    if not own:
        return "目前还没有注册任何宏。"
    out = []
    for name, fn in own.items():
        call = f"{{{{ {name}{_signature(fn)} }}}}"
        out += [f"### {escape(name)}", "", f"<p><code>{escape(call)}</code></p>", "",
                f"<p>{escape(inspect.getdoc(fn) or '(这个宏没有写说明。)').replace(chr(10) * 2, '</p><p>')}</p>", ""]
    return "\n".join(out)


def _template(text: str) -> str:
    """A catalogue template with each {field} shown as 〈what it stands for〉."""
    parts = []
    for literal, name, _, _ in string.Formatter().parse(text):
        parts.append(escape(literal))
        if name:
            parts.append(f'<span class="es-placeholder">〈{escape(PLACEHOLDERS.get(name, "…"))}〉</span>')
    return "".join(parts)


def _signature(fn: Callable) -> str:
    """'(area, limit=10)': the parameters as a page would write them, without type hints."""
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return "()"
    shown = [p.name if p.default is inspect.Parameter.empty else f"{p.name}={p.default!r}"
             for p in params if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    return "(" + ", ".join(shown) + ")"
