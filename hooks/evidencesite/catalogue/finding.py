"""What a finding is: one sentence from the catalogue, placed in a file, and how it behaves.

The vocabulary `Severity` and the `Finding` record live at the bottom of the domain, with
the catalogue that writes them, so that any layer (the settings in the model included)
can tell staff what is wrong without importing anything above it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from evidencesite.catalogue.checks import say


class Severity(enum.Enum):
    """How a finding behaves; see the contract's severity table."""

    ERROR = "错误"
    """Malformed or contradictory input: fails strict builds and the check."""
    GAP = "缺口"
    """Work still to do: counted in drafts, fails strict builds."""
    ADVICE = "建议"
    """Worth a look: listed in drafts, fails strict builds."""

    @property
    def label(self) -> str:
        return self.value

    def fails(self, strict: bool) -> bool:
        """Whether this finding makes `check.py` (or a strict build) fail."""
        return strict or self is Severity.ERROR


@dataclass(frozen=True)
class Finding:
    """One thing the check found, written for staff: file, line, field, problem, fix."""

    severity: Severity
    code: str
    path: str
    problem: str
    fix: str
    line: int | None = None
    field: str = ""
    indicator: str = ""
    source: str = ""
    public: bool = True
    """False when the finding is about a `public: false` evidence item: the public build's
    pages then say only that the item has an error, not what it holds."""

    def location(self) -> str:
        where = self.path + (say("finding.where-line", line=self.line) if self.line else "")
        return where + (say("finding.where-field", field=self.field) if self.field else "")

    def format(self) -> str:
        """The one-line message staff read, in the build log and in check.py."""
        return say("finding.one-line", severity=self.severity.label, location=self.location(), problem=self.problem,
                   fix=self.fix)
