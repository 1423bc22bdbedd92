"""核查记录: what the assessors were shown on the day of the on-site verification, kept as
data in the repository (`onsite_record` setting, default `onsite-record.yml` at the site
root, outside docs/, so it is never published as a file) and shown on the assessor pages.

    date: 2021-09-10            # 核查日期
    records:
      - id: N001
        item: 1                 # 第几项证据;实地核查说明写 on_site
        shown: 是               # 是 / 否
        note: 原件12卷已查看

Every problem is a finding with file, line and fix, like the pages' own.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from evidencesite.reading import schema
from evidencesite.catalogue.messages import finding
from evidencesite.model import Finding, Indicator, field_label
from evidencesite.model.site import OnsiteCheck
from evidencesite.reading.sourcefile import SourceError, parse_yaml, read_text
from evidencesite.catalogue.reading import say

SHOWN, NOT_SHOWN = say("onsite_record.shown"), say("onsite_record.not-shown")
ON_SITE_ITEM = "on_site"
RECORD_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "required": ["date", "records"],
    "properties": {
        "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "records": {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": ["id", "item", "shown"],
            "properties": {
                "id": {"type": "string", "minLength": 1},
                "item": {"type": ["integer", "string"]},
                "shown": {"enum": [SHOWN, NOT_SHOWN]},
                "note": {"type": "string", "minLength": 1},
            }}},
    },
}


def load_record(root: Path, path: str, indicators: dict[str, Indicator]) -> tuple[dict[str, list[OnsiteCheck]], list[Finding]]:
    """ID -> its checks in file order, and the findings about the file (none when it is absent)."""
    file = root / path
    if not file.is_file():
        return {}, []
    try:
        parsed = parse_yaml(read_text(file, path), path)
    except SourceError as exc:
        return {}, [exc.finding]
    findings = list(parsed.findings)
    data = _normalise(parsed.data)
    findings += schema.validate(data, RECORD_SCHEMA, parsed, path)
    if not isinstance(data, dict) or not isinstance(data.get("date"), str) or not isinstance(data.get("records"), list):
        return {}, findings
    try:
        day = dt.date.fromisoformat(data["date"])
    except ValueError:
        if len(data["date"]) == 10:  # a malformed one has its message from the schema
            findings.append(finding("date-invalid", path=path, line=parsed.line(("date",)), field="date", value=data["date"]))
        return {}, findings
    out: dict[str, list[OnsiteCheck]] = {}
    for i, raw in enumerate(data["records"]):
        if not (isinstance(raw, dict) and isinstance(raw.get("id"), str) and isinstance(raw.get("item"), (int, str))
                and raw.get("shown") in (SHOWN, NOT_SHOWN) and isinstance(raw.get("note", ""), str)):
            continue  # the schema's findings say what is wrong with it
        where = {"path": path, "line": parsed.line(("records", i)), "field": field_label(("records", i))}
        ind = indicators.get(raw["id"])
        if ind is None:
            findings.append(finding("onsite-record-id", value=raw["id"], **where))
            continue
        item = raw["item"]
        if item == ON_SITE_ITEM and ind.on_site:
            number, what = None, ind.on_site
        elif isinstance(item, int) and 1 <= item <= len(ind.evidence):
            number, what = item, ind.evidence[item - 1].title
        else:
            findings.append(finding("onsite-record-item", value=item, id=ind.id, count=len(ind.evidence),
                                    on_site=say("onsite_record.also-on-site") if ind.on_site else "", **where))
            continue
        out.setdefault(ind.id, []).append(OnsiteCheck(ind.id, number, what, raw["shown"] == SHOWN, raw.get("note", "").strip(), day))
    return out, findings


def _normalise(data: Any) -> Any:
    """Dates in other spellings, a number written as text ('1'), true/false for 是/否."""
    if not isinstance(data, dict):
        return data
    out = dict(data)
    out["date"] = schema.normalise_date_text(out.get("date")) if "date" in out else None
    if out["date"] is None:
        out.pop("date")
    if isinstance(out.get("records"), list):
        records = []
        for raw in out["records"]:
            if isinstance(raw, dict):
                raw = dict(raw)
                if isinstance(raw.get("item"), str) and raw["item"].strip().isdigit():
                    raw["item"] = int(raw["item"].strip())
                if isinstance(raw.get("shown"), bool):
                    raw["shown"] = SHOWN if raw["shown"] else NOT_SHOWN
                if isinstance(raw.get("id"), str):
                    raw["id"] = raw["id"].strip().upper()
            records.append(raw)
        out["records"] = records
    return out
