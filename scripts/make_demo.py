"""Generate a complete synthetic evidence site (mkdocs.yml, docs/, evidence/) for tests
and benchmarks.

The site has the real shape: a framework with three sources (N/P/C) in 8 areas and
level-2 groups, one page per indicator, and small but valid evidence files of every
type (PDF, JPEG with GPS EXIF, PNG, UTF-8 text) plus news links. Everything is drawn
from fixed vocabularies with `random.Random(seed)`, so the same arguments give the same
bytes. The output is checked by the same domain code the build uses: it has gaps and
advice, never errors. Every page and the home page say the data are synthetic.

    python scripts/make_demo.py OUTDIR [--indicators 130] [--seed 1]

OUTDIR must be empty, absent, or a previous demo (it holds `.demo-site`); the site is
written into a temporary sibling folder and renamed into place at the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import itertools
import json
import os
import random
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from _bootstrap import REPO, ChineseArgumentParser

import yaml  # noqa: E402
from PIL import Image  # noqa: E402

from evidencesite.model import EvidenceType, Status, canonical_id  # noqa: E402
from evidencesite.catalogue.commands import say

MARKER = ".demo-site"
MIN_INDICATORS = 8
DEMO_NOTE = "本页为自动生成的示例数据,不代表濮阳市实际工作情况。"
FIRST_DAY, LAST_DAY = dt.date(2021, 1, 15), dt.date(2021, 12, 31)
AREA_TITLES = ["依法全面履行政府职能", "完善依法行政制度体系", "推进行政决策科学化、民主化、法治化",
               "坚持严格规范公正文明执法", "强化对行政权力的制约和监督", "依法有效化解社会矛盾纠纷",
               "全面提高政府工作人员法治思维和依法行政能力", "加强法治政府建设组织领导"]
AREA_GROUP_WEIGHTS = [5, 4, 4, 6, 5, 4, 3, 3]  # 34 groups at the default size
SOURCES = [("N", "国家指标", 100, True), ("P", "省定特色指标", 25, False), ("C", "市定特色指标", 5, False)]
SUBJECTS = ("重大行政决策 行政复议 规范性文件 行政执法公示 执法全过程记录 重大执法决定法制审核 法律顾问 政务公开 "
            "环境监测 财政预算 权责清单 行政审批 政务服务 行政应诉 人民调解 政务诚信 法治化营商环境 领导干部学法 "
            "法治督察 行政裁量权基准 公共法律服务 信访工作 审计监督 人民政府立法").split()
ASPECTS = "制度建设 程序规范 监督检查 信息公开 培训考核 责任落实 清单管理 台账建设 年度报告 能力提升".split()
GROUP_SUFFIXES = "工作机制 制度体系 监督管理 规范化建设".split()
ACTORS = ["市、县(区)人民政府", "市政府各部门", "各级行政机关", "市人民政府"]
VERBS = "依法健全 严格落实 全面推行 持续完善 建立健全".split()
CLAUSES = ["做到程序合法、过程公开、结果可查", "相关工作纳入年度法治政府建设考核",
           "做到有制度、有台账、有检查、有通报", "并按规定向社会公开", "确保工作覆盖市、县、乡三级"]
UNITS = ("市司法局 市发展改革委 市财政局 市生态环境局 市市场监管局 市政务服务和大数据管理局 市公安局 "
         "市人力资源和社会保障局 市教育局 市民政局 市自然资源和规划局 市住房城乡建设局 市交通运输局 市农业农村局 "
         "市卫生健康委 市应急管理局 市审计局 市信访局 市统计局 市政府办公室 市委依法治市办").split()
COUNTIES = "各县(区)政府"
DOC_KINDS = "实施办法 工作规则 管理规定 实施方案 考核办法".split()
EVENTS = "专题培训会 工作推进会 集中宣传活动 现场检查 业务座谈会".split()
EXTRA_PARAGRAPHS = ["下一步将对照评估标准开展自查,查漏补缺,确保各项要求落到实处。",
                    "工作中注重发挥法律顾问作用,重要文件均经合法性审查后印发。",
                    "各县(区)同步开展相关工作,市级牵头单位定期调度、通报进展。"]
COLOURS = [(180, 30, 40), (30, 90, 160), (40, 140, 80), (200, 160, 40), (110, 60, 150), (90, 90, 90)]
TYPE_WEIGHTS = {EvidenceType.DOCUMENT: 40, EvidenceType.PHOTO: 25, EvidenceType.NEWS_LINK: 20, EvidenceType.SUMMARY: 15}
STATUS_WEIGHTS = {Status.DONE: 40, Status.IN_PROGRESS: 35, Status.NOT_STARTED: 25}
# What a page carries, by status: evidence items, an on_site note, a none note, or nothing (a gap).
PROFILE_WEIGHTS = {Status.DONE: {"evidence": 80, "on_site": 12, "none": 8},
                   Status.IN_PROGRESS: {"evidence": 55, "on_site": 20, "gap": 25},
                   Status.NOT_STARTED: {"gap": 80, "none": 20}}


@dataclass
class Item:
    """One evidence item and, for files, what to write under evidence/."""

    title: str
    type: EvidenceType
    file: str = ""
    url: str = ""
    public: bool = True
    date: str = ""
    location: str = ""
    gps: bool = False


@dataclass
class Page:
    """One indicator page: its front matter and its prose."""

    id: str
    title: str
    requirement: str
    area: str
    group: str
    lead: str
    partners: list[str]
    due: str
    status: Status
    items: list[Item] = field(default_factory=list)
    on_site: str = ""
    none: str = ""
    problems: list[dict[str, str]] = field(default_factory=list)
    body: str = ""
    subject: str = ""
    """The topic the title starts with; evidence titles reuse it."""


# Shared files under evidence/common/, cited by several pages in turn.
COMMON = [Item("濮阳市法治政府建设实施方案(2021—2025年)", EvidenceType.DOCUMENT, "common/法治政府建设实施方案.pdf",
               date="2021-02-26", location="市委依法治市办档案室"),
          Item("市政府常务会议会前学法现场照片", EvidenceType.PHOTO, "common/常务会议会前学法.png", date="2021-03-18"),
          Item("濮阳市2020年度法治政府建设情况报告", EvidenceType.SUMMARY, "common/2020年度法治政府建设情况报告.txt")]


def source_counts(total: int) -> dict[str, int]:
    """N/P/C in the national 100/25/5 proportion, each at least 1, summing to `total`."""
    p = max(1, round(total * 25 / 130))
    c = max(1, round(total * 5 / 130))
    return {"N": total - p - c, "P": p, "C": c}


def spread(total: int, weights: list[int], minimum: int = 0) -> list[int]:
    """`total` split in proportion to `weights` (largest remainder), each at least `minimum`."""
    raw = [total * w / sum(weights) for w in weights]
    parts = [max(minimum, int(r)) for r in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: (-(raw[i] - int(raw[i])), i))
    for i in by_remainder[: max(0, total - sum(parts))]:
        parts[i] += 1
    return parts


def make_framework(rng: random.Random, total: int) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """Areas as (code, title, [(group code, group title)]): 8 areas, about total/3.8 groups."""
    sizes = spread(max(8, round(total / 3.8)), AREA_GROUP_WEIGHTS, minimum=1)
    names = [s + suffix for s in SUBJECTS for suffix in GROUP_SUFFIXES]
    rng.shuffle(names)
    titles = [names[k % len(names)] + (f"({k // len(names) + 1})" if k >= len(names) else "") for k in range(sum(sizes))]
    areas = []
    for a, (title, size) in enumerate(zip(AREA_TITLES, sizes), start=1):
        groups = [(f"{a}.{g}", titles.pop(0)) for g in range(1, size + 1)]
        areas.append((str(a), title, groups))
    return areas


def pick(rng: random.Random, weights: dict):
    """One key of `weights`, drawn with those weights."""
    return rng.choices(list(weights), list(weights.values()))[0]


def random_date(rng: random.Random, start: dt.date = FIRST_DAY, end: dt.date = LAST_DAY) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def placements(rng: random.Random, areas: list, counts: dict[str, int]) -> list[tuple[str, str, str]]:
    """(id, area, group) for every page: N numbered consecutively through the groups; P and C anywhere."""
    groups = [(area, code) for area, _, gs in areas for code, _ in gs]
    out = []
    for (area, group), size in zip(groups, spread(counts["N"], [1] * len(groups))):
        out += [(canonical_id("N", len(out) + k + 1), area, group) for k in range(size)]
    for source in ("P", "C"):
        for n in range(1, counts[source] + 1):
            area, _, gs = rng.choice(areas)
            group = rng.choice(gs)[0] if rng.random() < 0.6 else ""
            out.append((canonical_id(source, n), area, group))
    return out


def topics(rng: random.Random) -> Iterator[tuple[str, str]]:
    """(subject, aspect) pairs in a shuffled order, repeating only once all are used;
    an aspect that repeats part of its subject (权责清单 + 清单管理) is left out."""
    pairs = [(s, a) for s in SUBJECTS for a in ASPECTS if not any(a[k:k + 2] in s for k in range(len(a) - 1))]
    rng.shuffle(pairs)
    return itertools.cycle(pairs)


def make_page(rng: random.Random, ident: str, area: str, group: str, topic: tuple[str, str]) -> Page:
    subject, aspect = topic
    lead = rng.choice(UNITS)
    partners = rng.sample([u for u in UNITS if u != lead], rng.choice([0, 0, 1, 2]))
    if rng.random() < 0.3:
        partners.append(COUNTIES)
    requirement = f"{rng.choice(ACTORS)}{rng.choice(VERBS)}{subject}{aspect},{rng.choice(CLAUSES)}。"
    status = pick(rng, STATUS_WEIGHTS)
    due = random_date(rng).isoformat() if rng.random() < 0.9 else ""
    return Page(ident, subject + aspect, requirement, area, group, lead, partners, due, status, subject=subject)


def make_item(rng: random.Random, page: Page, kind: EvidenceType, n: int) -> Item:
    subject = page.subject.removesuffix("工作")
    date = random_date(rng, FIRST_DAY, dt.date(2021, 6, 30)).isoformat() if rng.random() < 0.6 else ""
    if kind is EvidenceType.NEWS_LINK:
        url = f"https://www.puyang.gov.cn/demo/{page.id}-{n}.html"
        return Item(f"{page.lead}召开{subject}{rng.choice(EVENTS)}", kind, url=url, date=date)
    if kind is EvidenceType.PHOTO:
        title, fmt = f"{subject}{rng.choice(EVENTS)}现场照片", rng.choice(["jpg", "png"])
    elif kind is EvidenceType.SUMMARY:
        title, fmt = f"{page.lead}关于{subject}工作开展情况的简介", rng.choice(["txt", "txt", "pdf"])
    else:
        title, fmt = f"关于印发《濮阳市{subject}{rng.choice(DOC_KINDS)}》的通知", "pdf"
    location = f"{page.lead}档案室 第{rng.randint(1, 30)}盒" if rng.random() < 0.3 else ""
    stem = re.sub(r"[《》“”\"/\\:]", "", title)[:24]
    return Item(title, kind, file=f"{page.id}/{n}-{stem}.{fmt}", public=rng.random() > 0.06, date=date, location=location)


def add_evidence(rng: random.Random, page: Page, kinds: list[EvidenceType], shared: Iterator[Item]) -> None:
    """Items of the given kinds, and now and then the next shared file."""
    page.items = [make_item(rng, page, kind, n) for n, kind in enumerate(kinds, start=1)]
    if len(page.items) < 3 and rng.random() < 0.12:
        page.items.append(next(shared))


def add_notes_and_problems(rng: random.Random, page: Page, profile: str) -> None:
    if profile == "on_site":
        page.on_site = f"原始卷宗{rng.randint(2, 15)}卷存{page.lead}档案室,实地核查时由该单位法规科负责人提供"
    elif profile == "none":
        page.none = f"本市2021年度未发生{page.title}相关事项,无相关材料,由{page.lead}出具书面说明"
    for _ in range(pick(rng, {0: 70, 1: 20, 2: 10})):
        due = random_date(rng)
        closed = page.status is Status.DONE or rng.random() < 0.4
        page.problems.append({
            "problem": f"部分县(区){page.title}{rng.choice(['工作进展不平衡', '台账资料不够完整', '信息公开不够及时'])}",
            "measure": rng.choice(["印发工作提示并督促落实", "建立月度调度机制", "组织专项督查并通报结果"]),
            "due": due.isoformat(),
            **({"closed": max(FIRST_DAY, due - dt.timedelta(days=rng.randint(0, 20))).isoformat()} if closed else {}),
        })


def make_body(rng: random.Random, page: Page) -> str:
    with_units = f",{'、'.join(page.partners)}配合" if page.partners else ""
    progress = {Status.DONE: "目前各项任务已经完成,相关制度文件、会议记录和宣传报道已整理归档。",
                Status.IN_PROGRESS: f"工作正在推进,计划于{page.due or '年底'}前完成,相关材料随工作进展陆续补充。",
                Status.NOT_STARTED: "本项工作尚未启动,将按照创建工作方案确定的时间节点安排推进。"}[page.status]
    paragraphs = [f"本指标由{page.lead}牵头{with_units},围绕“{page.title}”开展工作。{progress}"]
    paragraphs += rng.sample(EXTRA_PARAGRAPHS, rng.randint(0, 2))
    note = f'!!! note "示例数据"\n    {DEMO_NOTE}\n'
    return note + "\n" + "\n\n".join(paragraphs) + "\n"


def make_pages(rng: random.Random, areas: list, counts: dict[str, int]) -> list[Page]:
    """Every page, with a few forced so that each feature appears whatever the seed."""
    placed = placements(rng, areas, counts)
    total = len(placed)
    forced = {0: (Status.DONE, "four"), total // 2: (Status.DONE, "four"), total // 3: (Status.IN_PROGRESS, "on_site"),
              total // 3 + 1: (Status.NOT_STARTED, "none"), total // 3 + 2: (Status.IN_PROGRESS, "gap")}
    pages, shared, titles = [], itertools.cycle(COMMON), topics(rng)
    for i, (ident, area, group) in enumerate(placed):
        page = make_page(rng, ident, area, group, next(titles))
        page.status, profile = forced.get(i, (page.status, ""))
        profile = profile or pick(rng, PROFILE_WEIGHTS[page.status])
        if profile == "four":
            add_evidence(rng, page, list(EvidenceType), shared)
        elif profile == "evidence":
            count = pick(rng, {1: 35, 2: 40, 3: 25})
            add_evidence(rng, page, rng.choices(list(TYPE_WEIGHTS), list(TYPE_WEIGHTS.values()), k=count), shared)
        add_notes_and_problems(rng, page, profile)
        page.body = make_body(rng, page)
        pages.append(page)
    showcase(pages[0])
    return pages


def showcase(page: Page) -> None:
    """The first page (four items, one per type) also gets a non-public document, a public
    JPEG with GPS EXIF (for the privacy work to strip) and an open and a closed problem."""
    document, photo = page.items[0], page.items[1]
    document.public, document.location = False, f"{page.lead}档案室 第1盒"
    photo.file, photo.gps, photo.public = PurePosixPath(photo.file).with_suffix(".jpg").as_posix(), True, True
    page.problems = [{"problem": "部分县(区)工作台账不完整", "measure": "逐县督导补齐台账", "due": "2021-03-31",
                      "closed": "2021-03-25"},
                     {"problem": "年度报告公开不及时", "measure": "建立公开提醒机制", "due": "2021-12-31"}]


def scalar(value: str) -> str:
    """A YAML scalar: plain if it reads back as the same text, else double-quoted."""
    try:
        if yaml.safe_load(f"k: {value}") == {"k": value}:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)


def page_markdown(page: Page) -> str:
    lines = ["---", f"id: {page.id}", f"title: {scalar(page.title)}", "requirement: >", f"  {page.requirement}",
             f'area: "{page.area}"']
    lines += [f'group: "{page.group}"'] if page.group else []
    lines += [f"lead: {scalar(page.lead)}"]
    lines += [f"partners: [{', '.join(page.partners)}]"] if page.partners else []
    lines += [f"due: {page.due}"] if page.due else []
    lines += [f"status: {page.status.value}"]
    if page.items:
        lines.append("evidence:")
    for item in page.items:
        lines += [f"  - title: {scalar(item.title)}", f"    type: {item.type.value}"]
        lines += [f"    file: {scalar(item.file)}" if item.file else f"    url: {item.url}"]
        lines += ["    public: false"] if not item.public else []
        lines += [f"    date: {item.date}"] if item.date else []
        lines += [f"    location: {scalar(item.location)}"] if item.location else []
    for key in ("on_site", "none"):
        lines += [f"{key}: {scalar(getattr(page, key))}"] if getattr(page, key) else []
    if page.problems:
        lines.append("problems:")
    for problem in page.problems:
        lines += [f"  - problem: {scalar(problem['problem'])}", f"    measure: {scalar(problem['measure'])}"]
        lines += [f"    {key}: {problem[key]}" for key in ("due", "closed") if key in problem]
    return "\n".join(lines + ["---", page.body])


def framework_yaml(areas: list, counts: dict[str, int]) -> str:
    lines = ["# 示例数据:由 scripts/make_demo.py 生成的指标框架。", "edition: 示例指标体系(示例数据)", "sources:"]
    for code, name, _, group_required in SOURCES:
        lines += [f'  - code: "{code}"', f"    name: {name}", f"    expected: {counts[code]}",
                  f"    group_required: {str(group_required).lower()}"]
    lines.append("areas:")
    for code, title, groups in areas:
        lines += [f'  - code: "{code}"', f"    title: {scalar(title)}", "    groups:"]
        lines += [row for g, t in groups for row in (f'      - code: "{g}"', f"        title: {scalar(t)}")]
    return "\n".join(lines) + "\n"


def mkdocs_yaml(site_name: str = "示例站点(示例数据)") -> str:
    """The repository's mkdocs.yml with another name and absolute hook paths, so a site
    elsewhere (a demo, a test fixture) builds with this checkout's hooks and settings."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8-sig")
    text = re.sub(r"^site_name:.*$", f"site_name: {site_name}", text, count=1, flags=re.MULTILINE)
    hook = lambda m: m.group(1) + scalar((REPO / m.group(2)).as_posix())  # noqa: E731
    text = re.sub(r"^([ \t]*custom_dir:[ \t]*)([^\s#]+)", hook, text, count=1, flags=re.MULTILINE)
    return re.sub(r"^([ \t]*-[ \t]+)(hooks/[^\s#]+\.py)[ \t]*$", hook, text, flags=re.MULTILINE)


