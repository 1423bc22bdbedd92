"""Tables prepared for phone cards and desk width (evidencesite/presentation/tables.py), golden cases."""

from __future__ import annotations

from evidencesite.presentation import tables

LEDGER = ("<table>\n<thead>\n<tr>\n<th>编号</th>\n<th>问题</th>\n<th>状态</th>\n</tr>\n</thead>\n<tbody>\n"
          "<tr>\n<td><a href=\"../indicators/N003/\">N003</a></td>\n<td>部分县(区)未按月公开</td>\n"
          "<td>已销号 2021-03-20</td>\n</tr>\n</tbody>\n</table>")


def test_every_cell_carries_its_heading_and_dates_ids_never_break():
    assert tables.fit(LEDGER) == (
        '<table data-es-cards="">\n<thead>\n<tr>\n<th>编号</th>\n<th>问题</th>\n<th>状态</th>\n</tr>\n</thead>\n<tbody>\n'
        '<tr>\n<td data-label="编号" class="es-nowrap"><a href="../indicators/N003/">N003</a></td>\n'
        '<td data-label="问题">部分县(区)未按月公开</td>\n'
        '<td data-label="状态">已销号 <span class="es-nobreak">2021-03-20</span></td>\n</tr>\n</tbody>\n</table>')


def test_six_columns_ask_for_the_page_width():
    head = "".join(f"<th>{h}</th>" for h in "甲乙丙丁戊己")
    html = f"<table><thead><tr>{head}</tr></thead><tbody><tr>{'<td>1</td>' * 6}</tr></tbody></table>"
    assert tables.fit(html).startswith('<table data-es-cards="" data-es-wide="">')


def test_tables_with_their_own_class_or_no_heading_are_left_alone_and_fit_is_idempotent():
    own = '<table class="es-evidence"><thead><tr><th>类型</th></tr></thead><tbody><tr><td>文件</td></tr></tbody></table>'
    bare = "<table><tbody><tr><td>1</td></tr></tbody></table>"
    assert tables.fit(own) == own and tables.fit(bare) == bare
    assert tables.fit(tables.fit(LEDGER)) == tables.fit(LEDGER)
