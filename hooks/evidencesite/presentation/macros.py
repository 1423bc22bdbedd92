"""The blocks staff can place on any page, e.g. `{{ unit_ranking() }}`.

One function per macro, each taking the `Context` (the build's `Board` and the page
being rendered) and the arguments staff write. hooks/mkdocs_adapter/dashboards.py registers them with
the macros plugin; scripts call them with a Context of their own. The docstrings are
written for staff, in Chinese: the staff guide lists every registered macro from them
at build time (evidencesite.presentation.guide.macro_reference), so the guide cannot drift from the code. Wrong arguments raise
`MacroError`, which fails the build with a message in the catalogue's words.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from jinja2.exceptions import TemplateSyntaxError, UndefinedError

from evidencesite.presentation import blocks, internal
from evidencesite.catalogue.messages import finding
from evidencesite.figures.progress import Board
from evidencesite.reading.schema import did_you_mean
from evidencesite.catalogue.checks import say


@dataclass(frozen=True)
class Context:
    board: Board
    page: str
    """The page being rendered, as a path under docs/ (index.md, guide/macros.md …)."""

    @property
    def path(self) -> str:
        """The page's file, for messages."""
        return f"{self.board.site.settings.docs_dir}/{self.page}"


class MacroError(Exception):
    """A macro called with arguments it cannot use; `finding` says what and how to fix it."""

    def __init__(self, path: str, call: str, problem: str, example: str) -> None:
        self.finding = finding("macro-argument", path=path, call=call, problem=problem, example=example)
        super().__init__(self.finding.format())


