"""Finding and masking resident ID and mobile numbers: synthetic IDs with valid check
characters are masked, near misses are not; numbers inside longer digit runs are left
alone; full-width digits count; HTML keeps working links."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given, settings, strategies as st

from evidencesite import personal_data as pd

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
