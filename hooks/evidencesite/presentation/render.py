"""Markup for what readers see: the block above each indicator page's prose, and the
generated area, group and gaps pages.

Everything from front matter is escaped here (a `<script>` in a title shows as text).
Functions take a `link` callable that turns a site path ('areas/1/index.md',
'evidence/N012/a.pdf') into an href from the current page, so this module needs no
MkDocs and works with and without directory URLs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from html import escape
from urllib.parse import quote

from evidencesite.model.deadlines import recurrence
from evidencesite.editing.page_edit import points_text
from evidencesite.model.site import Site
from evidencesite.text.sizes import human_size
from evidencesite.figures import review_figures
from evidencesite.model import (
    Audience, EvidenceItem, Finding, Indicator, ReviewResult, ReviewState, Severity, Status, evidence_href,
)
from evidencesite.catalogue.checks import say

Link = Callable[[str], str]


def area_page(code: str) -> str:
    return f"areas/{code}/index.md"


def group_page(code: str) -> str:
    return f"groups/{code}/index.md"


def indicator_page(indicator_id: str) -> str:
    return f"indicators/{indicator_id}.md"


GAPS_PAGE = "gaps.md"

_UNSEARCHED = " data-search-exclude"
"""On what the build writes the same way on every page (labels, sizes, dates, tags): kept
out of the search index, which then holds what people wrote and stays small."""
_SEARCH_SEP = '<span class="es-search-sep">；</span>'
"""Ends each searched table cell (evidence title, problem, measure). The search index
keeps a cell's text but not the cell, so titles ran together in result snippets
("…现场照片市司法局召开…"); the separator is hidden on the page (evidence-site.css)."""


# ---------------------------------------------------------------------------
# Indicator page
# ---------------------------------------------------------------------------


def indicator_header(site: Site, ind: Indicator, link: Link, today: dt.date, updated: dt.date | None = None) -> str:
    """The facts, evidence, notes and problems block shown above the page's prose;
    `updated` is the page's last change in Git (None: no record, which the page says)."""
    fw = site.framework
    source = fw.sources.get(ind.source)
    area = fw.areas.get(ind.area)
    group = fw.groups.get(ind.group)
    facts = [("编号", f"{escape(ind.id)}" + (f" · {escape(source.name)}" if source else ""))]
    if area:
        facts.append(("一级指标", _a(link(area_page(area.code)), f"{area.code} {area.title}")))
    if group:
        facts.append(("二级指标", _a(link(group_page(group.code)), f"{group.code} {group.title}")))
    if ind.points is not None:
        facts.append(("分值", f"{points_text(ind.points)} 分"))
    facts.append(("牵头单位", escape(ind.lead) or "—"))
    if ind.partners:
        facts.append(("配合单位", "、".join(escape(p) for p in ind.partners)))
    if ind.due:
        overdue = ' <span class="es-tag es-tag--overdue">已逾期</span>' if ind.is_overdue(today) else ""
        written = f"({escape(ind.due_text)})" if ind.due_text else ""
        facts.append(("时间节点", f'<time datetime="{ind.due.isoformat()}">{ind.due.isoformat()}</time>{written}{overdue}'))
    elif ind.due_text:
        reason = ind.overdue_reason(today)
        overdue = (f' <span class="es-tag es-tag--overdue" title="{escape(reason)}">已逾期</span>'
                   f'<br><span class="es-overdue-reason">{escape(reason)}</span>') if reason else ""
        facts.append(("时间节点", escape(ind.due_text) + _next_node(ind, today) + overdue))
    facts.append(("状态", status_badge(ind.status)))
    facts.append(("最后更新", f'<time datetime="{updated.isoformat()}">{updated.isoformat()}</time>' if updated
                  else '<span class="es-no-record" title="本页还没有提交到版本库(Git)">暂无版本记录</span>'))
    parts = ['<div class="es-indicator">', '<dl class="es-facts">']
    # Search indexes what people write (titles, requirement, prose, evidence titles), not the facts rows.
    parts += [f"<div{_UNSEARCHED}><dt>{k}</dt><dd>{v}</dd></div>" for k, v in facts]
    parts.append("</dl>")
    if ind.requirement:
        parts.append(f'<p class="es-requirement"><strong>指标要求:</strong>{escape(ind.requirement)}</p>')
    parts.append(findings_box(site.findings_for(ind.id), site.settings.audience))
    if review_figures.shown(site.settings.audience):
        parts.append(review_section(ind))
    parts.append(evidence_section(ind, link, site.settings.audience))
    if review_figures.shown(site.settings.audience):
        parts.append(onsite_checks_section(site.onsite_checks.get(ind.id, [])))
    parts.append(problems_section(ind))
    parts.append("</div>")
    return "\n".join(p for p in parts if p)


