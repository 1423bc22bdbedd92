"""The framework file (docs/indicators/framework.yml): written whole for a new site, or
edited in place so that staff's comments and layout stay.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

from evidencesite.editing import yamledit
from evidencesite.model import Area, Framework, Group, Source, normalise_code
from evidencesite.editing.page_edit import points_text
from evidencesite.reading.pages import points_of
from evidencesite.reading.sourcefile import SourceError, parse_yaml
from evidencesite.catalogue.reading import say


def framework_text(fw: Framework, header: str = "") -> str:
    """The whole framework file, in the shipped file's layout (for a new file, or when an
    existing one has a shape the surgical edits do not handle)."""
    lines = header.splitlines() or [say("framework_file.header-1"),
                                    say("framework_file.header-2")]
    if fw.edition:
        lines.append(f"edition: {yamledit.plain_or_quoted(fw.edition)}")
    lines.append("sources:")
    for source in fw.sources.values():
        lines += ["  - " + line if i == 0 else "    " + line for i, line in enumerate(_source_lines(source))]
    lines.append("areas:")
    for area in fw.areas.values():
        lines += ["  - " + line if i == 0 else "    " + line for i, line in enumerate(_area_lines(area))]
    return "\n".join(lines) + "\n"


def _source_lines(source: Source) -> list[str]:
    return [f"code: {yamledit.quoted(source.code)}", f"name: {yamledit.plain_or_quoted(source.name)}",
            f"expected: {source.expected}", f"group_required: {str(source.group_required).lower()}"]


def _group_lines(group: Group) -> list[str]:
    return [f"code: {yamledit.quoted(group.code)}", f"title: {yamledit.plain_or_quoted(group.title)}",
            *_points_lines(group.points)]


def _area_lines(area: Area) -> list[str]:
    lines = [f"code: {yamledit.quoted(area.code)}", f"title: {yamledit.plain_or_quoted(area.title)}",
             *_points_lines(area.points)]
    if area.groups:
        lines.append("groups:")
        for group in area.groups:
            lines += ["  - " + line if i == 0 else "    " + line for i, line in enumerate(_group_lines(group))]
    return lines


def _points_lines(points: float | None) -> list[str]:
    return [] if points is None else [f"points: {points_text(points)}"]


def edit_framework(raw: bytes, old: Framework, new: Framework) -> bytes:
    """The framework file with `new`'s changes made in place; comments and layout stay.
    A file these edits cannot handle (flow-style lists, say), or whose edited text would
    not read back as `new`, is rewritten whole, keeping its leading comments."""
    bom = raw.startswith(codecs.BOM_UTF8)
    text = raw[len(codecs.BOM_UTF8):].decode("utf-8") if bom else raw.decode("utf-8")
    try:
        result = _edit_framework_text(text, old, new)
    except (yamledit.EditError, KeyError):
        result = ""
    if not _reads_as(result, new):
        header = re.match(r"(?:[ \t]*(?:#[^\n]*)?\r?\n)*", text).group(0)
        result = framework_text(new, header.replace("\r\n", "\n").rstrip("\n"))
        if yamledit.newline_of(text) == "\r\n":
            result = result.replace("\n", "\r\n")
    return (codecs.BOM_UTF8 if bom else b"") + result.encode("utf-8")


def _reads_as(text: str, fw: Framework) -> bool:
    """Whether `text` holds exactly `fw`'s sources, areas and groups."""
    try:
        data = parse_yaml(text.replace("\r\n", "\n"), "framework").data
        sources = [(normalise_code(s["code"]), s["name"].strip(), int(s["expected"]), s.get("group_required") is not False)
                   for s in data["sources"]]
        areas = [(normalise_code(a["code"]), a["title"].strip(), points_of(a.get("points")),
                  [(normalise_code(g["code"]), g["title"].strip(), points_of(g.get("points"))) for g in a.get("groups") or []])
                 for a in data["areas"]]
    except (SourceError, KeyError, TypeError, ValueError, AttributeError):
        return False
    return sources == [(s.code, s.name, s.expected, s.group_required) for s in fw.sources.values()] and \
        areas == [(a.code, a.title, a.points, [(g.code, g.title, g.points) for g in a.groups]) for a in fw.areas.values()]


