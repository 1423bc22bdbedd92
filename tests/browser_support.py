"""Browser-test machinery: Debian's chromium driven by playwright, a small threaded
web server for built sites (optionally under a sub-path), a request recorder that
blocks every host but 127.0.0.1, Material's search, and axe-core.

Chromium is never downloaded: playwright drives /usr/bin/chromium (or $CHROMIUM).
Without it the browser tests skip with one line saying how to install it, and fail
under CI=true. axe-core comes from node_modules/ (npm ci), never from the network.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parents[1]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / ".cache" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
INSTALL_HINT = ("浏览器测试已跳过:找不到 chromium。安装方法(Debian/Ubuntu,root):"
                "apt-get install -y chromium fonts-wqy-microhei,或运行 bash scripts/setup_test_env.sh")


def chromium_path() -> str | None:
    """$CHROMIUM if set, else Debian's /usr/bin/chromium (or chromium on PATH)."""
    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"] if Path(os.environ["CHROMIUM"]).is_file() else None
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else shutil.which("chromium")


def missing_browser_reason() -> str | None:
    """Why browser tests cannot run here, or None when they can."""
    if not chromium_path():
        return INSTALL_HINT
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "浏览器测试已跳过:没有安装 playwright(pip install -r requirements-test.txt)。"
    return None


# ---------------------------------------------------------------------------
# Serving a built site
# ---------------------------------------------------------------------------


class _Handler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"

    def translate_path(self, path: str) -> str:
        clean = urlsplit(path).path
        if not clean.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_prefix__")
        return super().translate_path("/" + clean[len(self.prefix):])

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass


@contextmanager
def serve(directory: Path, prefix: str = "/") -> Iterator[str]:
    """Serve directory at http://127.0.0.1:<port><prefix>; yields that base URL."""
    handler = type("Handler", (_Handler,), {"prefix": prefix})
    with serve_with(functools.partial(handler, directory=str(directory))) as base:
        yield base + prefix


@contextmanager
def serve_with(handler) -> Iterator[str]:  # noqa: ANN001 - a request handler class or factory
    """A loopback server answering with `handler`; yields http://127.0.0.1:<port>."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# ---------------------------------------------------------------------------
# Recording requests
# ---------------------------------------------------------------------------


@dataclass
class RequestLog:
    """Every request a browser context made; anything not on 127.0.0.1 (or a local
    file, data: or blob: URL) was aborted and is listed in `offsite`."""

    urls: list[str] = field(default_factory=list)
    offsite: list[str] = field(default_factory=list)

    def attach(self, context) -> "RequestLog":
        context.route("**/*", self._route)
        context.on("request", lambda request: self.urls.append(request.url))
        return self

    def _route(self, route) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("file", "data", "blob") or parts.hostname == "127.0.0.1":
            route.continue_()
        else:
            self.offsite.append(url)
            route.abort()


# ---------------------------------------------------------------------------
# Page helpers
# ---------------------------------------------------------------------------


def search(page, term: str) -> list[str]:
    """Type term into Material's search; the result links, best first."""
    page.keyboard.press("Escape")
    box = page.locator("input.md-search__input")
    if not box.is_visible():  # on a phone the search box opens from the header's search icon
        page.locator("label.md-header__button[for='__search']").click()
        box.wait_for(state="visible")
    box.focus()
    box.fill("")
    page.keyboard.press("End")
    page.wait_for_function("() => !document.querySelector('.md-search-result__item')")  # old results gone
    page.keyboard.type(term)
    page.keyboard.press("End")  # Material listens for keyup, which typing does not fire
    page.wait_for_function(
        "() => document.querySelector('.md-search-result__meta')"
        " && !/正在初始化|键入以开始/.test(document.querySelector('.md-search-result__meta').textContent)"
        " && document.querySelectorAll('.md-search-result__item').length > 0", timeout=15000)
    return page.eval_on_selector_all(".md-search-result__item > a.md-search-result__link",
                                     "links => links.map(a => a.getAttribute('href'))")


def axe_violations(page) -> list[dict]:
    """axe-core with the WCAG 2.1 A and AA rules, run on the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
                           WCAG_21_AA)
    return [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]]


def font_families(page, selector: str) -> list[str]:
    """The platform fonts that drew the text of the first element matching selector."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    return [f["familyName"] for f in fonts]


def file_url(path: Path) -> str:
    return path.resolve().as_uri()


def site_path(url: str) -> str:
    return unquote(urlsplit(url).path)


# ---------------------------------------------------------------------------
# Following links without a browser
# ---------------------------------------------------------------------------


def crawl(start: str, limit: int = 400) -> dict[str, int]:
    """Fetch start and every page, stylesheet, script and file it links to under the
    same base, breadth first; url -> HTTP status. Links a person clicks to other hosts
    are not followed."""
    import urllib.error
    import urllib.request
    from html.parser import HTMLParser
    from urllib.parse import urldefrag, urljoin

    class Links(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.found: list[str] = []

        def handle_starttag(self, tag, attrs) -> None:
            self.found += [v for k, v in attrs if k in ("href", "src") and v]

    status: dict[str, int] = {}
    queue = [start]
    while queue and len(status) < limit:
        url = queue.pop(0)
        if url in status:
            continue
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                status[url] = response.status
                body = response.read()
                kind = response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            status[url] = error.code
            continue
        if "text/html" in kind:
            parser = Links()
            parser.feed(body.decode("utf-8", "replace"))
            for link in parser.found:
                target = urldefrag(urljoin(url, link)).url
                if target.startswith(start) and target not in status:
                    queue.append(target)
    return status