def status_badge(status: Status | None) -> str:
    if status is None:
        return '<span class="es-status es-status--unknown">状态未填写</span>'
    return f'<span class="es-status es-status--{status.css_class}">{escape(status.value)}</span>'


def findings_box(findings: list[Finding], audience: Audience = Audience.ASSESSOR) -> str:
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if not errors:
        return ""
    fix, withheld = say("findings-box.fix-label"), say("findings-box.withheld")
    items = "".join(f"<li>{escape(f.location())}:{escape(f.problem)}<br>{fix}{escape(f.fix)}</li>"
                    if f.public or audience is Audience.ASSESSOR else
                    f"<li>{escape(f.field)}:{withheld}</li>" for f in errors)
    title = say("findings-box.title", count=len(errors))
    return (f'<div class="admonition danger es-findings" role="alert"><p class="admonition-title">'
            f"{title}</p><ul>{items}</ul></div>")


def evidence_section(ind: Indicator, link: Link, audience: Audience) -> str:
    out = [section_start("evidence", "证明材料")]
    if ind.evidence:
        rows = []
        for item in ind.evidence:
            if not item.is_published(audience):
                rows.append(f'<tr class="es-withheld"{_UNSEARCHED}><td>—</td><td colspan="4">该材料不在网上公开,实地核查时提供。</td></tr>')
                continue
            if item.file:
                target = (_a(link(evidence_href(item.file)), item.title) +  # the path is for the paper copy
                          f'<span class="es-url es-print-only"{_UNSEARCHED}>{escape(evidence_href(item.file))}</span>')
                if item.sha256 and audience is Audience.ASSESSOR:
                    target += f'<span class="es-sha256" title="SHA-256 校验和"{_UNSEARCHED}>SHA-256 {item.sha256}</span>'
                size = human_size(item.size or 0)
            else:
                target = (f'<a href="{escape(item.url, quote=True)}" rel="noopener" target="_blank">{escape(item.title)}</a>'
                          f'<span class="es-url"{_UNSEARCHED}>{escape(item.url)}</span>')
                target += snapshot_link(item, link, audience)
                size = "网页"
            rows.append(f"<tr><td{_UNSEARCHED}>{escape(item.type.value)}</td><td>{target}{_SEARCH_SEP}</td>"
                        f"<td{_UNSEARCHED}>{item.date.isoformat() if item.date else '—'}</td><td{_UNSEARCHED}>{size}</td>"
                        f"<td{_UNSEARCHED}>{escape(item.location or '—')}</td></tr>")
        out.append(f'<table class="es-evidence"><thead{_UNSEARCHED}><tr><th>类型</th><th>材料</th><th>日期</th><th>大小</th>'
                   f'<th>原件存放</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')
    if ind.on_site:
        out.append(_note("info", "实地核查时提供", ind.on_site))
    if ind.none:
        out.append(_note("note", "无相关材料", ind.none))
    if ind.not_applicable:
        out.append(_note("note", "本指标不适用", ind.not_applicable))
    if not ind.meets_evidence_rule:
        out.append(_note("warning", "尚未满足证据要求",
                         "本指标还没有证明材料,也没有实地核查说明或无材料说明(缺口)。", searched=False))
    return "\n".join(out) + "</section>"


def review_section(ind: Indicator) -> str:
    """The 市级初评 record, for the builds `review_figures.shown` allows (never the public one)."""
    review = ind.review
    out = [section_start("review", "市级初评")]
    if review is None:
        out.append('<p class="es-review es-review--none">尚未初评。</p>')
        return "\n".join(out) + "</section>"
    kind = "success" if review.result is ReviewResult.PASSED else "warning"
    text = f"{review.result.value}({review.by},{review.date.isoformat()})"
    if review.comment:
        text += f"。意见:{review.comment}"
    out.append(_note(kind, "初评结果", text, searched=False).replace('class="admonition', 'class="es-review admonition', 1))
    if ind.review_state is ReviewState.STALE:
        out.append(_note("danger", "初评后材料有变动,需复核",
                         "本页的证据清单、说明或所引用的文件在初评后改动过,以上初评结果已不能代表现在的材料,请市级初评单位复核。",
                         searched=False))
    return "\n".join(out) + "</section>"


