"""Write the site as a plain site that any MkDocs-like engine builds, and finish what an engine built.

    python scripts/stage.py OUTDIR [--audience public|assessor] [-f mkdocs.yml] [--page-folders]
    python scripts/stage.py --finish SITE_DIR [--audience public|assessor] [--stage OUTDIR]

Staging runs the normal build once (every hook and plugin, in a temporary folder) and
writes what it made into OUTDIR:

- OUTDIR/docs/: every page as the build finally made it (the indicator pages' evidence
  block, the macros, the generated pages: areas, groups, dashboards, 工作进展, the
  internal pages of the assessor version …) as Markdown holding the page's HTML, each
  where it gets the same address, and every published file (evidence copies, cleaned
  photos, exports, feeds, the site's own assets);
- OUTDIR/mkdocs.yml: the site's settings without `hooks:` and the macros plugin, the
  navigation written out; OUTDIR/overrides/ (the theme overrides, the footer filled
  in) and OUTDIR/jieba-user-dict.txt (Chinese search words);
- OUTDIR/stage.json: what the finishing step needs to know about the build.

Stock MkDocs + Material, ProperDocs or another engine then builds OUTDIR (run it inside
OUTDIR: `cd OUTDIR && mkdocs build`, which writes OUTDIR/site/), and `--finish` does
on the built HTML what must run after rendering: the public version's personal-data
masking and seal, the assessor version's banner, the Chinese search words, the off-site
request check, and the checksums (exports/SHA256SUMS). --stage names OUTDIR when
SITE_DIR is not OUTDIR/site. The README ("换引擎") says what each engine gives.

Exit status: 0 done; 1 the build failed (nothing staged) or, with --finish, the site
requests files from other hosts; 2 usage error (no mkdocs.yml, OUTDIR not empty, no
stage.json, another audience than the staged one).
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _bootstrap import EXIT_USAGE, ChineseArgumentParser

from evidencesite.catalogue.commands import say

from evidencesite.model import Audience
from evidencesite.pipeline import finish as finishing
from evidencesite.pipeline import staging
from evidencesite.pipeline.buildstate import build_date

EXIT_OK, EXIT_FAILED = 0, 1
REGENERATED = {"404.html", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json", "search/search_index.js",
               "exports/SHA256SUMS", "exports/evidence-manifest.json"}
"""Outputs the staged build or the finishing step makes again: never copied into the staged docs/."""
DICTIONARY = "jieba-user-dict.txt"


def main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(
        prog="stage.py",
        description=say("stage.description"))
    parser.add_argument("folder", metavar="OUTDIR|SITE_DIR",
                        help=say("stage.help-folder"))
    parser.add_argument("--finish", action="store_true",
                        help=say("stage.help-finish"))
    parser.add_argument("--audience", choices=[a.value for a in Audience], default=None,
                        help=say("stage.help-audience"))
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help=say("stage.help-config-file"))
    parser.add_argument("--page-folders", action="store_true",
                        help=say("stage.help-page-folders"))
    parser.add_argument("--stage", type=Path, metavar="OUTDIR",
                        help=say("stage.help-stage"))
    args = parser.parse_args(argv)
    if args.finish:
        return _finish(Path(args.folder), args.stage, args.audience)
    return _stage(Path(args.folder), Path(args.config_file), args.audience or Audience.PUBLIC.value,
                  args.page_folders)


# ---------------------------------------------------------------------------
# Staging
# ---------------------------------------------------------------------------


def _stage(out: Path, config_file: Path, audience: str, folders: bool = False) -> int:
    config_file = config_file.resolve()
    if not config_file.is_file():
        print(say("stage.config-missing", config_file=config_file), file=sys.stderr)
        return EXIT_USAGE
    out = out.resolve()
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        print(say("stage.out-not-empty", out=out), file=sys.stderr)
        return EXIT_USAGE
    if out == config_file.parent or config_file.parent in out.parents and out.parts[len(config_file.parent.parts)] in (
            "docs", "evidence"):
        print(say("stage.out-inside-site", out=out), file=sys.stderr)
        return EXIT_USAGE
    started = time.monotonic()
    _show_build_log()
    with tempfile.TemporaryDirectory(prefix="evidence-stage-") as temp:
        try:
            capture = _capture_build(config_file, Path(temp) / "site", audience)
            capture.folders = folders
        except Exception as exc:  # noqa: BLE001 - the build's own message, in staff's words where it has them
            print(say("stage.build-failed", error=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
            return EXIT_FAILED
        out.mkdir(parents=True, exist_ok=True)
        counts = _write(capture, out)
    version = say("stage.version-assessor" if audience == Audience.ASSESSOR.value else "stage.version-public")
    print(say("stage.written", version=version, out=out, pages=counts["pages"], files=counts["files"],
              seconds=f"{time.monotonic() - started:.1f}", site=out / "site"))
    return EXIT_OK


def _show_build_log() -> None:
    """The build's messages on stderr as `mkdocs build` shows them (its findings are staff's)."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "evidence_stage", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler.evidence_stage = True
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def _capture_build(config_file: Path, site_dir: Path, audience: str) -> Capture:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ["SITE_AUDIENCE"] = audience
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(config_file=str(config_file), site_dir=str(site_dir))
    capture = Capture(config_file)
    config.plugins["evidence-stage/capture"] = capture
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return capture


