"""Which sections of the indicator tree have something in them.

A level-1 area or level-2 group that no indicator page belongs to yet is not
published: no page, no navigation entry, no row on its area's page. The build says
which ones it left out (NOTICES["section-empty"]), so staff know why a section the
framework declares is missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from evidencesite.model.site import Site
from evidencesite.catalogue.messages import NOTICES


@dataclass(frozen=True)
class Section:
    kind: str
    """一级指标 or 二级指标."""
    code: str
    title: str


def populated_areas(site: Site) -> set[str]:
    return {i.area for i in site.indicators.values() if i.area in site.framework.areas}


def populated_groups(site: Site) -> set[str]:
    return {i.group for i in site.indicators.values() if i.group in site.framework.groups}


def empty_sections(site: Site) -> list[Section]:
    """Areas and groups without any indicator page, in framework order."""
    areas, groups = populated_areas(site), populated_groups(site)
    empty: list[Section] = []
    for area in site.framework.areas.values():
        if area.code not in areas:
            empty.append(Section("一级指标", area.code, area.title))
            continue
        empty += [Section("二级指标", g.code, g.title) for g in area.groups if g.code not in groups]
    return empty


def empty_section_notices(site: Site) -> list[str]:
    return [NOTICES["section-empty"].format(framework=site.settings.framework, kind=s.kind, code=s.code, title=s.title)
            for s in empty_sections(site)]
