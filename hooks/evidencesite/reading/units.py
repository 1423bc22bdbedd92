"""The unit list (单位名录): each unit's canonical name and the other ways offices write
it (`濮阳市司法局` for `市司法局`), kept in `units.yml` beside the framework file.

The file is optional. With it, every lead and partner is written the canonical way on
pages, in the ledgers, in the reports and in the rankings, so one unit is never counted
twice under two names, and a name that is close to a known unit but not on the list gets
a "did you mean". With or without it, joint leads (`市司法局、市委编办`) are a list of
leads, and a lead repeated among the partners counts once, as lead.

    units:
      - name: 市司法局
        aliases: [濮阳市司法局, 市司法行政局]
      - name: 市委编办
        aliases: [中共濮阳市委机构编制委员会办公室]
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from evidencesite.reading import schema
from evidencesite.catalogue.messages import finding
from evidencesite.model import Finding, Indicator, field_label, split_units, unit_key
from evidencesite.model.settings import Settings
from evidencesite.reading.sourcefile import SourceError, parse_yaml, read_text

UNITS_FILE = "units.yml"

_TEXT = {"type": "string", "minLength": 1}
UNITS_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "required": ["units"],
    "properties": {
        "units": {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": ["name"],
            "properties": {"name": _TEXT, "aliases": {"type": "array", "items": _TEXT}}}},
    },
}


def units_path(settings: Settings) -> str:
    """Where the unit list lives: beside the framework file."""
    return str(PurePosixPath(settings.framework).parent / UNITS_FILE)


@dataclass
class UnitList:
    path: str = ""
    present: bool = False
    names: list[str] = field(default_factory=list)
    """The canonical names, in the order of the file."""
    by_key: dict[str, str] = field(default_factory=dict)
    """unit_key of a name or alias -> the canonical name."""

    def canonical(self, name: str) -> str:
        """The canonical name of `name`; a name not on the list stays as written (trimmed)."""
        return self.by_key.get(unit_key(name), name.strip())

    def knows(self, name: str) -> bool:
        return unit_key(name) in self.by_key

    def close_to(self, name: str) -> str:
        """The canonical name `name` is probably a misspelling of, or ''."""
        keys = list(self.by_key)
        close = difflib.get_close_matches(unit_key(name), keys, n=1, cutoff=0.75)
        return self.by_key[close[0]] if close else ""


def load_units(root: Path, settings: Settings) -> tuple[UnitList, list[Finding]]:
    path = units_path(settings)
    file = root / path
    if not file.is_file():
        return UnitList(path), []
    try:
        parsed = parse_yaml(read_text(file, path), path)
    except SourceError as exc:
        return UnitList(path), [exc.finding]
    findings = list(parsed.findings)
    data = parsed.data if parsed.data is not None else {"units": []}
    findings += schema.validate(data, UNITS_SCHEMA, parsed, path)
    result = UnitList(path, present=True)
    for i, raw in enumerate(_dicts(data.get("units") if isinstance(data, dict) else None)):
        name = raw.get("name")
        if not isinstance(name, str) or not name.strip():
            continue
        name = name.strip()
        aliases = [a for a in raw.get("aliases") or [] if isinstance(a, str)] if isinstance(raw.get("aliases"), list) else []
        for j, written in enumerate([name, *aliases]):
            key = unit_key(written)
            owner = result.by_key.get(key)
            if owner is not None and owner != name:
                where = ("units", i, "name") if j == 0 else ("units", i, "aliases", j - 1)
                findings.append(finding("unit-name-twice", path=path, line=parsed.line(where), field=field_label(where),
                                        value=written.strip(), unit=owner))
                continue
            result.by_key[key] = name
        if name not in result.names:
            result.names.append(name)
    return result, findings


def apply(indicators: dict[str, Indicator], units: UnitList) -> list[Finding]:
    """Write every lead and partner the canonical way; advise on a lead repeated among the
    partners and on names close to a known unit. Returns the findings (advice)."""
    out: list[Finding] = []
    for ind in indicators.values():
        where = dict(path=ind.path, indicator=ind.id, source=ind.source)
        leads = [units.canonical(n) for n in split_units(ind.lead)]
        leads = list(dict.fromkeys(leads))
        lead_keys = {unit_key(n) for n in leads}
        partners: list[str] = []
        for name in ind.partners:
            canonical = units.canonical(name)
            if unit_key(canonical) in lead_keys:
                out.append(finding("unit-lead-also-partner", field="partners", value=name.strip(), **where))
                continue
            if unit_key(canonical) not in {unit_key(p) for p in partners}:
                partners.append(canonical)
        if units.present:
            for label, names in (("lead", split_units(ind.lead)), ("partners", ind.partners)):
                for name in names:
                    guess = "" if units.knows(name) else units.close_to(name)
                    if guess:
                        out.append(finding("unit-close-to-known", field=label, value=name.strip(), unit=guess,
                                           units_file=units.path, **where))
        ind.lead = "、".join(leads) if leads else ind.lead
        ind.partners = partners
    return out


def _dicts(value: Any) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