def _capture_class():
    """The capture plugin, made when MkDocs is imported (this script's --help and
    --finish run without it)."""
    from mkdocs.plugins import BasePlugin, event_priority

    class _Capture(BasePlugin):
        """Sees the build after every hook and plugin (priority -1000) and keeps what it made."""

        def __init__(self, config_file: Path) -> None:
            super().__init__()
            self.config_file = config_file
            self.pages: dict[str, dict[str, Any]] = {}  # src_uri -> what the page finally is
            self.nav_titles: dict[int, str | None] = {}
            self.nav: Any = None
            self.files: Any = None
            self.config: Any = None
            self.footer: list[dict[str, str]] | None = None
            self.copied: list[str] = []
            self.theme_files: list[str] = []
            self.folders = False  # --page-folders

        @event_priority(-1000)
        def on_files(self, files, config):
            self.files = files
            return files

        @event_priority(-1000)
        def on_nav(self, nav, config, files):
            self.nav = nav
            # Before the pages are read a page's title is the one the navigation gave it, or None.
            self.nav_titles = {id(p): p.title for p in nav.pages}
            return nav

        @event_priority(-1000)
        def on_env(self, env, config, files):
            self.files = files
            footer = env.globals.get("evidence_site_footer")
            if footer is not None:
                self.footer = [{"label": i.label, "text": i.text, "href": i.href} for i in footer]
            dirs = [os.path.normpath(d) for d in config.theme.dirs]
            self.theme_files = sorted(f.dest_uri for f in files if f.src_dir and os.path.normpath(f.src_dir) in dirs)
            # As hooks/output_seal.py: files copied as they are are never masked.
            self.copied = sorted(f.dest_uri for f in files if f.abs_src_path is not None
                                 and not f.is_documentation_page())
            return env

        @event_priority(-1000)  # after every hook's on_page_content: the page's final HTML
        def on_page_content(self, html, page, config, files):
            self.pages[page.file.src_uri] = {"html": html, "meta": dict(page.meta), "title": page.title,
                                             "dest": page.file.dest_uri, "url": page.file.url}
            return html

        # Only notes the config; it writes nothing into the site, so it runs before the
        # checksums (-110), as the build's order check requires (mkdocs_adapter/order.py).
        @event_priority(-109)
        def on_post_build(self, config):
            self.config = config

    return _Capture


def Capture(config_file: Path):  # noqa: N802 - reads as the class it makes
    return _capture_class()(config_file)


