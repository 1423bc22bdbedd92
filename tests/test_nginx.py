"""The shipped nginx configuration (deploy/nginx/evidence-site.conf), loaded by Debian's
nginx on 127.0.0.1 and serving a build under the sub-path /ztzl/fzzf/: pages, Chinese
file names, .pdf and .xlsx with their MIME types, the 404 page, the security headers,
and the search in a browser with no Content-Security-Policy violation."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

from browser_support import RequestLog, crawl, search
from conftest import REPO, build, make_site

CONF = REPO / "deploy" / "nginx" / "evidence-site.conf"
SUB_PATH = "/ztzl/fzzf/"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture(scope="module")
def nginx(tmp_path_factory):
    """nginx serving a fresh build with the shipped configuration; yields the base URL."""
    if not Path(NGINX).is_file():
        message = "nginx 测试已跳过:找不到 nginx。安装方法(Debian/Ubuntu,root):apt-get install -y nginx"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    root = tmp_path_factory.mktemp("nginx")
    port = _free_port()
    base = f"http://127.0.0.1:{port}{SUB_PATH}"
    site = make_site(root / "site", "base-site", "browser-site")
    os.environ["SITE_URL"] = base
    try:
        assert build(site, root / "out").ok
    finally:
        del os.environ["SITE_URL"]
    snippet = CONF.read_text(encoding="utf-8").replace("/var/www/evidence-site/site/", f"{root / 'out'}/")
    (root / "evidence-site.conf").write_text(snippet, encoding="utf-8")
    temp = {name: root / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    for folder in temp.values():
        folder.mkdir()
    (root / "nginx.conf").write_text(f"""
{"user root;" if os.geteuid() == 0 else ""}
worker_processes 1;
daemon off;
pid {root / "nginx.pid"};
error_log {root / "error.log"} warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {temp["body"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        include {root / "evidence-site.conf"};
    }}
}}
""", encoding="utf-8")
    test = subprocess.run([NGINX, "-t", "-p", str(root), "-c", str(root / "nginx.conf")], capture_output=True, text=True)
    assert test.returncode == 0, test.stderr
    process = subprocess.Popen([NGINX, "-p", str(root), "-c", str(root / "nginx.conf")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_pages_and_every_link_under_the_sub_path(nginx):
    status = crawl(nginx)
    assert {url: code for url, code in status.items() if code != 200} == {}
    assert len(status) > 20
    code, headers, body = _fetch(nginx + "indicators/N003/")
    assert code == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert "生态环境监测信息公开" in body.decode("utf-8")


def test_directory_without_slash_redirects_relatively(nginx):
    code, headers, _ = _fetch(nginx + "indicators/N003")
    assert code == 301 and headers["Location"] == SUB_PATH + "indicators/N003/"
    code, headers, _ = _fetch(nginx.rstrip("/"))
    assert code == 301 and headers["Location"] == SUB_PATH


@pytest.mark.parametrize("path, mime", [
    ("evidence/N001/权责清单通知.pdf", "application/pdf"),
    ("evidence/N003/环境监测年报.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("search/search_index.json", "application/json"),
    ("assets/evidence-site/head.js", "application/javascript"),
])
def test_downloads_with_chinese_names_and_right_mime_types(nginx, path, mime):
    code, headers, body = _fetch(nginx + quote(path))
    assert code == 200, path
    assert headers["Content-Type"].split(";")[0] == mime
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert body


def test_404_page_is_the_sites_own_with_headers(nginx):
    code, headers, body = _fetch(nginx + "indicators/N999/")
    html = body.decode("utf-8")
    assert code == 404
    assert "404" in html and f'href="{SUB_PATH}assets/stylesheets/' in html
    assert "Content-Security-Policy" in headers
    assert _fetch(f"{nginx}assets/evidence-site/reading.css")[0] == 200


def test_security_headers_and_strict_csp(nginx):
    _, headers, _ = _fetch(nginx)
    assert headers["X-Frame-Options"] == "SAMEORIGIN"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    policy = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'self'" and policy["script-src"] == "'self'" and policy["object-src"] == "'none'"
    exceptions = {(d, s) for d, sources in policy.items() for s in sources.split() if s not in ("'self'", "'none'")}
    assert exceptions == {("img-src", "data:"), ("style-src-attr", "'unsafe-inline'")}
    comments = "\n".join(line for line in CONF.read_text(encoding="utf-8").splitlines() if line.strip().startswith("#"))
    for directive, source in exceptions:  # each exception is explained in the configuration
        assert re.search(rf"{re.escape(directive)}\s+{re.escape(source)}\s+\S", comments), directive


@pytest.mark.browser
def test_search_through_nginx_without_csp_violations(browser, nginx):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    log = RequestLog().attach(context)
    context.add_init_script("""window.__csp = [];
        document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI))""")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(nginx + "indicators/N003/")
    results = search(page, "监测")
    violations = page.evaluate("() => window.__csp")
    context.close()
    assert results[0].split("?")[0].endswith("/indicators/N003/")
    assert violations == [] and errors == []
    assert log.offsite == []
