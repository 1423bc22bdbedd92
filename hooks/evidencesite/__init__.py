"""The evidence site's domain: framework, indicators, evidence, findings.

Everything here runs without MkDocs, so `scripts/check.py`, the exports and the
tests use the same code as the build. The MkDocs hooks beside this package are thin
adapters over it.
"""