def index_markdown(counts: dict[str, int]) -> str:
    return ("# 示例站点(示例数据)\n\n"
            f'!!! warning "示例数据"\n    本站由 scripts/make_demo.py 自动生成,全部内容均为示例数据,不代表濮阳市实际工作情况。\n\n'
            f"示例指标体系包括 {counts['N']} 项国家指标、{counts['P']} 项省定特色指标和 {counts['C']} 项市定特色指标,"
            "用于测试和性能评估。\n\n- **指标体系**:按一级指标、二级指标浏览每一个三级指标。\n"
            "- **缺口清单**(内部页面,只在评审版和本机预览中发布):尚未满足证据要求的指标。\n" + DASHBOARD)


# The home page's dashboard blocks (macros, see docs/guide/macros.md), as on the real site.
DASHBOARD = """
{{ overall_progress() }}

## 创建阶段

{{ campaign_phases() }}

## 近期时间节点

{{ next_time_nodes() }}

## 按来源统计

{{ progress_by_source() }}

## 按一级指标统计

{{ progress_by_area() }}

## 排名靠后的牵头单位

{{ lagging_units(5) }}

## 清单与下载

{{ lists_and_exports() }}
"""


def pdf_bytes(text: str) -> bytes:
    """A minimal valid one-page PDF showing one line of ASCII text in Helvetica."""
    safe = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 14 Tf 72 770 Td ({safe}) Tj ET".encode("ascii")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
               b"/Contents 4 0 R >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def image_bytes(fmt: str, colour: tuple[int, int, int], gps: bool) -> bytes:
    """A 64×48 solid-colour image; with `gps`, a JPEG carrying EXIF with a GPS IFD (濮阳)."""
    buffer = io.BytesIO()
    image = Image.new("RGB", (64, 48), colour)
    if fmt == "png":
        image.save(buffer, "PNG")
        return buffer.getvalue()
    exif = Image.Exif()
    if gps:
        exif[0x0110] = "Demo Camera"
        exif[0x8825] = {1: "N", 2: (35.0, 45.0, 36.0), 3: "E", 4: (115.0, 1.0, 48.0)}
    image.save(buffer, "JPEG", quality=80, **({"exif": exif.tobytes()} if gps else {}))
    return buffer.getvalue()


