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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from evidencesite.model import Audience
from evidencesite.catalogue.reasons import os_reason, yaml_problem


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

    @classmethod
    def from_mapping(cls, values: Any, **overrides: Any) -> "Settings":
        kinds = {f.name: f.type for f in dataclasses.fields(cls)}
        if values is not None and not isinstance(values, dict):
            raise ValueError("evidence_site 应当是缩进的一组“设置: 值”,例如下一行写 large_file_mb: 50。")
        values = dict(values or {})
        unknown = [k for k in values if k not in kinds]
        if unknown:
            close = difflib.get_close_matches(str(unknown[0]), list(kinds), n=1, cutoff=0.6)
            raise ValueError(f"evidence_site 中没有“{unknown[0]}”这项设置。"
                             + (f"您是不是要写 {close[0]}?" if close else f"可用的设置:{'、'.join(kinds)}。"))
        given = {**values, **{k: v for k, v in overrides.items() if v is not None}}
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
                    raise ValueError("evidence_site.sections 应当是列表,每项一行,以“- ”开头,例如 - news/。")
                given[key] = tuple(s.strip() for s in given[key])
            elif key == "upload_types":
                given[key] = _extensions(key, given[key])
        settings = cls(**given)
        start, end = settings.evidence_window_start, settings.evidence_window_end
        if start and end and end < start:
            raise ValueError(f"evidence_site.evidence_window_end({end})早于 evidence_window_start({start}),请改正其中一个。")
        # Everything under docs/ is published: private inputs placed there would be too.
        docs = settings.docs_dir.rstrip("/") + "/"
        for key, what in (("evidence_dir", "证据文件夹(其中有不公开的材料)"), ("pii_allow_file", "个人信息复核记录")):
            value = getattr(settings, key)
            if (value.rstrip("/") + "/").startswith(docs) or docs.startswith(value.rstrip("/") + "/"):
                raise ValueError(f"evidence_site.{key} 是“{value}”,在 {settings.docs_dir}/ 里(或包含它):"
                                 f"{settings.docs_dir}/ 中的文件都会发布到网站上,{what}不能放在那里。"
                                 f"请改回默认的 {getattr(Settings, key)}(与 {settings.docs_dir}/ 并列)。")
        for inside in (settings.docs_dir, settings.evidence_dir):
            if (settings.cache_dir + "/").startswith(inside.rstrip("/") + "/"):
                raise ValueError(f"evidence_site.cache_dir 不能放在 {inside}/ 里(构建从不写入 docs/ 和 evidence/),"
                                 "请改回默认的 .cache/evidence-site。")
        return settings

    @property
    def indicators_dir(self) -> str:
        return f"{self.docs_dir}/indicators"

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
        raise ValueError(f"evidence_site.{key} 的值“{value}”无效,应当是大于 0 的{'整数' if kind is int else '数'}。")
    return number


def _date(key: str, value: Any) -> dt.date | None:
    """A date setting written as 2016-01-01 (YAML may already have read it as a date)."""
    if value is None or value == "" or isinstance(value, dt.date):
        return value or None
    try:
        return dt.date.fromisoformat(unicodedata.normalize("NFKC", str(value)).strip().replace("/", "-"))
    except ValueError:
        raise ValueError(f"evidence_site.{key} 的值“{value}”不是日期,应当写成 年-月-日,例如 2016-01-01。") from None


def _flag(key: str, value: Any) -> bool:
    """true/false as YAML writes them, or as text from an environment variable (!ENV)."""
    text = str(value).strip().lower()
    if isinstance(value, bool) or text in ("true", "false"):
        return value if isinstance(value, bool) else text == "true"
    raise ValueError(f"evidence_site.{key} 的值“{value}”无效,只能是 true 或 false。")
def _extensions(key: str, value: Any) -> tuple[str, ...]:
    """['PDF', '.docx'] -> ('pdf', 'docx'): staff write extensions either way."""
    items = value if isinstance(value, list) else []
    names = tuple(str(v).strip().lstrip(".").lower() for v in items if isinstance(v, str))
    if not items or len(names) != len(items) or not all(n.isalnum() for n in names):
        raise ValueError(f"evidence_site.{key} 应当是文件扩展名的列表,每项一行,以“- ”开头,例如 - pdf。")
    return names


def _folder_path(key: str, value: Any) -> str:
    """A path relative to the site root: text, forward slashes, inside the site."""
    text = value.strip().replace("\\", "/").rstrip("/") if isinstance(value, str) else ""
    if not text or text.startswith("/") or (len(text) > 1 and text[1] == ":") or ".." in text.split("/"):
        raise ValueError(f"evidence_site.{key} 的值“{value}”无效,应当是网站根目录下的相对路径,例如 "
                         f"{getattr(Settings, key, 'docs')}。")
    return text


def parse_audience(value: Any) -> Audience:
    text = str(value or "").strip().lower() or Audience.PUBLIC.value
    try:
        return Audience(text)
    except ValueError:
        allowed = " 或 ".join(a.value for a in Audience)
        raise ValueError(f"SITE_AUDIENCE 的值“{value}”无效,只能是 {allowed}。") from None


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


def read_mkdocs_config(root: Path) -> dict[str, Any]:
    """mkdocs.yml as plain data (tags not executed); {} when there is none. A file that
    cannot be read is a ValueError saying, in Chinese, where and how to fix it."""
    path = root / "mkdocs.yml"
    if not path.is_file():
        return {}
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError("文件不是 UTF-8 编码(可能被记事本存成了 ANSI/GBK)。用记事本“另存为”,编码选 UTF-8。") from None
    except OSError as exc:
        raise ValueError(f"文件无法读取({os_reason(exc)})。") from None
    try:
        data = yaml.load(text, Loader=_TolerantLoader)
    except yaml.YAMLError as exc:
        line, detail = yaml_problem(exc)
        where = f"第{line}行" if line else ""
        raise ValueError(f"{where} YAML 格式错误:{detail}。冒号后要有一个空格,缩进只用空格(不要用 Tab),"
                         "含冒号或 # 的文字要加英文引号。") from None
    return data if isinstance(data, dict) else {}


def settings_for(root: Path, audience: str | None = None) -> Settings:
    """The settings a build of the site at `root` would use (the audience, unless given,
    from `extra.audience`, i.e. SITE_AUDIENCE as mkdocs.yml reads it)."""
    config = read_mkdocs_config(root)
    extra = config.get("extra") if isinstance(config.get("extra"), dict) else {}
    values = extra.get("evidence_site") or {}
    if isinstance(values, dict):
        values = {**values}
        values.setdefault("docs_dir", config.get("docs_dir", "docs"))
    return Settings.from_mapping(values, audience=audience if audience is not None else extra.get("audience"))
