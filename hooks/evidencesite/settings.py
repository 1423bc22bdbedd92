"""Where a site keeps its parts, and its tunable limits: one dataclass, read from
`extra.evidence_site` in mkdocs.yml (every key optional), so the build and
`scripts/check.py` see the same values.

Every limit is a field here with its default (README and the staff guide list them).
A number that is not a positive number, or a key that is not a setting, is a
ValueError whose Chinese message names the key, the value and the fix.
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from evidencesite.model import Audience


@dataclass(frozen=True)
class Settings:
    docs_dir: str = "docs"
    evidence_dir: str = "evidence"
    """The evidence folder, relative to the site root (beside docs/)."""
    framework: str = "docs/indicators/framework.yml"
    phases: str = "docs/indicators/phases.yml"
    """The campaign's phases and time nodes (optional; see hooks/evidencesite/phases.py)."""
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
    image_max_megapixels: float = 100
    """A photo with more pixels than this is not decoded (a "decompression bomb" would
    take all memory); it is reported as an image that cannot be opened."""

    @classmethod
    def from_mapping(cls, values: dict[str, Any] | None, **overrides: Any) -> "Settings":
        kinds = {f.name: f.type for f in dataclasses.fields(cls)}
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
            if key in given and kind in ("int", "float"):
                given[key] = _positive(key, given[key], int if kind == "int" else float)
        if "sections" in given:
            given["sections"] = tuple(str(s) for s in given["sections"] or ())
        return cls(**given)

    @property
    def indicators_dir(self) -> str:
        return f"{self.docs_dir}/indicators"


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
    """mkdocs.yml as plain data (tags not executed); {} when there is none."""
    path = root / "mkdocs.yml"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8-sig") as f:
        data = yaml.load(f, Loader=_TolerantLoader)
    return data if isinstance(data, dict) else {}


def settings_for(root: Path, audience: str | None = None) -> Settings:
    """The settings a build of the site at `root` would use (the audience, unless given,
    from `extra.audience`, i.e. SITE_AUDIENCE as mkdocs.yml reads it)."""
    config = read_mkdocs_config(root)
    extra = config.get("extra") or {}
    values = dict(extra.get("evidence_site") or {})
    values.setdefault("docs_dir", config.get("docs_dir", "docs"))
    return Settings.from_mapping(values, audience=audience if audience is not None else extra.get("audience"))
