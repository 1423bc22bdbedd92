"""The dashboards of the demo site (130 indicators, built once per session on DEMO_DATE):
every number on the home page, the unit pages, the overdue and ledger pages equals
what the model says, counted here independently of hooks/evidencesite/figures/progress.py."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from urllib.parse import unquote

import pytest

from conftest import DemoBuild
from evidencesite.model import Indicator, Status
from htmlparts import definitions, table_after, tables

# ---------------------------------------------------------------------------
# The model, counted the plain way
# ---------------------------------------------------------------------------


def ready(i: Indicator) -> bool:
    return bool(i.evidence or i.on_site or i.none)


def late(i: Indicator, today: dt.date) -> bool:
    return i.due is not None and i.due < today and i.status != Status.DONE


def counts(indicators: list[Indicator], today: dt.date, expected: int = 0) -> dict[str, int]:
    base = max(expected, len(indicators))
    done = sum(i.status == Status.DONE for i in indicators)
    return {"base": base, "pages": len(indicators), "done": done,
            "doing": sum(i.status == Status.IN_PROGRESS for i in indicators),
            "idle": sum(i.status == Status.NOT_STARTED for i in indicators),
            "gaps": sum(not ready(i) for i in indicators), "late": sum(late(i, today) for i in indicators),
            "open": sum(p.closed is None for i in indicators for p in i.problems),
            "pct": int(100 * done / base + 0.5) if base else 0}


def units_of(demo: DemoBuild) -> dict[str, dict[str, list[Indicator]]]:
    out: dict[str, dict[str, list[Indicator]]] = {}
    for i in demo.site.indicators.values():
        out.setdefault(i.lead, {"lead": [], "partner": []})["lead"].append(i)
        for p in i.partners:
            out.setdefault(p, {"lead": [], "partner": []})["partner"].append(i)
    return out


def slug(name: str) -> str:
    key = "".join(unicodedata.normalize("NFKC", name).split())
    return hashlib.sha256(key.encode()).hexdigest()[:8]


def heading_marker(text: str) -> str:
    """Where a heading with this text starts in the page body (not its entry in the table of contents)."""
    return f'{text}<a class="headerlink"'


heading = heading_marker


@pytest.fixture(scope="module")
def home(demo_build: DemoBuild) -> str:
    return demo_build.result.page("index.html")


# ---------------------------------------------------------------------------
# Home page
# ---------------------------------------------------------------------------


def test_key_figures(demo_build: DemoBuild, home: str) -> None:
    site, today = demo_build.site, demo_build.today
    expected = sum(max(s.expected, len(site.by_source(c))) for c, s in site.framework.sources.items())
    c = counts(list(site.indicators.values()), today, expected)
    shown = definitions(home, "es-stats")
    assert shown == {"应有指标": str(c["base"]), "已建页面": str(c["pages"]), "已完成": str(c["done"]),
                     "推进中": str(c["doing"]), "未启动": str(c["idle"]), "缺口": str(c["gaps"]),
                     "逾期": str(c["late"]), "未销号问题": str(c["open"])}
    assert c["late"] and c["open"] and c["gaps"], "the demo date should give every list something"
    assert f"截至 {today.isoformat()}" in home and f"完成率 <strong>{c['pct']}%</strong>" in home


@pytest.mark.parametrize("chart", ["source", "area"])
def test_chart_and_its_table_show_the_model(demo_build: DemoBuild, home: str, chart: str) -> None:
    site, today = demo_build.site, demo_build.today
    if chart == "source":
        groups = [(f"{c} {s.name}", site.by_source(c), s.expected) for c, s in site.framework.sources.items()]
    else:
        groups = [(f"{a.code} {a.title}", [i for i in site.indicators.values() if i.area == a.code], 0)
                  for a in site.framework.areas.values()]
    caption = f'id="es-chart-{chart}-caption"'
    table = table_after(home, caption)
    assert [row[0] for row in table.body()] == [label for label, _, _ in groups]
    for record, (label, members, expected) in zip(table.records(), groups):
        c = counts(members, today, expected)
        assert (record["已完成"], record["推进中"], record["未启动"], record["缺口"], record["逾期"], record["完成率"]) == \
            (str(c["done"]), str(c["doing"]), str(c["idle"]), str(c["gaps"]), str(c["late"]), f"{c['pct']}%"), label
    drawing = home[home.index(caption):home.index("</svg>", home.index(caption))]
    notes = re.findall(r'text-anchor="end">([^<]+)</text>', drawing)
    assert notes == [f"{counts(m, today, e)['pct']}%({counts(m, today, e)['done']}/{counts(m, today, e)['base']})"
                     for _, m, e in groups]
    labels = re.findall(r'<text x="0" y="\d+">([^<]+)</text>', drawing)
    assert "".join(labels) == "".join(label for label, _, _ in groups)  # long labels wrap, nothing is lost


def test_charts_carry_their_text_alternative(home: str) -> None:
    svgs = re.findall(r"<svg\b[^>]*>.*?</svg>", home, re.S)
    charts = [s for s in svgs if "es-chart__svg" in s]
    assert len(charts) == 2
    ids = re.findall(r'\bid="([^"]+)"', home)
    assert len(ids) == len(set(ids)), "ids on a page are unique"
    for svg in charts:
        assert 'role="img"' in svg
        title_id, desc_id = re.search(r'aria-labelledby="([^" ]+) ([^"]+)"', svg).groups()
        title = re.search(rf'<title id="{title_id}">([^<]+)</title>', svg).group(1)
        desc = re.search(rf'<desc id="{desc_id}">([^<]+)</desc>', svg).group(1)
        assert "完成情况" in title and re.search(r"\d+", desc)
        assert "<script" not in svg and "http" not in svg, "nothing to fetch"


def test_phases_mark_the_current_one(demo_build: DemoBuild, home: str) -> None:
    table = next(t for t in tables(home) if t.attrs.get("class") == "es-phases")
    assert len(table.body()) == 7
    current = re.findall(r'<tr class="es-phase es-phase--current" aria-current="step"><td>([^<]+)</td>', home)
    assert current == ["3 深入整改阶段"]  # 2021-03-01 to 2021-04-30 holds DEMO_DATE
    states = [row[-1] for row in table.body()]
    assert states == ["已结束", "已结束", "当前阶段", "未开始", "未开始", "未开始", "未开始"]
    assert "当前处于第3阶段 <strong>深入整改阶段</strong>" in home


def test_next_time_nodes(demo_build: DemoBuild, home: str) -> None:
    site, today = demo_build.site, demo_build.today
    table = table_after(home, heading("近期时间节点"))
    dates = [dt.date.fromisoformat(row[0]) for row in table.body()]
    assert len(dates) == 5 and dates == sorted(dates) and dates[0] >= today
    due = sorted({i.due for i in site.indicators.values() if i.due and i.due >= today and i.status != Status.DONE})
    assert due[0] in dates
    for row in table.rows[1:]:
        if "项指标到期" in row[2].text:
            day = dt.date.fromisoformat(row[0].text)
            ids = {i.id for i in site.indicators.values() if i.due == day and i.status != Status.DONE}
            assert row[2].text.startswith(f"{len(ids)} 项指标到期")
            assert {h.split("/")[-2] for h in row[2].hrefs} <= ids


def test_lagging_units_on_home_are_the_last_of_the_ranking(demo_build: DemoBuild, home: str) -> None:
    ranking = table_after(demo_build.result.page("units/index.html"), heading("牵头单位排名")).body()
    lagging = table_after(home, heading("排名靠后的牵头单位")).body()
    assert lagging == ranking[::-1][:5]


def test_links_to_every_list_and_export(demo_build: DemoBuild, home: str) -> None:
    block = home[home.index(heading("清单与下载")):]
    hrefs = re.findall(r'<a href="([^"#]+)"', block[:block.index("</ul>")])
    for target in ("gaps/", "overdue/", "ledger/", "units/", "exports/工作台账.xlsx", "exports/工作台账.csv",
                   "exports/整改台账.xlsx", "exports/整改台账.csv", "exports/indicators.json"):
        assert target in [unquote(h) for h in hrefs], target
        path = demo_build.out / unquote(target)
        assert (path / "index.html").is_file() or path.is_file(), target


# ---------------------------------------------------------------------------
# Units, overdue, ledger
# ---------------------------------------------------------------------------


def test_every_unit_has_a_page_with_its_indicators(demo_build: DemoBuild) -> None:
    today = demo_build.today
    for name, roles in units_of(demo_build).items():
        html = demo_build.result.page(f"units/{slug(name)}/index.html")
        assert re.search(rf"<h1[^>]*>{re.escape(name)}<", html)
        for role, title in (("lead", "牵头的指标"), ("partner", "配合的指标")):
            if roles[role]:
                shown = [row[0] for row in table_after(html, heading(title)).body()]
                assert shown == [i.id for i in roles[role]], (name, role)
        overdue = [(i.id, "牵头") for i in roles["lead"] if late(i, today)] + \
                  [(i.id, "配合") for i in roles["partner"] if late(i, today)]
        if overdue:
            assert [(r[0], r[2]) for r in table_after(html, heading_marker("逾期事项")).body()] == overdue
        else:
            assert "没有逾期事项" in html
        problems = [(i.id, p.problem) for i in roles["lead"] for p in i.problems if p.closed is None]
        if problems:
            assert [(r[0], r[1]) for r in table_after(html, heading_marker("未销号的问题")).body()] == problems


def test_ranking_orders_by_completion_then_overdue(demo_build: DemoBuild) -> None:
    today = demo_build.today
    leads = {name: roles for name, roles in units_of(demo_build).items() if roles["lead"]}
    table = table_after(demo_build.result.page("units/index.html"), heading("牵头单位排名"))
    shown = table.records()
    assert sorted(r["牵头单位"] for r in shown) == sorted(leads)
    keys = []
    for r in shown:
        roles = leads[r["牵头单位"]]
        c = counts(roles["lead"], today)
        assert (r["牵头指标"], r["已完成"], r["完成率"], r["逾期"], r["缺口"], r["未销号问题"], r["配合指标"]) == \
            (str(c["pages"]), str(c["done"]), f"{c['pct']}%", str(c["late"]), str(c["gaps"]), str(c["open"]),
             str(len(roles["partner"])))
        keys.append((-c["pct"], c["late"]))
    assert keys == sorted(keys)
    ranks = [int(r["名次"]) for r in shown]
    for n, (rank, key) in enumerate(zip(ranks, keys)):
        assert rank == (ranks[n - 1] if n and keys[n - 1] == key else n + 1)


def test_overdue_page(demo_build: DemoBuild) -> None:
    site, today = demo_build.site, demo_build.today
    rows = table_after(demo_build.result.page("overdue/index.html"), "<h1").body()
    expected = sorted((i for i in site.indicators.values() if late(i, today)), key=lambda i: i.due)
    assert [(r[0], r[3], r[4]) for r in rows] == [(i.id, i.due.isoformat(), str((today - i.due).days)) for i in expected]


def test_ledger_page(demo_build: DemoBuild) -> None:
    site = demo_build.site
    html = demo_build.result.page("ledger/index.html")
    problems = [(i, p) for i in site.indicators.values() for p in i.problems]
    n_open = sum(p.closed is None for _, p in problems)
    open_rows = table_after(html, heading(f"整改中({n_open} 个)")).body()
    closed_rows = table_after(html, heading(f"已销号({len(problems) - n_open} 个)")).body()
    assert [(r[0], r[3]) for r in open_rows] == [(i.id, p.problem) for i, p in problems if p.closed is None]
    assert [(r[0], r[3], r[6]) for r in closed_rows] == \
        [(i.id, p.problem, f"已销号 {p.closed.isoformat()}") for i, p in problems if p.closed]


def test_navigation_has_the_progress_section(demo_build: DemoBuild) -> None:
    html = demo_build.result.page("overdue/index.html")
    labels = re.findall(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>', html)
    assert labels.index("指标体系") < labels.index("缺口清单") < labels.index("工作进展")
    assert {"逾期事项", "整改台账", "责任单位"} <= set(labels)
    assert not any(l in labels for l in units_of(demo_build)), "unit pages are reached from 责任单位"


def test_no_build_warnings_and_no_stray_files(demo_build: DemoBuild) -> None:
    assert demo_build.result.warnings == []
    assert not (demo_build.out / "indicators" / "phases.yml").exists()
    assert not any("not included in the \"nav\"" in m for m in demo_build.result.messages())
