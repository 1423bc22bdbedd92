"""The site in a real browser (Debian's chromium): requests stay on 127.0.0.1, Chinese
search finds words inside compounds, the offline bundle searches from file://, axe-core
finds no WCAG 2.1 A/AA violation, keyboard focus reaches every link in order, the
larger-text switch holds the layout, phone and desktop screenshots, the paper copy.

One browser per test session; each test opens its own context. Screenshots are kept
in .cache/screenshots/ for a person to look at.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from browser_support import SCREENSHOTS, RequestLog, axe_violations, file_url, font_families, search, serve, site_path
from conftest import build, make_site, run_script

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

# Pages the accessibility and keyboard tests visit. Add a path here and both tests cover it.
A11Y_PAGES = {
    "home": "",
    "area": "areas/1/",
    "group": "groups/1.1/",
    "indicator with evidence": "indicators/N003/",
    "indicator on site": "indicators/P001/",
    "gaps": "gaps/",
    "unit": "units/83cd9462/",  # 市司法局: lead of P001, partner of N001
    "units and ranking": "units/",
    "overdue": "overdue/",
    "ledger": "ledger/",
    "charts": "progress/",  # every dashboard macro that draws an SVG chart
}

# (query, the indicator that must come first): each query is a word inside a longer word.
SEARCHES = [
    ("监测", "N003"),      # inside 环境监测
    ("环境监测", "N003"),
    ("复议", "P002"),      # inside 行政复议 (a user-dictionary term)
    ("权责清单", "N001"),
    ("应诉", "P002"),      # inside 行政应诉; 应 alone would match N003's 应当 (issue 14)
]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("browser")
    site = make_site(root / "site", "base-site", "browser-site")
    result = build(site, root / "out")
    assert result.ok and result.warnings == [], result.warnings
    return root / "out"


@pytest.fixture(scope="module")
def server(built):
    with serve(built) as base:
        yield base


def _page(browser, viewport=DESKTOP):
    context = browser.new_context(viewport=viewport, locale="zh-CN")
    return context, RequestLog().attach(context), context.new_page()


def _settle(page) -> None:
    """Wait until no CSS animation runs (a half-faded panel gives false contrast findings)."""
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")


def test_page_load_and_search_request_nothing_but_127_0_0_1(browser, server):
    context, log, page = _page(browser)
    page.goto(server + "indicators/N003/")
    search(page, "监测")
    page.goto(server)
    context.close()
    assert log.offsite == []
    assert any(u.endswith("search/search_index.json") for u in log.urls), "the search worker's fetch was recorded"
    assert all(u.startswith("http://127.0.0.1:") for u in log.urls)


@pytest.mark.parametrize("term, first", SEARCHES)
def test_chinese_search_finds_words_inside_compounds(browser, server, term, first):
    context, log, page = _page(browser)
    page.goto(server)
    results = search(page, term)
    context.close()
    assert site_path(results[0]).rstrip("/").endswith(f"indicators/{first}"), results
    assert log.offsite == []


def test_word_inside_a_compound_is_found_on_a_phone(browser, server):
    context, log, page = _page(browser, PHONE)
    page.goto(server + "gaps/")
    results = [site_path(r) for r in search(page, "政府")]
    context.close()
    assert any(r.endswith("indicators/P002/") for r in results), "政府 inside 人民政府 (P002's text)"


@pytest.mark.parametrize("name", list(A11Y_PAGES))
def test_no_wcag_21_aa_violations(browser, server, name):
    context, log, page = _page(browser)
    page.goto(server + A11Y_PAGES[name])
    _settle(page)
    violations = axe_violations(page)
    images = page.eval_on_selector_all(
        "img, svg[role='img'], [role='img'], canvas",
        "els => els.filter(e => !(e.getAttribute('alt') || e.getAttribute('aria-label') || e.getAttribute('aria-labelledby')"
        " || e.querySelector('title'))).map(e => e.outerHTML.slice(0, 80))")
    context.close()
    assert violations == [], json.dumps(violations, ensure_ascii=False)[:3000]
    assert images == [], "every chart and image needs a text alternative"


def test_search_results_have_no_wcag_21_aa_violations(browser, server):
    context, log, page = _page(browser)
    page.goto(server + "indicators/N003/")
    search(page, "监测")
    _settle(page)
    violations = axe_violations(page)
    context.close()
    assert violations == [], json.dumps(violations, ensure_ascii=False)[:3000]


@pytest.mark.parametrize("name", ["home", "indicator with evidence"])
def test_keyboard_focus_reaches_every_link_in_order(browser, server, name):
    context, log, page = _page(browser)
    page.goto(server + A11Y_PAGES[name])
    count = page.evaluate("""() => {
        const links = [...document.querySelectorAll('a[href]')].filter(a => a.tabIndex >= 0
            && a.checkVisibility({visibilityProperty: true}) && a.getBoundingClientRect().width > 0)
        links.forEach((a, i) => a.dataset.esOrder = i)
        return links.length
    }""")
    reached: list[int] = []
    for _ in range(count * 2 + 40):
        page.keyboard.press("Tab")
        order = page.evaluate("() => document.activeElement && document.activeElement.dataset.esOrder || null")
        if order is not None:
            reached.append(int(order))
        if len(reached) == count:
            break
    context.close()
    assert count > 5 and reached == list(range(count)), "every visible link, each once, in document order"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_larger_text_switch_enlarges_content_and_keeps_layout(browser, server, viewport):
    context, log, page = _page(browser, viewport)
    page.goto(server + "indicators/N003/")
    size = lambda: page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.md-content .md-typeset p')).fontSize)")  # noqa: E731
    before = size()
    button = page.locator("button.es-textsize")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    after = size()
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    page.reload()  # the choice is kept
    kept = page.locator("button.es-textsize").get_attribute("aria-pressed")
    context.close()
    assert after >= before * 1.2
    assert widths[0] <= widths[1], "no sideways scrolling"
    assert kept == "true"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_screenshots_render_chinese_glyphs(browser, server, viewport):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context, log, page = _page(browser, viewport)
    fonts = []
    for name, path in (("home", ""), ("indicator", "indicators/N003/")):
        page.goto(server + path)
        _settle(page)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{viewport['width']}x{viewport['height']}.png"), full_page=True)
        fonts += font_families(page, "article h1")
    context.close()
    cjk = ("WenQuanYi", "Noto Sans CJK", "Noto Serif CJK", "Source Han", "Droid Sans Fallback", "AR PL")
    assert any(f.startswith(cjk) for f in fonts), f"headings drawn without a CJK font: {fonts}"


def test_print_layout_is_the_assessors_paper_copy(browser, server):
    context, log, page = _page(browser)
    page.goto(server + "indicators/N003/")
    page.emulate_media(media="print")
    shown = lambda sel: page.eval_on_selector_all(sel, "els => els.some(e => e.checkVisibility())")  # noqa: E731
    state = {sel: shown(sel) for sel in (".md-header", ".md-sidebar--primary", ".md-search", ".md-footer",
                                         ".es-facts", "table.es-evidence", ".es-print-only")}
    text = page.inner_text("table.es-evidence")
    page.pdf(path=str(SCREENSHOTS / "indicator-print.pdf")) if SCREENSHOTS.is_dir() else None
    context.close()
    assert state == {".md-header": False, ".md-sidebar--primary": False, ".md-search": False, ".md-footer": False,
                     ".es-facts": True, "table.es-evidence": True, ".es-print-only": True}
    assert "evidence/N003/环境监测年报.xlsx" in text
    assert "https://www.puyang.gov.cn/news/2021/0201.html" in text


def test_offline_bundle_opens_and_searches_from_file_urls(browser, tmp_path):
    site = make_site(tmp_path / "site", "base-site", "browser-site")
    result = run_script("bundle.py", "-o", tmp_path / "离线包.zip", cwd=site)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "离线包.zip") as archive:
        archive.extractall(tmp_path / "unzipped")
    index = tmp_path / "unzipped" / "离线包" / "index.html"
    context, log, page = _page(browser)
    page.goto(file_url(index))
    results = search(page, "监测")
    page.goto(results[0])
    title = page.inner_text("article h1")
    context.close()
    assert results[0].startswith("file://") and "indicators/N003.html" in results[0]
    assert title.startswith("N003")
    assert log.offsite == []


# Every page type of the site; the table-fit test visits each at both widths.
FIT_PAGES = {**A11Y_PAGES, "indicator without evidence": "indicators/N002/"}

_TABLE_OVERFLOW = """() => {
    const column = document.querySelector('.md-content__inner').getBoundingClientRect()
    const limit = Math.min(document.documentElement.clientWidth, column.right)
    return [...document.querySelectorAll('.md-content table')]
        .map(t => [(t.querySelector('th') || t).textContent.trim().slice(0, 12), Math.round(t.getBoundingClientRect().right - limit)])
        .filter(([, over]) => over > 1)
}"""
# A cell's own text on more than one line (a cell is as tall as its row, so measure the text).
_BROKEN_TOKENS = """() => [...document.querySelectorAll('.md-content td.es-nowrap, .md-content td .es-nobreak, .md-content table.es-evidence td time')]
    .filter(c => {
        const range = document.createRange()
        range.selectNodeContents(c)
        return new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))).size > 1
    })
    .map(c => c.textContent.trim())"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_no_table_runs_past_the_screen_or_the_column(browser, server, viewport):
    """At 390 px no table runs past the viewport, at 1280 px none past the content column;
    dates, IDs and figures never break inside. Screenshots of every page kept for review."""
    folder = SCREENSHOTS / "fit"
    folder.mkdir(parents=True, exist_ok=True)
    context, log, page = _page(browser, viewport)
    overflow, broken, sideways = {}, {}, {}
    for name, path in FIT_PAGES.items():
        page.goto(server + path)
        _settle(page)
        overflow[name] = page.evaluate(_TABLE_OVERFLOW)
        broken[name] = page.evaluate(_BROKEN_TOKENS)
        sideways[name] = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        page.screenshot(path=str(folder / f"{path.strip('/').replace('/', '_') or 'home'}-{viewport['width']}.png"),
                        full_page=True)
    context.close()
    assert {k: v for k, v in overflow.items() if v} == {}
    assert {k: v for k, v in broken.items() if v} == {}
    assert {k: v for k, v in sideways.items() if v > 0} == {}
    assert log.offsite == []


