"""The plan stage: what the site's features make from the complete model (after the
check stage), as plain data for any engine: the generated pages with their Markdown,
the indicator tree of the navigation, and the downloads (exports/). Each part is made
on first use and kept for the build: a build that never asks for the downloads (a
failed one) never makes them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from html import escape
from typing import Any

from evidencesite.catalogue.adapter import word
from evidencesite.checks import reviews
from evidencesite.figures.progress import Board
from evidencesite.figures.sections import populated_areas, populated_groups
from evidencesite.presentation import progress_pages, render, review_pages
from evidencesite.presentation.navwidth import bounded
from evidencesite.publishing import onsite
from evidencesite.publishing.exports import export_files


@dataclass(frozen=True)
class GeneratedPage:
    markdown: str
    in_nav: bool = True
    """False for a page reached from another page only (a unit's page, from 责任单位)."""


@dataclass
class Plan:
    board: Board
    today: dt.date
    site_url: str = ""

    @property
    def site(self):
        return self.board.site

    @cached_property
    def tree_pages(self) -> dict[str, GeneratedPage]:
        """The area, group and gaps pages (an empty area or group is never published)."""
        site, out = self.site, {}
        areas, groups = populated_areas(site), populated_groups(site)
        for area in site.framework.areas.values():
            if area.code not in areas:
                continue
            out[render.area_page(area.code)] = GeneratedPage(render.area_markdown(site, area.code, self.today))
            for group in (g for g in area.groups if g.code in groups):
                out[render.group_page(group.code)] = GeneratedPage(render.group_markdown(site, group.code, self.today))
        out[render.GAPS_PAGE] = GeneratedPage(render.gaps_markdown(site, self.today))
        return out

    @cached_property
    def progress_pages(self) -> dict[str, GeneratedPage]:
        """The 工作进展 section; unit pages are reached from 责任单位, not from the navigation."""
        return {path: GeneratedPage(markdown, in_nav=not path.startswith("units/"))
                for path, markdown in progress_pages.pages(self.board).items()}

    @cached_property
    def indicator_tree(self) -> list[dict[str, Any]]:
        """The navigation entries for areas, groups and indicators; pages the framework
        cannot place go last. A long list is split into ranges (presentation/navwidth.py),
        so each page's share of the navigation stays small."""
        site = self.site
        placed: set[str] = set()
        tree: list[dict[str, Any]] = []
        areas, groups = populated_areas(site), populated_groups(site)
        for area in (a for a in site.framework.areas.values() if a.code in areas):
            entries = []
            for group in (g for g in area.groups if g.code in groups):
                members = site.in_group(group.code)
                placed.update(i.id for i in members)
                entries.append((escape(group.code), {escape(f"{group.code} {group.title}"):
                                                     [render.group_page(group.code), *_indicators(members)]}))
            loose = [i for i in site.in_area(area.code) if not i.group]
            placed.update(i.id for i in loose)
            children = [render.area_page(area.code), *bounded(entries), *_indicators(loose)]
            tree.append({escape(f"{area.code} {area.title}"): children})
        unplaced = [i for i in site.indicators.values() if i.id not in placed]
        if unplaced:
            tree.append({word("unplaced"): _indicators(unplaced)})
        return tree

    @cached_property
    def downloads(self) -> dict[str, bytes]:
        """exports/: the registers, and for the assessors the review and on-site workbooks."""
        site = self.site
        made = export_files(self.board, site.cache)
        if reviews.shown(site.settings.audience):  # internal: never in the public build
            made[review_pages.WORKBOOK] = review_pages.review_workbook(self.board)
            made[onsite.WORKBOOK] = onsite.workbook(onsite.rows(site), self.site_url, self.today)
        return made


def _indicators(indicators: list) -> list[Any]:
    return bounded([(escape(i.id), {escape(i.display_title): render.indicator_page(i.id)}) for i in indicators])