def _edit_framework_text(text: str, old: Framework, new: Framework) -> str:
    newline = yamledit.newline_of(text)
    top = yamledit.entries(text, yamledit.compose(text))
    edits: list[yamledit.Edit] = []

    def items(entry: yamledit.Entry) -> dict[str, tuple[Any, dict[str, yamledit.Entry]]]:
        found = {}
        for node in entry.value.value:
            fields = yamledit.entries(text, node)
            found[normalise_code(str(fields["code"].value.value))] = (node, fields)
        return found

    sources = items(top["sources"])
    for code, source in new.sources.items():
        if code not in old.sources:
            edits.append(yamledit.append_item(text, top["sources"].value, _source_lines(source), newline))
        elif old.sources[code].expected != source.expected:
            edits.append(_replace_scalar(text, sources[code][1]["expected"].value, str(source.expected)))
    areas = items(top["areas"]) if "areas" in top and isinstance(top["areas"].value, yamledit.yaml.SequenceNode) else None
    for code, area in new.areas.items():
        before = old.areas.get(code)
        if before is None:
            if areas is None:
                raise yamledit.EditError("areas")
            edits.append(yamledit.append_item(text, top["areas"].value, _area_lines(area), newline))
            continue
        node, fields = areas[code]
        if before.title != area.title:
            edits.append(_replace_scalar(text, fields["title"].value, yamledit.plain_or_quoted(area.title)))
        if before.points != area.points:
            edits.append(_points_edit(text, node, fields, area.points, newline))
        old_groups = {g.code: g for g in before.groups}
        added = [g for g in area.groups if g.code not in old_groups]
        if added and "groups" in fields and fields["groups"].value.value:
            for group in added:
                edits.append(yamledit.append_item(text, fields["groups"].value, _group_lines(group), newline))
        elif added:
            if "groups" in fields:
                raise yamledit.EditError("empty groups")
            indent = yamledit.mapping_indent(text, node)
            lines = [" " * indent + "groups:"]
            for group in added:
                lines += [" " * (indent + 2) + ("- " if i == 0 else "  ") + line
                          for i, line in enumerate(_group_lines(group))]
            last = max(fields.values(), key=lambda e: e.end)
            edits.append(yamledit.insert_after(text, last, lines, newline))
        changed = [g for g in area.groups if g.code in old_groups and
                   (old_groups[g.code].title, old_groups[g.code].points) != (g.title, g.points)]
        if changed:
            group_fields = items(fields["groups"])
            for group in changed:
                g_node, g_fields = group_fields[group.code]
                if old_groups[group.code].title != group.title:
                    edits.append(_replace_scalar(text, g_fields["title"].value, yamledit.plain_or_quoted(group.title)))
                if old_groups[group.code].points != group.points:
                    edits.append(_points_edit(text, g_node, g_fields, group.points, newline))
    return yamledit.apply_edits(text, edits)


def _points_edit(text: str, node: Any, fields: dict[str, yamledit.Entry], points: float | None,
                 newline: str) -> yamledit.Edit:
    """Set, add (on the line after the title) or remove an area's or group's `points`."""
    if "points" in fields:
        if points is None:
            return yamledit.remove_entry(text, fields["points"])
        return _replace_scalar(text, fields["points"].value, points_text(points))
    if points is None:
        raise yamledit.EditError("no points to remove")
    indent = yamledit.mapping_indent(text, node)
    return yamledit.insert_after(text, fields["title"], [" " * indent + _points_lines(points)[0]], newline)


def _replace_scalar(text: str, node: Any, value: str) -> yamledit.Edit:
    if not isinstance(node, yamledit.yaml.ScalarNode):
        raise yamledit.EditError("not a scalar")
    return yamledit.Edit(node.start_mark.index, yamledit.content_end(text, node), value)
