"""Merging the indicator register into the site: the framework file and one page per
indicator, every new text prepared in memory before anything is written.

What an import may change, and nothing else:

- On a page, the register fields: title, requirement, area, group, lead, partners, due
  (and id, for a page renamed with an explicit mapping). Only the lines of fields whose
  value changes are edited (`yamledit`); status, evidence, notes, problems, the prose,
  comments, key order, quoting, BOM and line endings stay byte for byte. A field whose
  column the register does not have is left as the page has it.
- In the framework, a source's `expected` (the number of register rows of that source),
  new sources, area and group titles and points (分值, where the register writes them),
  new areas and groups. What the register does not
  mention (the W source and its groups, say) stays.
- A page for every indicator that has none, holding only what the register says.

Pages of a source the register covers but missing from it are reported, never deleted.

Area and group codes (documented for staff in docs/guide/import.md):
1. a heading whose title matches an existing area (or a group of that area) keeps its code;
2. else its numbering gives the code: 一、/ 1、 -> "1"; (一) under area 1 -> "1.1";
   an explicit "1.2" or "W1.1" is used as written; areas of a source other than the
   national one carry its letter ("P1", "P1.2"), so numbering that starts again on the
   provincial or city sheet never collides with, renames or fills a national area;
3. else its position in the register ("3", "3.2"; "P3"), or the next free number.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evidencesite.editing import yamledit
from evidencesite.editing.framework_file import edit_framework, framework_text
from evidencesite.loading.loader import load_framework
from evidencesite.catalogue.messages import finding
from evidencesite.model import ID_PATTERN, Area, Framework, Group, Severity, Source, canonical_id
from evidencesite.editing.page_edit import edit_page, new_page, points_text
from evidencesite.intake.register import (
    DEFAULT_SOURCE, Heading, Register, RegisterRow, match_key, read_register, source_of,
)
from evidencesite.intake.register_cells import one_line
from evidencesite.intake.register_identity import identify
from evidencesite.catalogue.register_messages import Level, Notice, change, notice, usage
from evidencesite.model.settings import Settings
from evidencesite.reading.sourcefile import SourceError, decode, split_page
from evidencesite.reading.units import load_units, split_units
from evidencesite.catalogue.intake import say

COLUMN_NAMES = {"area": say("register_import.column-area"), "group": say("register_import.column-group"),
                "lead": say("register_import.column-lead")}


@dataclass
class Plan:
    """Everything an import would do: the files to write and delete, and what to tell staff."""

    writes: dict[Path, bytes] = field(default_factory=dict)
    deletes: list[Path] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    usage_errors: list[str] = field(default_factory=list)
    new: int = 0
    changed: int = 0
    same: int = 0
    framework_changed: bool = False

    @property
    def errors(self) -> list[Notice]:
        return [n for n in self.notices if n.level is Level.ERROR]

    def summary(self) -> str:
        state = change("framework-changed" if self.framework_changed else "framework-same")
        return change("summary", new=self.new, changed=self.changed, same=self.same, framework=state)


def prepare_import(root: Path, settings: Settings, register_file: Path, renames: dict[str, str],
                   today: dt.date, apply_renames: bool = False) -> Plan:
    """Read the register and plan the import; nothing is written. `apply_renames` accepts
    the moves `register_identity` finds (otherwise they stop the import)."""
    plan = Plan()
    findings: list = []
    framework = load_framework(root, settings, findings)
    broken = [f for f in findings if f.severity is Severity.ERROR and f.code != "framework-missing"]
    plan.notices.extend(notice("framework-unreadable", f.location(), problem=f.problem, fix=f.fix) for f in broken)
    register = read_register(register_file, framework, campaign_year(framework, today))
    plan.notices[:0] = register.notices
    if plan.errors:
        return plan
    _Planner(root, settings, framework, register, dict(renames), today, plan, apply_renames).run()
    return plan


# ---------------------------------------------------------------------------
# Planning
# ---------------------------------------------------------------------------


class _Planner:
    def __init__(self, root: Path, settings: Settings, framework: Framework, register: Register,
                 renames: dict[str, str], today: dt.date, plan: Plan, apply_renames: bool = False) -> None:
        self.root = root
        self.settings = settings
        self.framework = framework
        self.register = register
        self.renames = renames
        self.today = today
        self.plan = plan
        self.apply_renames = apply_renames
        self.folder = root / settings.indicators_dir
        self.pages = _existing_pages(self.folder)
        self.units = load_units(root, settings)[0]

    def run(self) -> None:
        codes = _Codes(self.framework, self.register.rows, self.plan.notices)
        sources = self._sources()
        if not self._check_renames() or self.plan.errors:
            return
        if not self._follow_content() or not self._check_renames():
            return
        moved = {new: self.pages[old] for old, new in self.renames.items()}
        pages = {**{i: p for i, p in self.pages.items() if i not in self.renames}, **moved}
        row_ids = {r.id for r in self.register.rows}
        titles = {match_key(r.title): r.id for r in self.register.rows}
        for row in self.register.rows:
            self._page(row, codes, pages.get(row.id))
        for old, new in self.renames.items():
            if old not in moved:
                self.plan.deletes.append(self.pages[old])
        for ident, path in pages.items():
            if ident[0] in self.register.source_names and ident not in row_ids:
                title = _page_title(path)
                hint = change("rename-hint", id=titles[match_key(title)]) if match_key(title) in titles else ""
                self.plan.notices.append(notice("page-not-in-register", self._rel(path), path=self._rel(path),
                                                value=f"{ident} {title}".strip(), hint=hint))
        self._framework(codes, sources)

    def _rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    # --- sources ---------------------------------------------------------------------

    def _sources(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for row in self.register.rows:
            counts[row.source] = counts.get(row.source, 0) + 1
        return counts

    # --- renames ---------------------------------------------------------------------

    def _check_renames(self) -> bool:
        row_ids = {r.id for r in self.register.rows}
        errors = self.plan.usage_errors
        for old, new in self.renames.items():
            value = f"{old}={new}"
            if old not in self.pages:
                errors.append(usage("rename-no-page", value=value, path=f"{self.settings.indicators_dir}/{old}.md"))
            if new not in row_ids:
                errors.append(usage("rename-not-in-register", value=value, id=new))
            if new in self.pages and new not in self.renames:
                errors.append(usage("rename-target-exists", value=value, path=f"{self.settings.indicators_dir}/{new}.md"))
        return not errors

    # --- identity: pages follow their titles, not their numbers ----------------------

    def _follow_content(self) -> bool:
        """Stop (or, with apply_renames, rename) when titles moved to other numbers."""
        after = {**{i: p for i, p in self.pages.items() if i not in self.renames},
                 **{new: self.pages[old] for old, new in self.renames.items()}}
        titles = {i: _page_fields(p).get("title", "") for i, p in after.items()}
        moves: dict[str, str] = {}
        row_titles = {r.id: r.title for r in self.register.rows}
        for code in self.register.source_names:
            identity = identify({i: t for i, t in row_titles.items() if i[0] == code},
                                {i: t for i, t in titles.items() if i[0] == code})
            moves.update(identity.moves)
            for ident in identity.dropped:
                rel = self._rel(after[ident])
                self.plan.notices.append(notice("row-dropped", rel, path=rel, value=f"{ident} {titles[ident]}",
                                                id=ident, title=row_titles[ident]))
        if not moves:
            return not self.plan.errors
        before = {new: old for old, new in self.renames.items()}
        combined = {old: new for old, new in self.renames.items() if new not in moves}
        combined.update({before.get(page, page): row for page, row in moves.items()})
        listing = " ".join(f"--rename {old}={new}" for old, new in combined.items())
        if self.apply_renames and not self.plan.errors:
            self.renames = combined
            self.plan.lines.append(change("renames-applied", renames=listing))
            return True
        described = ";".join(change("move", old=page, title=titles[page], new=row) for page, row in moves.items())
        self.plan.notices.append(notice("renumbered", self.register.path.name, count=len(moves), moves=described,
                                        renames=listing))
        return False

    # --- pages -----------------------------------------------------------------------

    def _targets(self, row: RegisterRow, codes: _Codes) -> dict[str, Any]:
        """The register's value for each field it states; None means "remove the field"."""
        targets: dict[str, Any] = {"title": row.title}
        if "requirement" in row.provided:
            targets["requirement"] = row.requirement or None
        if "area" in row.provided:
            targets["area"] = codes.area_of(row)
        if "group" in row.provided:
            targets["group"] = codes.group_of(row)
        if "lead" in row.provided:
            targets["lead"] = row.lead
        if "partners" in row.provided:
            targets["partners"] = row.partners or None
        if "due" in row.provided:
            targets["due"] = row.due.isoformat() if row.due else None
        if "due_text" in row.provided:
            targets["due_text"] = row.due_text or None
        if "points" in row.provided:
            targets["points"] = row.points
        return targets

    def _canonical_units(self, targets: dict[str, Any]) -> dict[str, Any]:
        """Unit names as the unit list writes them (units.yml), so a re-import of a register
        that says 濮阳市司法局 does not undo the canonical 市司法局 on every page."""
        if targets.get("lead"):
            targets["lead"] = "、".join(dict.fromkeys(self.units.canonical(n) for n in split_units(targets["lead"])))
        if targets.get("partners"):
            targets["partners"] = list(dict.fromkeys(self.units.canonical(n) for n in targets["partners"]))
        return targets

    def _page(self, row: RegisterRow, codes: _Codes, existing: Path | None) -> None:
        target = self.folder / f"{row.id}.md"
        targets = self._canonical_units(self._targets(row, codes))
        if existing is None:
            missing = [f for f in ("area", "lead") if f not in row.provided]
            if "group" not in row.provided and source_of(self.framework, row.source).group_required:
                missing.append("group")
            for name in missing:
                self.plan.notices.append(notice("new-page-incomplete", row.where, value=row.id, column=COLUMN_NAMES[name]))
            if missing:
                return
            text = new_page(row.id, targets, change("page-body", date=self.today.isoformat(), register=self.register.path.name))
            self.plan.writes[target] = text.encode("utf-8")
            self.plan.lines.append(change("page-new", path=self._rel(target), value=f"{row.id} {row.title}"))
            self.plan.new += 1
            return
        renamed = existing != target
        if renamed:
            targets["id"] = row.id
        label = self._rel(existing)
        self._flag_requirement(row, existing, label)
        try:
            raw = read_bytes(existing, label)
            edited, details = edit_page(raw, label, targets)
        except SourceError as exc:
            found = exc.finding
            self.plan.notices.append(notice("page-unreadable", found.location(), problem=found.problem, fix=found.fix))
            return
        except yamledit.EditError:
            self.plan.notices.append(notice("edit-unsafe", label, path=label))
            return
        if renamed:
            self.plan.writes[target] = edited
            self.plan.lines.append(change("page-rename", old=existing.stem, new=row.id,
                                          path=self._rel(target)))
        elif edited != raw:
            self.plan.writes[target] = edited
        if details:
            self.plan.lines.append(change("page-update", path=self._rel(target), details=";".join(details)))
        if details or renamed:
            self.plan.changed += 1
        else:
            self.plan.same += 1

    def _flag_requirement(self, row: RegisterRow, page: Path, label: str) -> None:
        """A new title over an old requirement the register cannot replace: say so."""
        fields = _page_fields(page)
        old, requirement = fields.get("title", ""), fields.get("requirement", "")
        if "requirement" in row.provided or not requirement or match_key(old) == match_key(row.title):
            return
        self.plan.notices.append(notice("requirement-stale", label, path=label, title=row.title,
                                        requirement=requirement[:40] + ("…" if len(requirement) > 40 else "")))

    # --- framework ---------------------------------------------------------------------

    def _framework(self, codes: _Codes, counts: dict[str, int]) -> None:
        path = self.root / self.settings.framework
        merged, lines = codes.merged(self.register.source_names, counts)
        if not lines:
            return
        label = self.settings.framework
        if path.is_file():
            text = edit_framework(path.read_bytes(), self.framework, merged)
            self.plan.lines.append(change("framework-update", path=label))
        else:
            text = framework_text(merged).encode("utf-8")
            self.plan.lines.append(change("framework-new", path=label))
        self.plan.lines.extend(change("framework-item", details=line) for line in lines)
        self.plan.writes[path] = text
        self.plan.framework_changed = True


