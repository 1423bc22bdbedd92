"""Finding and masking resident ID and mobile numbers: synthetic IDs with valid check
characters are masked, near misses are not; numbers inside longer digit runs are left
alone; full-width digits count; HTML keeps working links."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given, settings, strategies as st

from evidencesite.text import personal_data as pd

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def with_check(first17: str) -> str:
    """Written out from GB 11643-1999 here, not taken from the code under test."""
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]


VALID_IDS = [with_check(s) for s in ("41092319850317101", "11010519491231002", "41090119920229103",
                                     "65010220001231567", "41092820230101002")]


def test_the_standard_example_is_valid_and_its_neighbours_are_not():
    assert pd.is_resident_id("11010519491231002X")
    assert pd.is_resident_id("11010519491231002x")
    assert not pd.is_resident_id("110105194912310021")  # wrong check character


@pytest.mark.parametrize("number", VALID_IDS)
def test_valid_ids_are_masked_keeping_four_and_four(number):
    text = f"身份证号{number}。"
    assert pd.mask(text) == f"身份证号{number[:4]}**********{number[-4:]}。"
    [match] = pd.find(text)
    assert (match.kind, match.value, text[match.start:match.end]) == (pd.ID_CARD, number.upper(), number)


@pytest.mark.parametrize("text", [
    "41092319850317101" + "Y",                         # not a check character
    VALID_IDS[0][:-1] + ("0" if VALID_IDS[0][-1] != "0" else "1"),  # wrong check character
    with_check("41092319850230101"),                   # 30 February
    with_check("41092319851317101"),                   # month 13
    with_check("41092317850317101"),                   # born before 1850
    with_check("41092321000101101"),                   # born in the future
    with_check("01092319850317101"),                   # region cannot start with 0
    "9" + VALID_IDS[0],                                # inside a longer digit run
    VALID_IDS[1] + "7",
    VALID_IDS[0][:17],                                 # 17 digits
])
def test_near_miss_ids_are_left_alone(text):
    assert pd.mask(text) == text and pd.find(text) == []


@pytest.mark.parametrize("text, masked", [
    ("手机13812345678。", "手机138****5678。"),
    ("电话:138 1234 5678", "电话:138****5678"),
    ("138-1234-5678", "138****5678"),
    ("+86 13812345678", "+86 138****5678"),
    ("008613812345678", "0086138****5678"),
    ("联系人手机１３８１２３４５６７８。", "联系人手机138****5678。"),  # full-width digits
    ("a13812345678b", "a138****5678b"),
    ("1381234567813912345678", "1381234567813912345678"),  # 22 digits: one run, not two numbers
])
def test_mobile_numbers(text, masked):
    assert pd.mask(text) == masked


@pytest.mark.parametrize("text", ["12812345678", "1381234567", "138123456789", "913812345678",
                                  "编号 2013812345678", "0371-12345678", "138 12345 678"])
def test_near_miss_mobile_numbers_are_left_alone(text):
    assert pd.mask(text) == text


def test_allowed_values_stay_as_written():
    text = "文号 13812345678,手机 13912345678"
    assert pd.mask(text, allowed={"13812345678"}) == "文号 13812345678,手机 139****5678"


def test_allow_hash_binds_the_file_and_never_holds_the_value():
    digest = pd.allow_hash("docs/indicators/N001.md", "13812345678")
    assert digest != pd.allow_hash("docs/indicators/N002.md", "13812345678")
    assert len(digest) == 64 and "13812345678" not in digest


def test_html_text_and_visible_attributes_are_masked_but_links_keep_working():
    html = ('<h2 id="13812345678">热线 13812345678</h2><img alt="13912345678" src="a/13712345678.jpg">'
            '<a href="https://x.gov.cn/13612345678.html#13512345678" title="13812345678">新闻</a>'
            '<a href="tel:13812345678">电话</a><!-- 13812345678 -->')
    assert pd.mask_html(html) == (
        '<h2 id="138****5678">热线 138****5678</h2><img alt="139****5678" src="a/13712345678.jpg">'
        '<a href="https://x.gov.cn/13612345678.html#135****5678" title="138****5678">新闻</a>'
        '<a href="tel:138****5678">电话</a><!-- 138****5678 -->')


def test_text_without_numbers_is_returned_unchanged():
    text = "本市本年度未作出此类决策,无相关材料。" * 100
    assert pd.mask(text) is text


_CJK = st.text(alphabet=st.sampled_from("法治政府建设示范创建市司法局联系人电话身份证号码。,:"), max_size=12)


@settings(max_examples=200, deadline=None)
@given(before=_CJK, after=_CJK, seed=st.integers(0, 2**32 - 1))
def test_any_valid_id_in_chinese_text_is_masked(before, after, seed):
    rng = random.Random(seed)
    born = dt.date(1900, 1, 1) + dt.timedelta(days=rng.randrange(45000))
    number = with_check(f"{rng.randint(110000, 829999)}{born:%Y%m%d}{rng.randint(0, 999):03d}")
    masked = pd.mask(before + number + after)
    assert number not in masked and number[:-1] not in masked
    assert masked == before + number[:4] + "*" * 10 + number[-4:] + after


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60))
def test_masking_never_lengthens_a_text_or_leaves_a_match(text):
    masked = pd.mask(text)
    assert [m for m in pd.find(masked)] == []
    assert len(masked) <= len(text) + 8


# ---------------------------------------------------------------------------
# How people and editors write numbers (issue 13 §3): each case named after its defect
# ---------------------------------------------------------------------------

GROUPED_ID = with_check("41090119900101123")
HYPHEN_ID = with_check("41090219850615771")


@pytest.mark.parametrize("defect, text, masked", [
    ("en_dashes", "手机138–1234–5678。", "手机138****5678。"),
    ("em_dashes", "手机138—1234—5678", "手机138****5678"),
    ("fullwidth_hyphens", "手机138－1234－5678", "手机138****5678"),
    ("minus_signs", "手机138−1234−5678", "手机138****5678"),
    ("dots", "手机138.1234.5678", "手机138****5678"),
    ("middle_dots", "手机138·1234·5678", "手机138****5678"),
    ("ideographic_spaces", "手机１３８　１２３４　５６７８", "手机138****5678"),
    ("no_break_spaces", "手机138\u00a01234\u00a05678", "手机138****5678"),
    ("space_dash_space", "手机138 - 1234 - 5678", "手机138****5678"),
    ("zero_width_spaces", "手机138\u200b1234\u200b5678", "手机138****5678"),
    ("soft_hyphens", "手机1381\u00ad2345678", "手机138****5678"),
    ("bidi_marks", "手机\u200e13812345678\u200f", "手机\u200e138****5678\u200f"),
    ("line_break_inside_paragraph", "联系电话138 1234\n5678。", "联系电话138****5678。"),
    ("id_in_groups_6_8_4", f"身份证 {GROUPED_ID[:6]} {GROUPED_ID[6:14]} {GROUPED_ID[14:]}",
     f"身份证 {GROUPED_ID[:4]}{'*' * 10}{GROUPED_ID[-4:]}"),
    ("id_with_hyphens", f"身份证{HYPHEN_ID[:6]}-{HYPHEN_ID[6:14]}-{HYPHEN_ID[14:]}",
     f"身份证{HYPHEN_ID[:4]}{'*' * 10}{HYPHEN_ID[-4:]}"),
    ("id_in_groups_6_4_4_4", f"{GROUPED_ID[:6]} {GROUPED_ID[6:10]} {GROUPED_ID[10:14]} {GROUPED_ID[14:]}",
     f"{GROUPED_ID[:4]}{'*' * 10}{GROUPED_ID[-4:]}"),
])
def test_separators_people_type_do_not_hide_a_number(defect, text, masked):
    assert pd.mask(text) == masked, defect


@pytest.mark.parametrize("defect, html, masked", [
    ("comment_between_digits", "<p>手机138<!-- x -->1234 5678</p>", "<p>手机138<!-- x -->**** 5678</p>"),
    ("inline_tags_between_digits", "<p>手机138<span>1234</span><b>5678</b></p>", "<p>手机138<span>****</span><b>5678</b></p>"),
    ("decimal_character_references", "<p>&#49;&#51;&#56;&#49;&#50;&#51;&#52;&#53;&#54;&#55;&#56;</p>",
     "<p>&#49;&#51;&#56;****&#53;&#54;&#55;&#56;</p>"),
    ("hex_character_references", "<p>138&#x31;&#x32;&#x33;&#x34;5678</p>", "<p>138****5678</p>"),
    ("named_space_references", "<p>138&nbsp;1234&ensp;5678</p>", "<p>138&nbsp;****&ensp;5678</p>"),
    ("zero_width_reference", "<p>138&#8203;12345678</p>", "<p>138&#8203;****5678</p>"),
    ("line_break_tag", "<p>手机138 1234<br>5678</p>", "<p>手机138 ****<br>5678</p>"),
    ("id_across_tags", f"<p>{GROUPED_ID[:6]}<em>{GROUPED_ID[6:14]}</em>{GROUPED_ID[14:]}</p>",
     f"<p>{GROUPED_ID[:4]}**<em>********</em>{GROUPED_ID[14:]}</p>"),
])
def test_markup_between_digits_does_not_hide_a_number(defect, html, masked):
    assert pd.mask_html(html) == masked, defect
    assert [m.value for m in pd.find(html)] in (["13812345678"], [GROUPED_ID]), defect


@pytest.mark.parametrize("defect, text", [
    ("table_cells_do_not_join", "<tr><td>1381234</td><td>5678</td></tr>"),
    ("paragraphs_do_not_join", "编号138 1234\n\n5678"),
    ("list_items_do_not_join", "<li>138</li><li>12345678</li>"),
    ("dates_in_a_row", "2021-04-09 2021-05-01 2021-06-30"),
    ("long_gap_is_not_a_separator", "138 ---- 1234 5678"),
    ("document_number", "濮政办〔2021〕13812号文件 第1234 5678页"),
    ("landline_with_area_code", "0393-8912345 0393 8912346"),
    ("amounts", "预算 1,381,234,567.80 元"),
    ("unified_social_credit_code", "统一社会信用代码 91410900MA44XXX13X"),
    ("sha256_digest", '"sha256": "277de0a7bbb46c9aeac17466281199ec0a7' + "0" * 29 + '"'),
])
def test_near_miss_separated_numbers_are_left_alone(defect, text):
    assert pd.find(text) == [], defect
    assert pd.mask_html(text) == text, defect


def test_a_number_broken_across_lines_is_reported_on_its_first_line():
    text = "第一行\n联系电话138 1234\n5678\n"
    assert [(line, m.value) for line, m in pd.iter_lines(text)] == [(2, "13812345678")]
