"""The campaign's phases and fixed time nodes, read from a data file staff edit
(`docs/indicators/phases.yml`, the `phases` setting), and where a date falls in them.

The file is optional: a site without it simply shows no phases. When present it is
checked like the framework: every problem is a finding that names the file, line and
field, and a bad entry is left out rather than guessed at.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from evidencesite.reading import schema
from evidencesite.catalogue.messages import finding
from evidencesite.model import Finding, field_label
from evidencesite.model.phases import Milestone, Phase, Phases
from evidencesite.model.settings import Settings
from evidencesite.reading.sourcefile import SourceError, parse_yaml, read_text

_TEXT = {"type": "string", "minLength": 1}
_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}

PHASES_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "required": ["phases"],
    "properties": {
        "plan": _TEXT,
        "report_day": {"type": "string", "pattern": r"^([1-9]|1\d|2[0-8])$"},
        "phases": {"type": "array", "minItems": 1, "items": {
            "type": "object", "additionalProperties": False, "required": ["name", "start", "end"],
            "properties": {"name": _TEXT, "start": _DATE, "end": _DATE, "tasks": _TEXT}}},
        "milestones": {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": ["date", "what"],
            "properties": {"date": _DATE, "what": _TEXT}}},
    },
}


def load_phases(root: Path, settings: Settings) -> tuple[Phases, list[Finding]]:
    """The phases file of the site at `root`, and every problem in it."""
    path = settings.phases
    file = root / path
    result = Phases(path=path)
    if not file.is_file():
        return result, []
    result.present = True
    try:
        parsed = parse_yaml(read_text(file, path), path)
    except SourceError as exc:
        return result, [exc.finding]
    data = _normalise(parsed.data)
    findings = list(parsed.findings) + schema.validate(data, PHASES_SCHEMA, parsed, path)
    if not isinstance(data, dict):
        return result, findings
    result.plan = data.get("plan") if isinstance(data.get("plan"), str) else ""
    day = data.get("report_day")
    result.report_day = int(day) if isinstance(day, str) and day.isdigit() and 1 <= int(day) <= 28 else None
    for i, raw in enumerate(_dicts(data.get("phases"))):
        start, end = _date(raw.get("start")), _date(raw.get("end"))
        name = raw.get("name") if isinstance(raw.get("name"), str) else ""
        if not (name and start and end):
            findings += _invalid_dates(raw, ("phases", i), parsed, path)
            continue
        where = dict(path=path, line=parsed.line(("phases", i)), field=field_label(("phases", i)))
        if end < start:
            findings.append(finding("phase-dates", **where, name=name, start=start, end=end))
            continue
        previous = result.phases[-1] if result.phases else None
        if previous and start <= previous.end:
            findings.append(finding("phase-overlap", **where, name=name, start=start, previous=previous.name,
                                    previous_end=previous.end))
            continue
        tasks = raw.get("tasks") if isinstance(raw.get("tasks"), str) else ""
        result.phases.append(Phase(len(result.phases) + 1, name, start, end, tasks.strip()))
    for i, raw in enumerate(_dicts(data.get("milestones"))):
        date, what = _date(raw.get("date")), raw.get("what")
        if date and isinstance(what, str) and what.strip():
            result.milestones.append(Milestone(date, what.strip()))
        else:
            findings += _invalid_dates(raw, ("milestones", i), parsed, path)
    result.milestones.sort(key=lambda m: m.date)
    return result, findings


def _normalise(data: Any) -> Any:
    """Dates in the spellings the pages accept; a number like `5` read as text by the schema."""
    if not isinstance(data, dict):
        return data
    out = dict(data)
    for key in ("phases", "milestones"):
        if isinstance(out.get(key), list):
            out[key] = [{k: schema.normalise_date_text(v) for k, v in item.items()} if isinstance(item, dict) else item
                        for item in out[key]]
    return out


def _invalid_dates(raw: dict, where: tuple, parsed, path: str) -> list[Finding]:
    """Dates that look like dates but do not exist (2021-02-30); other problems the schema reported."""
    out = []
    for key in ("start", "end", "date"):
        value = raw.get(key)
        if isinstance(value, str) and len(value) == 10 and value[4] == "-" and _date(value) is None:
            out.append(finding("date-invalid", path=path, line=parsed.line((*where, key)),
                               field=field_label((*where, key)), value=value))
    return out


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


def _dicts(value: Any) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