def onsite_checks_section(checks: list) -> str:
    """The 核查记录 of this indicator: what the assessors were shown on the day."""
    if not checks:
        return ""
    shown, not_shown = '<span class="es-tag es-tag--closed">已出示</span>', '<span class="es-tag es-tag--open">未出示</span>'
    rows = "".join(
        f"<tr><td>{'实地核查说明' if c.item is None else f'第{c.item}项'}</td><td>{escape(c.what)}</td>"
        f"<td>{shown if c.shown else not_shown}</td>"
        f"<td>{escape(c.note) or '—'}</td><td>{c.date.isoformat()}</td></tr>" for c in checks)
    return (section_start("onsite-checks", "实地核查记录") +
            f'<table class="es-onsite-checks"{_UNSEARCHED}><thead><tr><th>材料</th><th>名称</th><th>核查时</th><th>说明</th>'
            f"<th>核查日期</th></tr></thead><tbody>{rows}</tbody></table></section>")


def evidence_label(ind: Indicator) -> str:
    """What stands for an indicator's evidence in tables: a count, or which note meets the rule."""
    if ind.evidence:
        return f"{len(ind.evidence)} 项"
    return "实地核查" if ind.on_site else "无材料" if ind.none else "不适用" if ind.not_applicable else "缺口"


def snapshot_link(item: EvidenceItem, link: Link, audience: Audience) -> str:
    """网页快照(date) beside a news link: the kept copy, for when the page behind the link has gone."""
    snap = item.published_snapshot(audience)
    if snap is None:
        return ""
    day = snap.captured.date().isoformat()
    title = f"{snap.captured.isoformat()} 抓取的网页副本,原网页失效时仍可查看"
    return (f' <a class="es-snapshot" href="{escape(link(evidence_href(snap.file)), quote=True)}" '
            f'title="{escape(title, quote=True)}"{_UNSEARCHED}>网页快照(<time datetime="{escape(snap.captured.isoformat())}">'
            f'{day}</time>)</a>')


def problems_section(ind: Indicator) -> str:
    if not ind.problems:
        return ""
    rows = []
    for p in ind.problems:
        state = (f'<span class="es-tag es-tag--closed">已销号 {p.closed.isoformat()}</span>' if p.closed
                 else '<span class="es-tag es-tag--open">整改中</span>')
        rows.append(f"<tr><td>{escape(p.problem)}{_SEARCH_SEP}</td><td>{escape(p.measure)}{_SEARCH_SEP}</td>"
                    f"<td{_UNSEARCHED}>{p.due.isoformat() if p.due else '—'}</td><td{_UNSEARCHED}>{state}</td></tr>")
    open_count = len(ind.open_problems)
    return (section_start("problems", f"问题清单与整改(未销号 {open_count} / 共 {len(ind.problems)})") +
            f'<table class="es-problems"><thead{_UNSEARCHED}><tr><th>问题</th><th>整改措施</th><th>时限</th><th>状态</th></tr>'
            f'</thead><tbody>{"".join(rows)}</tbody></table></section>')


def section_start(anchor: str, heading: str) -> str:
    """The start of one part of an indicator page; the caller closes the <section>.

    The anchor sits on the section, not on the heading: Material's search starts a new
    search entry at every heading with an id, and three entries per page titled 证明材料,
    情况说明 and 问题清单 would triple the index and bury the indicator under its own
    headings. Without the id, all of a page is one entry under its title (and the
    heading itself, the same on every page, stays out of it)."""
    return f'<section id="{anchor}" class="es-part"><h2{_UNSEARCHED}>{escape(heading)}</h2>'


def _note(kind: str, title: str, text: str, searched: bool = True) -> str:
    return (f'<div class="admonition {kind}"{"" if searched else _UNSEARCHED}><p class="admonition-title">{escape(title)}</p>'
            f"<p>{escape(text)}</p></div>")


def _a(href: str, text: str) -> str:
    return f'<a href="{escape(href, quote=True)}">{escape(text)}</a>'


# ---------------------------------------------------------------------------
# Generated pages (Markdown, so MkDocs checks their links)
# ---------------------------------------------------------------------------


def progress_line(indicators: list[Indicator]) -> str:
    n = len(indicators)
    done = sum(1 for i in indicators if i.status is Status.DONE)
    doing = sum(1 for i in indicators if i.status is Status.IN_PROGRESS)
    ready = sum(1 for i in indicators if i.meets_evidence_rule)
    not_applicable = sum(1 for i in indicators if i.not_applicable and not i.evidence)
    pct = round(100 * done / n) if n else 0
    return (f'<div class="es-progress" role="img" aria-label="已完成 {done} 项,共 {n} 项">'
            f'<div class="es-progress__bar" style="width: {pct}%"></div></div>\n\n'
            f"共 {n} 项:已完成 **{done}**,推进中 **{doing}**,未启动 **{n - done - doing}**;"
            f"满足证据要求 **{ready}** 项" + (f"(其中不适用 **{not_applicable}** 项)" if not_applicable else "") +
            f",缺口 **{n - ready}** 项。")


