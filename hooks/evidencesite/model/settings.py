"""Where a site keeps its parts, and its tunable limits: one dataclass, read from
`extra.evidence_site` in mkdocs.yml (every key optional), so the build and
`scripts/check.py` see the same values.

Every limit is a field here with its default (README and the staff guide list them).
A number that is not a positive number, or a key that is not a setting, is a
ValueError whose Chinese message names the key, the value and the fix.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from evidencesite.model import Audience
from evidencesite.catalogue.reasons import os_reason, yaml_problem
from evidencesite.catalogue.settings import say
from evidencesite.catalogue.reading import say as reading_say
from evidencesite.model.engine import EngineConfig


@dataclass(frozen=True)
class Settings:
    docs_dir: str = "docs"
    evidence_dir: str = "evidence"
    """The evidence folder, relative to the site root (beside docs/)."""
    framework: str = "docs/indicators/framework.yml"
    phases: str = "docs/indicators/phases.yml"
    """The campaign's phases and time nodes (optional; see hooks/evidencesite/reading/phases.py)."""
    large_file_mb: float = 50
    """An evidence file larger than this is advice."""
    audience: Audience = Audience.PUBLIC
    self_assessment: str = "docs/self-assessment.md"
    """The self-assessment report (自评报告) page, relative to the site root."""
    self_assessment_max_chars: int = 2000
    """The report's limit in characters as readers see them (work plan 六(六): 不超过2000字)."""
    sections: tuple[str, ...] = ("self-assessment.md", "news/", "policy/", "participation.md", "guide/")
    """Pages and folders (relative to docs/) placed last in the navigation, in this order;
    one with no content is not published."""
    image_max_px: int = 2000
    """Published photos are scaled down to this longest edge (pixels)."""
    pii_allow_file: str = "pii-allow.yml"
    """Reviewed personal-data false positives (hashes only), relative to the site root."""
    cache_dir: str = ".cache/evidence-site"
    """Build cache, relative to the site root; safe to delete, never inside docs/ or evidence/."""
    note_max_chars: int = 500
    """An on_site or none note longer than this is advice (details belong in the page's prose)."""
    evidence_path_max_chars: int = 120
    """An evidence path (under evidence/) longer than this is advice: Windows cannot unzip or
    copy paths over 260 characters, and the bundle and the copy's own folder add to it."""
    text_scan_max_mb: float = 200
    """Evidence files larger than this are not read for personal data (reported as not
    checked), so a huge file never has to fit in memory."""
    onsite_record: str = "onsite-record.yml"
    """The 核查记录 of the on-site verification (see onsite_record.py), relative to the site root."""
    evidence_window_start: dt.date | None = None
    """Evidence dated before this day gets advice naming the item (the work plan collects
    material "2016年以来": 2016-01-01). None: no lower bound."""
    evidence_window_end: dt.date | None = None
    """Evidence dated after this day gets advice. None: no upper bound."""
    image_max_megapixels: float = 89
    """A photo with more pixels than this (millions) is not decoded (a "decompression bomb"
    would take all memory); it is reported as an image that cannot be opened. Pillow's own
    guard refuses more than twice its 89 million pixels whatever this says."""
    as_of: dt.date | None = None
    """Freeze the date the figures are counted at (an archived site); without it they are
    counted at the build date, or at the end of the last phase once that has passed."""
    publish_internal: bool = False
    """Internal pages (gaps, units and ranking, overdue, ledger, staff guide) in the public
    build too (evidencesite/presentation/internal.py); they are always in the assessor build and `mkdocs serve`."""
    upload_file_max_mb: float = 20
    """The declaration system's limit for one uploaded file; package.py advises on every
    file in the package over it (and on the compiled materials PDF)."""
    upload_total_max_mb: float = 1024
    """The declaration system's limit for all files together (package.py advises when over)."""
    upload_types: tuple[str, ...] = ("pdf", "doc", "docx", "xls", "xlsx", "jpg", "jpeg", "png", "txt")
    """File types (extensions) the declaration system accepts; package.py advises on others."""
    engine: EngineConfig = field(default_factory=EngineConfig, compare=False)
    """The config file the engine loaded (not a key of `evidence_site`; see model/engine.py)."""

    @classmethod
    def from_mapping(cls, values: Any, **overrides: Any) -> "Settings":
        kinds = {f.name: f.type for f in dataclasses.fields(cls) if f.name != "engine"}
        if values is not None and not isinstance(values, dict):
            raise ValueError(say("settings.not-a-mapping"))
        values = dict(values or {})
        unknown = [k for k in values if k not in kinds]
        if unknown:
            close = difflib.get_close_matches(str(unknown[0]), list(kinds), n=1, cutoff=0.6)
            raise ValueError(say("settings.unknown-setting", unknown=unknown[0])
                             + (reading_say("schema.did-you-mean",
                                            meant=close[0]) if close else say("settings.known-settings",
                                                                              kinds='、'.join(kinds))))
        given = {**values, **{k: v for k, v in overrides.items() if v is not None}}  # `engine` among them
        if "audience" in given:
            given["audience"] = parse_audience(given["audience"])
        for key, kind in kinds.items():
            if key not in given:
                continue
            if key == "as_of":
                given[key] = _date(key, given[key])
            elif kind in ("int", "float"):
                given[key] = _positive(key, given[key], int if kind == "int" else float)
            elif kind == "str":
                given[key] = _folder_path(key, given[key])
            elif kind == "bool":
                given[key] = _flag(key, given[key])
            elif key.startswith("evidence_window_"):
                given[key] = _date(key, given[key])
            elif key == "sections":
                if not isinstance(given[key], list) or not all(isinstance(s, str) and s.strip() for s in given[key]):
                    raise ValueError(say("settings.sections-not-list"))
                given[key] = tuple(s.strip() for s in given[key])
            elif key == "upload_types":
                given[key] = _extensions(key, given[key])
        settings = cls(**given)
        start, end = settings.evidence_window_start, settings.evidence_window_end
        if start and end and end < start:
            raise ValueError(say("settings.window-reversed", end=end, start=start))
        # Everything under docs/ is published: private inputs placed there would be too.
        docs = settings.docs_dir.rstrip("/") + "/"
        for key, what in (("evidence_dir", say("settings.what-evidence")),
                          ("pii_allow_file", say("settings.what-pii-reviews"))):
            value = getattr(settings, key)
            if (value.rstrip("/") + "/").startswith(docs) or docs.startswith(value.rstrip("/") + "/"):
                raise ValueError(say("settings.path-inside-docs", setting=key, value=value, docs_dir=settings.docs_dir,
                                     what=what, default=getattr(Settings, key)))
        for inside in (settings.docs_dir, settings.evidence_dir):
            if (settings.cache_dir + "/").startswith(inside.rstrip("/") + "/"):
                raise ValueError(say("settings.cache-inside", inside=inside))
        return settings

    @property
    def indicators_dir(self) -> str:
        return f"{self.docs_dir}/indicators"

    def engine_config(self, root: Path) -> dict[str, Any]:
        """The engine's config file as plain data (see model/engine.py)."""
        if self.engine.data is not None:
            return dict(self.engine.data)
        return read_mkdocs_config(Path(root), self.engine.file)

    def evidence_path(self, path: str) -> str:
        """An evidence file (a path relative to the evidence folder) as findings and reports
        name it: relative to the site root, in the folder staff put it in."""
        return f"{self.evidence_dir}/{path}"