def _write(capture: Any, out: Path) -> dict[str, int]:
    """Write OUTDIR from what the capture plugin saw."""
    config = capture.config
    site_dir = Path(config.site_dir)
    docs = out / "docs"
    docs.mkdir()
    audience = config.extra.get("audience") or Audience.PUBLIC.value
    staged: dict[str, str] = {}  # original src_uri -> staged path
    page_dests: set[str] = set()
    generated: list[str] = []
    page_sources: dict[str, str] = {}
    docs_name = Path(config.docs_dir).name
    site = _site_of(config)
    public = Audience(audience) is Audience.PUBLIC
    allowed = site.disclosure.allowed
    for file in capture.files.documentation_pages():
        seen = capture.pages.get(file.src_uri)
        if seen is None or not (site_dir / file.dest_uri).is_file():
            continue  # not built (an excluded draft, or a page that rendered to nothing)
        path = staging.staged_path(file.src_uri, seen["dest"], not capture.folders, bool(config.use_directory_urls))
        meta = {**seen["meta"], "title": seen["meta"].get("title", seen["title"])}
        if public:  # the build masks titles only in the written page (hooks/privacy.py on_post_page)
            meta = _masked(meta, allowed)
        if str(meta.get("template", "")).startswith("blog"):
            meta.pop("template")  # Material's blog templates need the blog plugin's own page objects
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(staging.page_markdown(seen["html"], meta), encoding="utf-8")
        staged[file.src_uri] = path
        page_dests.add(seen["dest"])
        page_sources[seen["dest"]] = f"{docs_name}/{file.src_uri}"
        if file.generated_by:
            generated.append(seen["url"])
    theme = set(capture.theme_files)
    files = 0
    for rel in _site_files(site_dir):
        if rel in page_dests or rel in theme or rel in REGENERATED:
            continue
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(site_dir / rel, target)
        files += 1
    _write_theme(capture, config, out)
    (out / "mkdocs.yml").write_text(_config_text(capture, config, staged), encoding="utf-8")
    recipe = finishing.Recipe(
        audience=str(audience), site_url=config.site_url or None, generated_pages=sorted(generated),
        copied=sorted(set(capture.copied) | theme), page_sources=page_sources,
        evidence=finishing.evidence_citations(site), allowed=sorted(site.disclosure.allowed))
    recipe.save(out / finishing.RECIPE)
    return {"pages": len(staged), "files": files}


def _masked(value: Any, allowed: Any) -> Any:
    from evidencesite.text import personal_data

    if isinstance(value, str):
        return personal_data.mask(value, allowed)
    if isinstance(value, dict):
        return {k: _masked(v, allowed) for k, v in value.items()}
    if isinstance(value, list):
        return [_masked(v, allowed) for v in value]
    return value


def _masked_titles(nav: Any, allowed: Any) -> Any:
    """The navigation with its titles masked; its paths are the staged files' (safe already)."""
    from evidencesite.text import personal_data

    if isinstance(nav, list):
        return [_masked_titles(v, allowed) for v in nav]
    if isinstance(nav, dict):
        return {personal_data.mask(k, allowed): _masked_titles(v, allowed) for k, v in nav.items()}
    return nav


def _site_files(site_dir: Path) -> list[str]:
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file())


def _site_of(config: Any):
    from evidencesite.pipeline.buildstate import state_of
    return state_of(config).site


def _write_theme(capture: Any, config: Any, out: Path) -> None:
    """The theme overrides beside the staged config, the footer filled in; the search words."""
    from evidencesite.presentation.searchterms import USER_DICTIONARY

    custom = config.theme.custom_dir
    if custom and Path(custom).is_dir():
        shutil.copytree(custom, out / "overrides")
        copyright_html = out / "overrides" / "partials" / "copyright.html"
        if copyright_html.is_file():
            copyright_html.write_text(staging.footer_template(copyright_html.read_text(encoding="utf-8"),
                                                              capture.footer or []), encoding="utf-8")
    shutil.copy2(USER_DICTIONARY, out / DICTIONARY)


