"""The front-matter and framework schemas, and their errors in staff's words.

Structure, types and vocabularies are checked by JSON Schema (jsonschema); what
depends on other files (the framework, evidence/) is left to `rules`. The enumerations
come from the model's vocabularies, never from literals here.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Any

import jsonschema

from evidencesite.catalogue.messages import finding
from evidencesite.model import EvidenceType, Finding, ReviewResult, Status, field_label
from evidencesite.reading.sourcefile import YamlData
from evidencesite.catalogue.reading import say

_TEXT = {"type": "string", "minLength": 1}
_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_TEXTS = {"type": "array", "items": _TEXT}
_DATETIME = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$"}
_SHA256 = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
POINTS = {"type": "string", "pattern": r"^\d+(?:\.\d+)?$"}  # 分值; scalars are read as text
DATETIME_FORM = re.compile(_DATETIME["pattern"])

EVIDENCE_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["title", "type"],
    "properties": {
        "title": _TEXT,
        "type": {"enum": [t.value for t in EvidenceType]},
        "file": _TEXT,
        "url": _TEXT,
        "public": {"type": "boolean"},
        "date": _DATE,
        "location": _TEXT,
        "snapshot": {  # written by scripts/snapshot_links.py (issue 17b)
            "type": "object",
            "additionalProperties": False,
            "required": ["file", "captured", "sha256"],
            "properties": {"file": _TEXT, "captured": _DATETIME, "sha256": _SHA256},
        },
    },
}

PROBLEM_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["problem", "measure"],
    "properties": {"problem": _TEXT, "measure": _TEXT, "due": _DATE, "closed": _DATE},
}

REVIEW_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["result", "by", "date", "fingerprint"],
    "properties": {
        "result": {"enum": [r.value for r in ReviewResult]},
        "by": _TEXT,
        "date": _DATE,
        "comment": _TEXT,
        "fingerprint": {"type": "string", "pattern": r"^[0-9a-f]{64}$"},
    },
}

PAGE_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "title", "area", "lead", "status"],
    "properties": {
        "id": _TEXT,
        "title": _TEXT,
        "requirement": _TEXT,
        "area": _TEXT,
        "group": _TEXT,
        "lead": _TEXT,
        "partners": _TEXTS,
        "due": _DATE,
        "due_text": _TEXT,
        "points": POINTS,
        "status": {"enum": [s.value for s in Status]},
        "evidence": {"type": "array", "items": EVIDENCE_SCHEMA},
        "on_site": _TEXT,
        "none": _TEXT,
        "not_applicable": _TEXT,
        "problems": {"type": "array", "items": PROBLEM_SCHEMA},
        "review": REVIEW_SCHEMA,
    },
}

FRAMEWORK_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "required": ["sources", "areas"],
    "properties": {
        "edition": _TEXT,
        "sources": {"type": "array", "minItems": 1, "items": {
            "type": "object", "additionalProperties": False, "required": ["code", "name", "expected"],
            "properties": {
                "code": {"type": "string", "pattern": "^[A-Z]$"},
                "name": _TEXT,
                "expected": {"type": "string", "pattern": r"^\d+$"},
                "group_required": {"type": "boolean"},
            }}},
        "areas": {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": ["code", "title"],
            "properties": {
                "code": _TEXT,
                "title": _TEXT,
                "points": POINTS,
                "groups": {"type": "array", "items": {
                    "type": "object", "additionalProperties": False, "required": ["code", "title"],
                    "properties": {"code": _TEXT, "title": _TEXT, "points": POINTS}}},
            }}},
    },
}

# Names staff reach for instead of the contract's, for "did you mean".
FIELD_ALIASES = {
    "编号": "id", "标题": "title", "名称": "title", "指标": "title", "指标内容": "requirement", "要求": "requirement",
    "一级指标": "area", "二级指标": "group", "牵头单位": "lead", "责任单位": "lead", "配合单位": "partners",
    "时间节点": "due", "完成时限": "due", "状态": "status", "证据": "evidence", "材料": "evidence",
    "实地核查": "on_site", "无材料": "none", "问题": "problems", "整改": "problems", "类型": "type",
    "文件": "file", "链接": "url", "网址": "url", "公开": "public", "日期": "date", "存放位置": "location",
    "措施": "measure", "销号": "closed", "lead_unit": "lead", "partner": "partners", "onsite": "on_site",
    "deadline": "due", "link": "url", "problem_list": "problems",
    "不适用": "not_applicable", "不适用说明": "not_applicable", "na": "not_applicable", "初评": "review",
}
VALUE_ALIASES = {
    "完成": "已完成", "已办结": "已完成", "办结": "已完成", "进行中": "推进中", "正在推进": "推进中", "推进": "推进中",
    "未开始": "未启动", "没有启动": "未启动", "文档": "文件", "公文": "文件", "照片": "图片", "相片": "图片",
    "链接": "新闻链接", "新闻": "新闻链接", "网址": "新闻链接", "简介": "情况简介", "情况说明": "情况简介",
    "done": "已完成", "finished": "已完成", "completed": "已完成", "in progress": "推进中", "ongoing": "推进中",
    "doing": "推进中", "todo": "未启动", "not started": "未启动", "file": "文件", "document": "文件", "doc": "文件",
    "pdf": "文件", "photo": "图片", "image": "图片", "picture": "图片", "link": "新闻链接", "url": "新闻链接",
    "news": "新闻链接", "summary": "情况简介",
}

_TYPE_WORDS = {"string": say("schema.type-string"), "array": say("schema.type-array"), "object": say("schema.type-object"),
               "boolean": say("schema.type-boolean")}
_TYPE_HINTS = {
    "string": say("schema.hint-string"),
    "array": say("schema.hint-array"),
    "object": say("schema.hint-object"),
    "boolean": say("schema.hint-boolean"),
}


def did_you_mean(value: str, candidates: list[str], aliases: dict[str, str]) -> str:
    """A “您是不是要写 …?” sentence, or '' when nothing is close."""
    key = unicodedata.normalize("NFKC", str(value)).strip()
    if key.lower() in aliases and aliases[key.lower()] in candidates:
        key = key.lower()
    close = difflib.get_close_matches(key.lower(), candidates, n=1, cutoff=0.6)
    meant = aliases[key] if key in aliases and aliases[key] in candidates else close[0] if close else ""
    return say("schema.did-you-mean", meant=meant) if meant else ""


def _describe(value: Any) -> str:
    if value is None:
        return say("schema.received-null")
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, list):
        return say("schema.received-list")
    if isinstance(value, dict):
        return say("schema.received-object")
    return f"“{value}”"


def validate(data: Any, schema: dict, parsed: YamlData, path: str, indicator: str = "", source: str = "") -> list[Finding]:
    """Every schema violation in `data`, as findings with field and line."""
    out: list[Finding] = []
    validator = jsonschema.Draft202012Validator(schema)
    for error in sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        here = tuple(error.absolute_path)
        common = {"path": path, "indicator": indicator, "source": source}
        kind = error.validator
        if kind == "required":
            for key in error.validator_value:
                if key not in error.instance:
                    out.append(finding("field-missing", line=parsed.line(here), field=field_label((*here, key)), key=key, **common))
        elif kind == "additionalProperties":
            known = list(error.schema["properties"])
            for key in error.instance:
                if key not in known:
                    out.append(finding("field-unknown", line=parsed.line((*here, key)), field=field_label((*here, key)),
                                       key=key, suggestion=did_you_mean(key, known, FIELD_ALIASES),
                                       known="、".join(known), **common))
        elif kind == "enum":
            allowed = [str(v) for v in error.validator_value]
            out.append(finding("field-vocabulary", line=parsed.line(here), field=field_label(here), value=error.instance,
                               suggestion=did_you_mean(str(error.instance), allowed, VALUE_ALIASES),
                               allowed=" / ".join(allowed), **common))
        elif kind in ("minLength", "minItems") or (kind == "type" and error.instance in (None, "")):
            out.append(finding("field-empty", line=parsed.line(here), field=field_label(here), **common))
        elif kind == "type":
            expected = error.validator_value
            out.append(finding("field-type", line=parsed.line(here), field=field_label(here),
                               expected=_TYPE_WORDS.get(expected, expected), received=_describe(error.instance),
                               hint=_TYPE_HINTS.get(expected, ""), **common))
        elif kind == "pattern" and error.validator_value == _DATE["pattern"]:
            out.append(finding("date-format", line=parsed.line(here), field=field_label(here), value=error.instance, **common))
        elif kind == "pattern":
            out.append(finding("field-type", line=parsed.line(here), field=field_label(here),
                               expected=_PATTERN_WORDS.get(error.validator_value, error.validator_value),
                               received=_describe(error.instance), hint=say("schema.hint-guide"), **common))
        else:  # a schema keyword this translation does not know yet: still say where
            out.append(finding("field-type", line=parsed.line(here), field=field_label(here),
                               expected=say("schema.expected-valid"), 
                               received=_describe(error.instance), hint=say("schema.hint-guide"), **common))
    return out


_PATTERN_WORDS = {"^[A-Z]$": say("schema.pattern-letter"), r"^\d+$": say("schema.pattern-integer"),
                  r"^\d+(?:\.\d+)?$": say("schema.pattern-number"),
                  _DATETIME["pattern"]: say("schema.pattern-datetime"),
                  _SHA256["pattern"]: say("schema.pattern-sha256")}

_DATE_FORMS = [
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),  # 20210430, as a date is typed into a form
]


def normalise_date_text(value: Any) -> Any:
    """'2021/4/30', '2021.4.30', '2021年4月30日', '20210430', full-width digits -> '2021-04-30';
    other values unchanged."""
    if not isinstance(value, str):
        return value
    text = unicodedata.normalize("NFKC", value).strip()
    for form in _DATE_FORMS:
        m = form.match(text)
        if m:
            y, mo, d = m.groups()
            return f"{y}-{int(mo):02d}-{int(d):02d}"
    return value
