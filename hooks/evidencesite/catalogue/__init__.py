"""Every sentence staff read as a message lives in this package, by name.

- `messages`: the findings (code, severity, problem, fix) and the other texts of the
  page checks; `register_messages`: the importer's notices.
- `commands`: what scripts/*.py print (--help, usage errors, progress, results).
- `settings`: the errors in mkdocs.yml's `extra.evidence_site` and SITE_AUDIENCE.
- `reading`, `checks`, `intake`, `publishing`: the problems, reasons and labels the
  domain's sub-packages of those names put into findings, exceptions and reports.
- `adapter`: what the MkDocs adapter (hooks/mkdocs_adapter/) says in the build log.
- `finding`: what a finding is (`Finding`, `Severity`); `reasons`: why a file or a YAML
  text cannot be read.

The bottom layer (see `evidencesite.LAYERS`): it imports nothing else of the domain, so
any layer, the model's settings included, can tell staff what is wrong.

Each module holds one table of named entries with `{placeholders}` and one function
that fills them; code refers to an entry by its name. tests/test_catalogue.py fails on a
Chinese string literal anywhere else, except in the modules below: page and document
templates and vocabularies, whose wording is content rather than a message. A module
listed here keeps its messages in the catalogue all the same.
"""

from collections.abc import Callable, Mapping


def filler(table: Mapping[str, str]) -> Callable[..., str]:
    """The `say` of a table: the entry `key` with its `{placeholders}` filled from `params`."""
    def say(key: str, /, **params: object) -> str:
        return table[key].format(**params)
    return say


TEMPLATES: dict[str, str] = {
    # --- page templates: headings, table columns and sentences of generated pages ---
    "evidencesite.presentation.render": "indicator pages, the gaps list and the tables of the public site",
    "evidencesite.presentation.blocks": "the dashboard blocks pages call as macros (charts, tables, timelines)",
    "evidencesite.presentation.guide": "the staff guide's generated reference pages",
    "evidencesite.presentation.review_pages": "the 初评情况 pages of the assessors' site",
    "evidencesite.presentation.progress_pages": "the units' pages, the overdue list and the 整改台账 page",
    "evidencesite.presentation.residents": "the residents' page and its contact wording",
    "evidencesite.presentation.portal": "the government-portal footer's labels",
    "evidencesite.presentation.svg": "the charts' legends",
    "evidencesite.presentation.internal": "the note on internal pages",
    "evidencesite.figures.progress": "the timeline's and dashboards' wording",
    "evidencesite.figures.sections": "the section tables' column names",
    # --- document templates: text of the files the office prints or sends ---
    "evidencesite.publishing.monthly": "the monthly, bimonthly and quarterly reports",
    "evidencesite.publishing.notice": "the 通报 draft",
    "evidencesite.publishing.declaration": "the declaration package: checklist, 情况说明 and their remarks",
    "evidencesite.publishing.compilation": "the compiled PDF's cover, contents and cover sheets",
    "evidencesite.publishing.exports": "the ledgers' columns and print setup",
    "evidencesite.publishing.onsite": "the on-site checklist's columns and pages",
    "evidencesite.publishing.document": "Word's page numbers and fonts in reports",
    "evidencesite.publishing.worddocs": "font names in the declaration's Word files",
    "evidencesite.publishing.labels": "the QR labels' sheet",
    "evidencesite.publishing.qrcodes": "the QR figure's caption on pages",
    "evidencesite.publishing.webcapture": "the banner on a saved web page",
    "scripts.make_demo": "the demo site's content",
    # --- vocabularies: the words staff type or read as values, defined once ---
    "evidencesite.model": "status, type, severity and review labels; placeholder notes",
    "evidencesite.model.periods": "report periods' names and labels",
    "evidencesite.model.deadlines": "deadline wording read from the register and written back",
    "evidencesite.reading.schema": "field and value aliases staff write; 年月日 dates",
    "evidencesite.model.phases": "the work plan's phase states",
    "evidencesite.files.workbook": "是/否 cells, the header font and the page-number footer of every ledger",
    "evidencesite.presentation.downloads": "the names and link labels of the downloads (工作台账, 整改台账 …)",
    "evidencesite.intake.register": "the register's column headings and source names",
    "evidencesite.intake.register_cells": "numbering, points, deadlines and 是/否 as register cells write them",
    "evidencesite.intake.register_import": "years as the register writes them",
    "evidencesite.presentation.macros": "the ledger ranges a macro accepts in Chinese (整改中, 全部 …)",
    "evidencesite.presentation.tables": "numbers, dates and units table cells are recognised by",
}
"""Modules whose Chinese wording may stay in place: module -> why."""