def evidence_bytes(item: Item, index: int) -> bytes:
    fmt = Path(item.file).suffix.lstrip(".")
    if fmt == "pdf":
        return pdf_bytes(f"Puyang demo evidence {item.file.split('/')[0]} #{index} (synthetic data)")
    if fmt in ("jpg", "png"):
        return image_bytes(fmt, COLOURS[index % len(COLOURS)], item.gps)
    return (f"{item.title}\n\n本文件为自动生成的示例数据,不代表濮阳市实际工作情况。\n"
            "一、工作开展情况:按照创建工作方案要求,制定工作计划,明确责任分工,定期调度进展。\n"
            "二、下一步工作:对照评估标准查漏补缺,持续巩固创建成果。\n").encode("utf-8")


def write_site(root: Path, total: int, seed: int) -> None:
    rng = random.Random(seed)
    counts = source_counts(total)
    areas = make_framework(rng, total)
    pages = make_pages(rng, areas, counts)
    indicators = root / "docs" / "indicators"
    indicators.mkdir(parents=True)
    (root / "mkdocs.yml").write_text(mkdocs_yaml(), encoding="utf-8")
    (root / "docs" / "index.md").write_text(index_markdown(counts), encoding="utf-8")
    (indicators / "framework.yml").write_text(framework_yaml(areas, counts), encoding="utf-8")
    (indicators / "phases.yml").write_bytes((REPO / "docs" / "indicators" / "phases.yml").read_bytes())  # the plan's dates
    files: dict[str, Item] = {}
    for page in pages:
        (indicators / f"{page.id}.md").write_text(page_markdown(page), encoding="utf-8")
        files.update({item.file: item for item in page.items if item.file})
    for index, (path, item) in enumerate(files.items()):
        target = root / "evidence" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(evidence_bytes(item, index))
    (root / MARKER).write_text(f"make_demo.py --indicators {total} --seed {seed}\n", encoding="utf-8")