def _positive(key: str, value: Any, kind: type) -> float | int:
    try:
        number = kind(value) if not isinstance(value, bool) else 0
        if kind is int and float(value) != number:
            number = 0  # 2.5 pixels: say so rather than round
    except (TypeError, ValueError, OverflowError):
        number = 0
    if not 0 < number < float("inf"):
        raise ValueError(say("settings.number-invalid", setting=key, value=value,
                             kind=say("settings.kind-integer") if kind is int else say("settings.kind-number")))
    return number


def _date(key: str, value: Any) -> dt.date | None:
    """A date setting written as 2016-01-01 (YAML may already have read it as a date)."""
    if value is None or value == "" or isinstance(value, dt.date):
        return value or None
    try:
        return dt.date.fromisoformat(unicodedata.normalize("NFKC", str(value)).strip().replace("/", "-"))
    except ValueError:
        raise ValueError(say("settings.date-invalid", setting=key, value=value)) from None


def _flag(key: str, value: Any) -> bool:
    """true/false as YAML writes them, or as text from an environment variable (!ENV)."""
    text = str(value).strip().lower()
    if isinstance(value, bool) or text in ("true", "false"):
        return value if isinstance(value, bool) else text == "true"
    raise ValueError(say("settings.bool-invalid", setting=key, value=value))