def _config_text(capture: Any, config: Any, staged: dict[str, str]) -> str:
    from mkdocs.structure.nav import Link, Section
    from mkdocs.utils.yaml import yaml_load

    with open(capture.config_file, encoding="utf-8-sig") as fh:
        raw = yaml_load(fh) or {}

    def entry(item: Any) -> Any:
        if isinstance(item, Section):
            return {item.title: [entry(child) for child in item.children]}
        if isinstance(item, Link):
            return {item.title: item.url}
        path = staged.get(item.file.src_uri, item.file.src_uri)
        title = capture.nav_titles.get(id(item))
        return {title: path} if title is not None else path

    nav = [entry(item) for item in capture.nav.items]
    site = _site_of(config)
    if site.settings.audience is Audience.PUBLIC:
        nav = _masked_titles(nav, site.disclosure.allowed)
    in_nav = {id(p) for p in capture.nav.pages}
    not_in_nav = sorted("/" + path for src, path in staged.items()
                        if (page := capture.files.get_file_from_path(src).page) is None or id(page) not in in_nav)
    return staging.config_text(
        raw, nav=nav, not_in_nav=not_in_nav, plugins=_plugins(raw.get("plugins"), config),
        site_url=config.site_url or None, use_directory_urls=bool(config.use_directory_urls),
        edit_uri=config.edit_uri or None, extra=_plain(dict(config.extra)),
        extra_css=[str(c) for c in config.extra_css], extra_javascript=[_script(s) for s in config.extra_javascript],
        custom_dir="overrides" if (config.theme.custom_dir and Path(config.theme.custom_dir).is_dir()) else None,
        dictionary=DICTIONARY)


def _plugins(raw: Any, config: Any) -> list:
    """The plugins the staged site keeps: not the macros (their output is in the pages), nor
    the blog and its feed (posts are staged as pages, the feeds as files), nor one switched off."""
    kept = []
    for item in raw or []:
        name, options = (item, None) if isinstance(item, str) else next(iter(item.items()))
        if name in ("macros", "blog", "material/blog", "rss"):
            continue
        plugin = config.plugins.get(name) or config.plugins.get(f"material/{name}")
        if plugin is None:
            continue
        kept.append(name if options is None else {name: options})
    return kept


def _script(value: Any) -> Any:
    path = str(value)
    options = {k: getattr(value, k) for k in ("type", "defer", "async") if getattr(value, k, None)}
    return {"path": path, **options} if options else path


def _plain(value: Any) -> Any:
    """Config values as YAML writes them (MkDocs keeps some in its own dict types)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


# ---------------------------------------------------------------------------
# Finishing
# ---------------------------------------------------------------------------


def _finish(site_dir: Path, stage: Path | None, audience: str | None) -> int:
    site_dir = site_dir.resolve()
    if not (site_dir / "index.html").is_file():
        print(say("stage.not-a-site", site_dir=site_dir), file=sys.stderr)
        return EXIT_USAGE
    stage = (stage or site_dir.parent).resolve()
    try:
        recipe = finishing.Recipe.load(stage / finishing.RECIPE)
    except ValueError as exc:
        print(say("stage.recipe-problem", problem=exc, recipe=finishing.RECIPE), file=sys.stderr)
        return EXIT_USAGE
    if audience and audience != recipe.audience:
        print(say("stage.audience-mismatch", written=recipe.audience, asked=audience), file=sys.stderr)
        return EXIT_USAGE
    import jieba

    jieba.setLogLevel(logging.WARNING)  # its dictionary-loading chatter is not for staff
    started = time.monotonic()
    done = finishing.finish(site_dir, recipe, build_date())
    for line in finishing.format_findings(done.findings):
        print(line)
    print(say("stage.finished", pages=done.pages, sealed=len(done.sealed), fingerprint=done.fingerprint,
              seconds=f"{time.monotonic() - started:.1f}"))
    return EXIT_FAILED if done.findings else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