def test_text_evidence_shows_chinese_under_a_server_that_sends_no_charset(browser, tmp_path):
    """python -m http.server sends .txt and .csv as text/plain without a charset: the
    published copies (UTF-8 with a BOM; the GBK one converted) still read as Chinese."""
    site = make_site(tmp_path / "site", "base-site", "browser-site")
    text = "濮阳市生态环境监测信息公开情况说明:全年公开监测数据 365 次。\n"
    (site / "evidence" / "N003" / "情况说明.txt").write_bytes(text.encode("utf-8"))
    (site / "evidence" / "N003" / "监测数据.csv").write_bytes("站点,日期,空气质量\n市环境监测站,2021-02-01,良\n".encode("gbk"))
    page = site / "docs" / "indicators" / "N003.md"
    page.write_text(page.read_text("utf-8").replace("  - title: 市生态环境局公开", (
        "  - title: 情况说明\n    type: 情况简介\n    file: N003/情况说明.txt\n"
        "  - title: 监测数据\n    type: 文件\n    file: N003/监测数据.csv\n  - title: 市生态环境局公开")), "utf-8")
    result = build(site, tmp_path / "out")
    assert result.ok, result.messages()
    context, log, tab = _page(browser)
    with serve(tmp_path / "out") as base:
        shown = {}
        for name in ("情况说明.txt",):  # a CSV downloads (text/csv): Excel reads its BOM, checked below
            response = tab.goto(base + "evidence/N003/" + name)
            shown[name] = (response.headers.get("content-type", ""), tab.evaluate("() => document.characterSet"),
                           tab.evaluate("() => document.body.innerText"))
        tab.goto(file_url(tmp_path / "out" / "evidence" / "N003" / "情况说明.txt"))
        from_disk = tab.evaluate("() => document.body.innerText")
    context.close()
    assert shown["情况说明.txt"][0] == "text/plain", "the server sends no charset"
    assert shown["情况说明.txt"][1:] == ("UTF-8", text)
    assert from_disk == text, "opened from file:// too"
    csv = (tmp_path / "out" / "evidence" / "N003" / "监测数据.csv").read_bytes()
    assert csv == b"\xef\xbb\xbf" + "站点,日期,空气质量\n市环境监测站,2021-02-01,良\n".encode("utf-8"), "GBK converted"
    manifest = json.loads((tmp_path / "out" / "exports" / "evidence-manifest.json").read_text("utf-8"))
    published = {f["path"]: f["sha256"] for f in manifest["files"]}
    import hashlib
    assert published["evidence/N003/情况说明.txt"] == hashlib.sha256(b"\xef\xbb\xbf" + text.encode("utf-8")).hexdigest()
    assert (site / "evidence" / "N003" / "情况说明.txt").read_bytes() == text.encode("utf-8"), "the original is untouched"


@pytest.mark.parametrize("term, first, word", [("应诉", "P002", "应诉"), ("监测", "N003", "监测")])
def test_a_word_inside_a_compound_is_highlighted_in_the_result(browser, server, term, first, word):
    """Issue 14: the result shows where the word is, even inside 行政应诉 / 环境监测; a single
    character split off the query (应) does not put an unrelated page (N003's 应当) first."""
    context, log, page = _page(browser)
    page.goto(server)
    results = search(page, term)
    marks = page.eval_on_selector_all(".md-search-result__item mark", "ms => ms.map(m => m.textContent)")
    teasers = page.eval_on_selector_all(".md-search-result__teaser", "ts => ts.map(t => t.textContent.trim())")
    context.close()
    assert site_path(results[0]).rstrip("/").endswith(f"indicators/{first}"), results
    assert word in marks, marks
    assert set(marks) <= {word}, f"only the word itself is marked, not 应 of 应当: {marks}"
    assert not any(t[:1] in "，。、;；,:：)）" for t in teasers if t), teasers
