"""Why something could not be read, in staff's words: an operating-system error, a YAML
syntax error. The system's and the parser's own words are English; these are what staff
read in a finding, a settings error or a notice.
"""

from __future__ import annotations

import errno

import yaml


_REASONS = {
    errno.ENOENT: "文件不存在,可能是指向已删除文件的快捷方式(符号链接)",
    errno.EACCES: "没有读取权限",
    errno.EPERM: "没有读取权限",
    errno.EISDIR: "这是一个文件夹",
    errno.ELOOP: "快捷方式(符号链接)循环指向自己",
    errno.EIO: "磁盘读取出错",
}


def os_reason(exc: OSError) -> str:
    """Why a file could not be read, in staff's words (the system's own words are English)."""
    return _REASONS.get(exc.errno or 0) or f"系统错误 {exc.errno or type(exc).__name__}"


def yaml_problem(exc: yaml.YAMLError) -> tuple[int | None, str]:
    """(line, what is wrong in Chinese) for a YAML error in a file other than a page."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark else None
    if "\t" in str(exc):
        return line, "这一行用 Tab 键缩进,YAML 只接受空格"
    return line, yaml_detail(exc)


def yaml_detail(exc: yaml.YAMLError) -> str:
    """What a YAML parser's complaint means, in staff's words (the parser's own are English)."""
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    known = {
        "mapping values are not allowed here": "这一行出现了多余的冒号(标题里有英文冒号时,请给整段文字加英文引号)",
        "could not find expected ':'": "缺少“字段: 值”中的冒号,或上一行的引号没有配对",
        "found character '\\t' that cannot start any token": "这一行有 Tab",
        "did not find expected key": "缩进没有对齐,或列表项前缺少“- ”",
        "found unexpected end of stream": "引号没有配对",
        "found undefined alias": "使用了未定义的 * 引用",
        "did not find expected '-' indicator": "列表项的缩进没有对齐",
        "found unknown escape character": "双引号里的反斜杠 \\ 需要写成 \\\\,或改用单引号",
        "expected ',' or ']'": "方括号 [ ] 没有配对:写成一行的列表要以 ] 结束,例如 [市司法局, 市财政局]",
        "expected ',' or '}'": "花括号 { } 没有配对",
        "found unexpected ':'": "这一行出现了多余的冒号(含英文冒号的文字请整体加英文引号)",
        "expected <block end>, but found": "缩进没有对齐,或一段文字的引号后面还有内容(引号要把整段文字包起来)",
        "found character that cannot start any token": "这一行以 YAML 的特殊符号开头(请给整段文字加英文引号)",
        "while scanning a quoted scalar": "引号没有配对",
    }
    for english, chinese in known.items():
        if problem.startswith(english):
            return chinese
    return f"无法解析({problem})"