def _next_node(ind: Indicator, today: dt.date) -> str:
    """For a recurring deadline, its next date (the facts list shows it beside the text)."""
    rule = recurrence(ind.due_text)
    if rule is None:
        return ""
    date = rule.next_on_or_after(today)
    return f'(下一次:<time datetime="{date.isoformat()}">{date.isoformat()}</time>)'


def indicator_table(indicators: Iterable[Indicator], from_page: str, today: dt.date) -> str:
    rows = ["| 编号 | 指标 | 牵头单位 | 时间节点 | 状态 | 证据 |", "| --- | --- | --- | --- | --- | --- |"]
    for ind in indicators:
        due = ind.due.isoformat() if ind.due else _md(ind.due_text) if ind.due_text else "—"
        if ind.is_overdue(today):
            due += " 已逾期"
        evidence = evidence_label(ind)
        rows.append(f"| {ind.id} | [{_md(ind.title or ind.id)}]({_rel(from_page, indicator_page(ind.id))}) | {_md(ind.lead)} | "
                    f"{due} | {_md(ind.status.value if ind.status else '未填写')} | {evidence} |")
    return "\n".join(rows) if len(rows) > 2 else "(暂无指标)"


def area_markdown(site: Site, code: str, today: dt.date) -> str:
    area = site.framework.areas[code]
    page = area_page(code)
    members = site.in_area(code)
    out = [f"# {area.code} {_md(area.title)}", "", *points_line(area.points, members), progress_line(members), ""]
    if area.groups:
        # A 分值 column only where the framework gives some: most sites have none.
        scored = any(g.points is not None for g in area.groups)
        out += ["## 二级指标", "", "| 二级指标 |" + (" 分值 |" if scored else "") + " 指标数 | 已完成 | 缺口 |",
                "| --- |" + (" --- |" if scored else "") + " --- | --- | --- |"]
        for g in area.groups:
            gm = site.in_group(g.code)
            if not gm:  # empty groups are not published (sections.py)
                continue
            points = (f" {points_text(g.points) if g.points is not None else '—'} |") if scored else ""
            out.append(f"| [{g.code} {_md(g.title)}]({_rel(page, group_page(g.code))}) |{points} {len(gm)} | "
                       f"{sum(1 for i in gm if i.status is Status.DONE)} | {sum(1 for i in gm if not i.meets_evidence_rule)} |")
        out.append("")
    out += ["## 全部指标", "", indicator_table(members, page, today)]
    return "\n".join(out) + "\n"


def group_markdown(site: Site, code: str, today: dt.date) -> str:
    group = site.framework.groups[code]
    area = site.framework.areas[group.area_code]
    page = group_page(code)
    members = site.in_group(code)
    return "\n".join([
        f"# {group.code} {_md(group.title)}", "",
        f"所属一级指标:[{area.code} {_md(area.title)}]({_rel(page, area_page(area.code))})", "",
        *points_line(group.points, members), progress_line(members), "", indicator_table(members, page, today), ""])


def points_line(points: float | None, members: list[Indicator]) -> list[str]:
    """分值 of an area or group (as the register gives it), with its indicators' sum when all give one."""
    if points is None:
        return []
    line = f"分值 **{points_text(points)}** 分"
    if members and all(i.points is not None for i in members):
        line += f"(下属 {len(members)} 项指标分值合计 {points_text(round(sum(i.points for i in members), 6))} 分)"
    return [line + "。", ""]


def gaps_markdown(site: Site, today: dt.date) -> str:
    gaps = site.evidence_gaps()
    out = ["# 缺口清单", "",
           "按照工作方案六(六),每个三级指标要提供 1–3 项主要证明材料,或注明实地核查时提供,或注明没有相关材料。"
           "下列指标三者都还没有。", ""]
    short = [f for f in site.findings if f.code == "source-short"]
    if short:
        out += ["## 尚未建立页面的指标", ""] + [f"- {_md(f.problem)}" for f in short] + [""]
    out += [f"## 未满足证据要求的指标({len(gaps)} 项)", ""]
    for code, source in site.framework.sources.items():
        members = [i for i in gaps if i.source == code]
        if members:
            out += [f"### {code} {_md(source.name)}({len(members)} 项)", "", indicator_table(members, GAPS_PAGE, today), ""]
    if not gaps:
        out.append("所有已建立页面的指标都已满足证据要求。")
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell or link label."""
    text = escape(text).replace("\\", "&#92;").replace("*", "&#42;").replace("_", "&#95;").replace("`", "&#96;")
    return text.replace("{", "&#123;").replace("}", "&#125;").replace("|", "&#124;").replace("[", "&#91;").replace("]", "&#93;").replace("\n", " ")


def _rel(from_page: str, to_page: str) -> str:
    import posixpath
    return quote(posixpath.relpath(to_page, posixpath.dirname(from_page)))