def campaign_year(framework: Framework, today: dt.date) -> int:
    """The year deadlines without one (`4月底`) fall in: the framework edition's (…(2021年)), else this year."""
    m = re.search(r"(20\d{2})\s*年", framework.edition or "")
    return int(m.group(1)) if m else today.year


def read_bytes(file: Path, label: str) -> bytes:
    try:
        return file.read_bytes()
    except OSError as exc:
        raise SourceError(finding("unreadable", path=label, reason=exc.strerror or type(exc).__name__)) from None


def _existing_pages(folder: Path) -> dict[str, Path]:
    """Indicator pages by ID (file stems in canonical form only; the checker reports the rest)."""
    pages = {}
    for file in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        m = ID_PATTERN.match(file.stem)
        if m and canonical_id(m.group(1), int(m.group(2))) == file.stem:
            pages[file.stem] = file
    return pages


def _page_title(path: Path) -> str:
    return _page_fields(path).get("title", "")


def _page_fields(path: Path) -> dict[str, str]:
    """A page's title and requirement as text ({} when the page cannot be read)."""
    try:
        data = split_page(decode(path.read_bytes(), path.name), path.name).front_matter.data
    except (SourceError, OSError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: one_line(str(data.get(k) or "").strip()) for k in ("title", "requirement")}