def _extensions(key: str, value: Any) -> tuple[str, ...]:
    """['PDF', '.docx'] -> ('pdf', 'docx'): staff write extensions either way."""
    items = value if isinstance(value, list) else []
    names = tuple(str(v).strip().lstrip(".").lower() for v in items if isinstance(v, str))
    if not items or len(names) != len(items) or not all(n.isalnum() for n in names):
        raise ValueError(say("settings.suffixes-not-list", setting=key))
    return names


def _folder_path(key: str, value: Any) -> str:
    """A path relative to the site root: text, forward slashes, inside the site."""
    text = value.strip().replace("\\", "/").rstrip("/") if isinstance(value, str) else ""
    if not text or text.startswith("/") or (len(text) > 1 and text[1] == ":") or ".." in text.split("/"):
        raise ValueError(say("settings.path-invalid", setting=key, value=value, default=getattr(Settings, key, 'docs')))
    return text


def parse_audience(value: Any) -> Audience:
    text = str(value or "").strip().lower() or Audience.PUBLIC.value
    try:
        return Audience(text)
    except ValueError:
        allowed = say("settings.word-or").join(a.value for a in Audience)
        raise ValueError(say("settings.audience-invalid", value=value, allowed=allowed)) from None


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing its tags (!ENV, !!python/name …)."""


def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if suffix == "ENV" or suffix.endswith("ENV"):
        import os
        names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
        *variables, default = names if len(names) > 1 else (*names, None)
        return next((os.environ[v] for v in variables if v in os.environ), default)
    return None


_TolerantLoader.add_multi_constructor("!", _tagged)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_mkdocs_config(root: Path, name: str = "mkdocs.yml") -> dict[str, Any]:
    """The config file `name` (mkdocs.yml unless `-f` said otherwise) as plain data (tags
    not executed); {} when there is none. A file that cannot be read is a ValueError
    saying, in Chinese, where and how to fix it."""
    path = root / name
    if not path.is_file():
        return {}
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError(say("settings.file-not-utf8")) from None
    except OSError as exc:
        raise ValueError(say("settings.file-unreadable", os_reason=os_reason(exc))) from None
    try:
        data = yaml.load(text, Loader=_TolerantLoader)
    except yaml.YAMLError as exc:
        line, detail = yaml_problem(exc)
        where = say("settings.where-line", line=line) if line else ""
        raise ValueError(say("settings.yaml-syntax", where=where, detail=detail)) from None
    return data if isinstance(data, dict) else {}


def read_engine_config(path: Path) -> EngineConfig:
    """The engine's config file at `path`, read once (a ValueError in Chinese when unreadable)."""
    return EngineConfig(path.name, read_mkdocs_config(path.parent, path.name))


def settings_for(root: Path, audience: str | None = None, config_file: str = "mkdocs.yml") -> Settings:
    """The settings a build of the site at `root` with `config_file` would use (the audience,
    unless given, from `extra.audience`, i.e. SITE_AUDIENCE as the config file reads it)."""
    engine = read_engine_config(Path(root) / config_file)
    config = dict(engine.data)
    extra = config.get("extra") if isinstance(config.get("extra"), dict) else {}
    values = extra.get("evidence_site") or {}
    if isinstance(values, dict):
        values = {**values}
        values.setdefault("docs_dir", config.get("docs_dir", "docs"))
    return Settings.from_mapping(values, audience=audience if audience is not None else extra.get("audience"),
                                 engine=engine)