def check_outdir(outdir: Path) -> str:
    """Why OUTDIR may not be (re)written, or '' when it may."""
    if outdir.exists() and not outdir.is_dir():
        return say("make_demo.outdir-not-folder", outdir=outdir)
    if outdir.is_dir() and any(outdir.iterdir()) and not (outdir / MARKER).is_file():
        return (say("make_demo.outdir-not-empty", outdir=outdir, marker=MARKER))
    return ""


def generate(outdir: Path, total: int, seed: int) -> None:
    """Write into a temporary sibling folder, then swap it into place."""
    outdir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{outdir.name}.partial-", dir=outdir.parent))
    old = None
    try:
        os.chmod(tmp, 0o755)
        write_site(tmp, total, seed)
        if outdir.exists():
            old = outdir.parent / f"{tmp.name}.old"
            outdir.rename(old)
        tmp.rename(outdir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None and old.exists() and not outdir.exists():
            old.rename(outdir)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = ChineseArgumentParser(prog="make_demo.py", description=say("make_demo.description"))
    parser.add_argument("outdir", metavar="OUTDIR", type=Path, help=say("make_demo.help-outdir"))
    parser.add_argument("--indicators", type=int, default=130, metavar="N", help=say("make_demo.help-indicators"))
    parser.add_argument("--seed", type=int, default=1, help=say("make_demo.help-seed"))
    args = parser.parse_args(argv)
    if args.indicators < MIN_INDICATORS:
        parser.error(say("make_demo.too-few-indicators", min_indicators=MIN_INDICATORS, indicators=args.indicators))
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    outdir = args.outdir.resolve()
    problem = check_outdir(outdir)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    try:
        generate(outdir, args.indicators, args.seed)
    except OSError as exc:
        print(say("make_demo.write-failed", outdir=outdir, strerror=exc.strerror or exc), file=sys.stderr)
        return 2
    print(say("make_demo.done", outdir=outdir, indicators=args.indicators, config=outdir / 'mkdocs.yml'))
    return 0


if __name__ == "__main__":
    sys.exit(main())