# ---------------------------------------------------------------------------
# Area and group codes
# ---------------------------------------------------------------------------


@dataclass
class _Node:
    code: str
    title: str
    old_title: str = ""
    """The framework's title when the register renames it."""
    is_new: bool = False
    points: float | None = None
    """The 分值 the register writes after the heading ((180分)); None: it writes none, and
    the framework's (perhaps typed by hand) stays."""


class _Codes:
    """Codes for the register's areas and groups, reusing the framework's (see module doc)."""

    def __init__(self, framework: Framework, rows: list[RegisterRow], notices: list[Notice]) -> None:
        self.framework = framework
        self.notices = notices
        self.areas: dict[str, _Node] = {}
        """Register area key -> its code and title."""
        self.groups: dict[tuple[str, str], _Node] = {}
        """(area code, group key) -> its code and title."""
        headings: dict[str, tuple[Heading, str]] = {}
        prefixes: dict[str, str] = {}
        for row in rows:
            if row.area and row.area.key not in headings:
                headings[row.area.key] = (row.area, row.where)
                prefixes[row.area.key] = _area_prefix(row.source)
        self._assign(headings, {code: a.title for code, a in framework.areas.items()}, set(framework.areas),
                     self.areas, lambda h, where: self._area_hint(h, prefixes[h.key]),
                     lambda pos, key: f"{prefixes[key]}{pos}", "area-code-conflict")
        for area_key, area in self.areas.items():
            mine: dict[str, tuple[Heading, str]] = {}
            for row in rows:
                if row.area and row.area.key == area_key and row.group and row.group.key not in mine:
                    mine[row.group.key] = (row.group, row.where)
            existing = self.framework.areas.get(area.code)
            local = {g.code: g.title for g in existing.groups} if existing else {}
            taken = set(framework.groups) | {n.code for n in self.groups.values()}
            result: dict[str, _Node] = {}
            self._assign(mine, local, taken, result, lambda h, where, a=area.code: self._group_hint(h, where, a),
                         lambda pos, key, a=area.code: f"{a}.{pos}", "group-code-conflict")
            self.groups.update({(area.code, key): node for key, node in result.items()})

    def _assign(self, headings: dict[str, tuple[Heading, str]], local: dict[str, str], taken: set[str],
                out: dict[str, _Node], hint: Callable[[Heading, str], str], by_position: Callable[[int, str], str],
                conflict: str) -> None:
        by_title = {match_key(title): code for code, title in local.items()}
        claimed: dict[str, tuple[str, str]] = {}
        for key, (heading, where) in headings.items():  # 1. same title: same code
            code = by_title.get(key)
            if code and code not in claimed:
                out[key] = _Node(code, local[code], points=heading.points)
                claimed[code] = (heading.title, where)
        for position, (key, (heading, where)) in enumerate(headings.items(), start=1):
            if key in out:
                continue
            code = hint(heading, where)
            if code and code in claimed and claimed[code][1]:
                first, other = claimed[code]
                self.notices.append(notice(conflict, where, code=code, first=first, other=other, second=heading.title))
                continue
            if not code:  # 3. by position, or the next free code
                code = by_position(position, key)
                n = 1
                while code in claimed or code in taken or code in local:
                    code, n = by_position(n, key), n + 1
            if code in local:
                out[key] = _Node(code, heading.title, old_title=local[code] if local[code] != heading.title else "",
                                 points=heading.points)
            else:
                out[key] = _Node(code, heading.title, is_new=True, points=heading.points)
            claimed[code] = (heading.title, where)

    def _area_hint(self, heading: Heading, prefix: str) -> str:
        return heading.code or (f"{prefix}{heading.ordinal}" if heading.ordinal is not None else "")

    def _group_hint(self, heading: Heading, where: str, area: str) -> str:
        code = heading.code or (f"{area}.{heading.ordinal}" if heading.ordinal is not None else "")
        owner = self.framework.groups.get(code)
        elsewhere = next((a for (a, _), n in self.groups.items() if n.code == code and a != area), None)
        if (owner and owner.area_code != area) or elsewhere:
            self.notices.append(notice("group-wrong-area", where, code=code, owner=owner.area_code if owner else elsewhere,
                                       area=area))
            return ""
        return code

    def area_of(self, row: RegisterRow) -> str | None:
        return self.areas[row.area.key].code if row.area and row.area.key in self.areas else None

    def group_of(self, row: RegisterRow) -> str | None:
        area = self.area_of(row)
        if not row.group or area is None:
            return None
        node = self.groups.get((area, row.group.key))
        return node.code if node else None

    def merged(self, source_names: dict[str, str], counts: dict[str, int]) -> tuple[Framework, list[str]]:
        """The framework with the register merged in, and one line per change."""
        fw = self.framework
        lines: list[str] = []
        sources = dict(fw.sources)
        for code, name in source_names.items():
            old = sources.get(code)
            if old is None:
                sources[code] = Source(code, name, counts[code], source_of(fw, code).group_required)
                lines.append(change("source-new", code=code, name=name, expected=counts[code]))
            elif old.expected != counts[code]:
                sources[code] = Source(code, old.name, counts[code], old.group_required)
                lines.append(change("source-expected", code=code, name=old.name, old=old.expected, new=counts[code]))
        areas: dict[str, Area] = {}
        area_nodes = {n.code: n for n in self.areas.values()}
        for code in [*fw.areas, *(n.code for n in self.areas.values() if n.is_new)]:
            old = fw.areas.get(code)
            node = area_nodes.get(code)
            title = _merged_title("area", code, node, old.title if old else "", lines)
            points = _merged_points("area", code, node, old.points if old else None, lines)
            group_nodes = {n.code: n for (a, _), n in self.groups.items() if a == code}
            old_groups = {g.code: g for g in old.groups} if old else {}
            codes = [*old_groups, *(n.code for n in group_nodes.values() if n.is_new)]
            groups = []
            for g in codes:
                was = old_groups.get(g)
                groups.append(Group(g, _merged_title("group", g, group_nodes.get(g), was.title if was else "", lines), code,
                                    _merged_points("group", g, group_nodes.get(g), was.points if was else None, lines)))
            areas[code] = Area(code, title, tuple(groups), points)
        return Framework(fw.edition, sources, areas), lines