def _count(ctx: Context, value: object, call: str, example: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise MacroError(ctx.path, call, say("macros.not-a-count", value=value), example)
    return value


# ---------------------------------------------------------------------------
# The macros (docstrings are the staff guide)
# ---------------------------------------------------------------------------


def overall_progress(ctx: Context) -> str:
    """总体进展:进度条和应有指标、已建页面、已完成、推进中、未启动、缺口、逾期、未销号问题八个数字,
    以及一句话小结(含缺口清单、逾期事项、整改台账的链接)。"""
    return blocks.overall_progress(ctx.board, ctx.page)


def progress_by_source(ctx: Context) -> str:
    """按来源(国家指标、省定特色指标、市定特色指标……)统计的完成情况:条形图,旁边是同样数字的表格。
    尚未建立页面的指标算作未完成。"""
    return blocks.progress_by_source(ctx.board, ctx.page)


def progress_by_area(ctx: Context) -> str:
    """按一级指标统计的完成情况:条形图,旁边是同样数字的表格,一级指标名称链接到该一级指标的页面。"""
    return blocks.progress_by_area(ctx.board, ctx.page)


def unit_ranking(ctx: Context, limit: int = 0) -> str:
    """牵头单位排名(通报的依据):按牵头指标完成率从高到低,完成率相同时逾期少的在前。
    `limit` 为只显示前几名,0(默认)显示全部,例如 `{{ unit_ranking(10) }}`。"""
    return blocks.unit_ranking(ctx.board, ctx.page, _count(ctx, limit, "unit_ranking", "{{ unit_ranking(10) }}"))


def lagging_units(ctx: Context, count: int = 5) -> str:
    """排名最后的几个牵头单位(从最后一名往前),默认 5 个,0 为全部,例如 `{{ lagging_units(3) }}`。"""
    return blocks.unit_ranking(ctx.board, ctx.page, _count(ctx, count, "lagging_units", "{{ lagging_units(3) }}"),
                               lagging=True)


def unit_list(ctx: Context) -> str:
    """全部责任单位(牵头和配合)的列表:每个单位承担的指标数,链接到单位自己的页面。"""
    return blocks.unit_list(ctx.board, ctx.page)


def current_phase(ctx: Context) -> str:
    """一句话说明创建工作当前处于哪个阶段、本阶段何时结束(按构建日期;阶段见 docs/indicators/phases.yml)。"""
    return blocks.current_phase(ctx.board, ctx.page)


def campaign_phases(ctx: Context) -> str:
    """工作方案的全部创建阶段及起止日期、主要任务,标出当前阶段。"""
    return blocks.campaign_phases(ctx.board, ctx.page)


def next_time_nodes(ctx: Context, count: int = 5) -> str:
    """今后最近的几个时间节点(默认 5 个,0 为全部):阶段开始、工作方案规定的报送时限、每月报送日、
    指标到期日,例如 `{{ next_time_nodes(8) }}`。"""
    return blocks.next_time_nodes(ctx.board, ctx.page, _count(ctx, count, "next_time_nodes", "{{ next_time_nodes(8) }}"))


def overdue_list(ctx: Context) -> str:
    """逾期事项:时间节点已过、状态还不是“已完成”的指标,逾期最久的在前。"""
    return blocks.overdue_list(ctx.board, ctx.page)


def rectification_ledger(ctx: Context, which: str = "open") -> str:
    """整改台账中的问题:默认只列未销号的(`open`),`closed` 只列已销号的,`all` 列全部,
    例如 `{{ rectification_ledger("all") }}`。"""
    choice = {"open": "open", "整改中": "open", "未销号": "open", "closed": "closed", "已销号": "closed",
              "all": "all", "全部": "all"}.get(str(which).strip())
    if choice is None:
        raise MacroError(ctx.path, "rectification_ledger", say("macros.range-invalid", which=which),
                         '{{ rectification_ledger("all") }}')
    return blocks.ledger_list(ctx.board, ctx.page, choice)


def gap_list(ctx: Context) -> str:
    """缺口:尚未满足证据要求(没有证据,也没有实地核查说明或无材料说明)的指标。"""
    return blocks.gap_list(ctx.board, ctx.page)


def lists_and_exports(ctx: Context) -> str:
    """各个清单(缺口清单、逾期事项、整改台账、责任单位)和下载文件(工作台账、整改台账的 Excel 和 CSV,
    全部指标数据 JSON)的链接,附各清单的条数。"""
    return blocks.lists_and_exports(ctx.board, ctx.page)


MACROS: dict[str, Callable[..., str]] = {f.__name__: f for f in (
    overall_progress, progress_by_source, progress_by_area, unit_ranking, lagging_units, unit_list, current_phase,
    campaign_phases, next_time_nodes, overdue_list, rectification_ledger, gap_list, lists_and_exports)}


def call(name: str, ctx: Context, *args: object, **kwargs: object) -> str:
    """Run macro `name` for `ctx` as a page would; a wrong number or name of arguments is a MacroError."""
    function = MACROS[name]
    try:
        inspect.signature(function).bind(ctx, *args, **kwargs)
    except TypeError:
        raise MacroError(ctx.path, name, say("macros.wrong-arguments", usage=usage(name)), usage(name)) from None
    if name in internal.MACROS and not ctx.board.internal:
        return internal.NOT_PUBLIC + "\n"
    return function(ctx, *args, **kwargs)


def usage(name: str) -> str:
    """How staff write the macro: `{{ unit_ranking() }}`, defaults left out."""
    return "{{ " + name + "() }}"


def signature(name: str) -> str:
    """The macro with its optional arguments and defaults, e.g. unit_ranking(limit=0)."""
    params = list(inspect.signature(MACROS[name]).parameters.values())[1:]
    return name + "(" + ", ".join(f"{p.name}={p.default!r}" for p in params) + ")"


# ---------------------------------------------------------------------------
# Errors met while a page's macros are rendered
# ---------------------------------------------------------------------------


def template_line(error: BaseException) -> int | None:
    """The line of the page body (as Jinja numbers it) where `error` arose."""
    if isinstance(error, TemplateSyntaxError):
        return error.lineno
    line, tb = None, error.__traceback__
    while tb:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def error_message(error: BaseException, path: str, line: int | None) -> str:
    """The catalogue's message for a macro error in `path`: an unknown name, wrong
    arguments (a MacroError) or braces Jinja cannot read."""
    if isinstance(error, MacroError):
        return replace(error.finding, path=path, line=line).format()
    unknown = re.match(r"'([^']+)' is undefined", str(error)) if isinstance(error, UndefinedError) else None
    if unknown:
        name = unknown.group(1)
        return finding("macro-unknown", path=path, line=line, macro=name, known="、".join(MACROS),
                       suggestion=did_you_mean(name, list(MACROS), {})).format()
    detail = error.message if isinstance(error, TemplateSyntaxError) and error.message else str(error)
    return finding("macro-syntax", path=path, line=line, detail=detail).format()
