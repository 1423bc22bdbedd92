"""The engine's config file (mkdocs.yml, or whatever `mkdocs build -f` named) as plain data:
what the domain reads from it besides its own settings (the blog's folders, the Markdown
extensions that count the self-assessment report, site_url and site_name, the footer).

The build passes the file MkDocs loaded; `scripts/check.py -f` the file it was given.
Code that makes `Settings` itself without saying (tests, library use) gets `data=None`:
the site's `mkdocs.yml` is read when first needed, as before there was a choice."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class EngineConfig:
    file: str = "mkdocs.yml"
    """Its name, relative to the site root: messages name it so staff open the right file."""
    data: Mapping[str, Any] | None = None
    """Its content, tags not executed; None when not read yet (see the module's docstring)."""