def _area_prefix(source: str) -> str:
    """Numbered areas of the national table keep plain codes ("1"); every other source's
    own numbering (a provincial sheet's 一、二、 again) gets its letter ("P1"), so that it
    can never take, rename or fill another source's area."""
    return "" if source == DEFAULT_SOURCE else source


def _merged_points(kind: str, code: str, node: _Node | None, old: float | None, lines: list[str]) -> float | None:
    """An area's or group's 分值 after the merge: the register's where it gives one (noted
    when it changes an existing one), else the framework's."""
    if node is None or node.points is None:
        return old
    if not node.is_new and node.points != old:
        key = "area-points" if kind == "area" else "group-points"  # spelt out: the catalogue's test finds it
        lines.append(change(key, code=code, old=change("points-value", points=points_text(old)) if old is not None else change("points-unset"),
                            new=points_text(node.points)))
    return node.points


def _merged_title(kind: str, code: str, node: _Node | None, old_title: str, lines: list[str]) -> str:
    """An area's or group's title after the merge, noting a new one or a renamed one."""
    if node is None:
        return old_title
    # Keys spelt out whole, so that the catalogue's test finds every one in use.
    new_key, title_key = ("area-new", "area-title") if kind == "area" else ("group-new", "group-title")
    if node.is_new:
        lines.append(change(new_key, code=code, title=node.title)
                     + (change("new-points", points=points_text(node.points)) if node.points is not None else ""))
    elif node.old_title:
        lines.append(change(title_key, code=code, old=node.old_title, new=node.title))
    return node.title
