"""Chinese search at build time: the user dictionary of campaign terms, and the words
inside longer words added to the search index as hidden fields."""

from __future__ import annotations

import json

import jieba

from conftest import build, load, make_site
from evidencesite.presentation.searchterms import TEXT_FIELD, TITLE_FIELD, USER_DICTIONARY, add_inner_words, inner_words, load_user_dictionary


def test_inner_words_are_the_words_inside_longer_words():
    load_user_dictionary()
    assert {"环境", "监测"} <= set(inner_words("开展生态环境监测"))
    assert {"人民", "政府"} <= set(inner_words("濮阳市人民政府"))
    assert "法治政府" in inner_words("推进法治政府建设")  # a piece longer than jieba's 2 and 3
    assert "开展" not in inner_words("开展生态环境监测"), "a word already shown whole is not repeated"


def test_campaign_terms_are_one_word_each():
    load_user_dictionary()
    terms = [t.strip() for t in USER_DICTIONARY.read_text(encoding="utf-8").splitlines() if t.strip()]
    assert {"法治政府", "行政复议", "重大行政决策", "规范性文件"} <= set(terms)
    for term in ("行政复议", "重大行政决策", "规范性文件"):
        assert list(jieba.cut(f"加强{term}工作")) == ["加强", term, "工作"]


def test_index_gets_hidden_fields_with_title_weight():
    index = add_inner_words({"config": {"fields": {"title": {"boost": 1000.0}}},
                             "docs": [{"location": "a/", "title": "生态环境监测", "text": "<p>市人民政府</p>"},
                                      {"location": "b/", "title": "Plain", "text": "no Chinese"}]})
    fields = index["config"]["fields"]
    assert fields[TITLE_FIELD]["boost"] == fields["title"]["boost"] and TEXT_FIELD in fields
    first, second = index["docs"]
    assert "监测" in first[TITLE_FIELD].split("\u200b") and "政府" in first[TEXT_FIELD].split("\u200b")
    assert first["title"] == "生态环境监测", "what results show is unchanged"
    assert TITLE_FIELD not in second and TEXT_FIELD not in second


def test_built_index_finds_inner_words_and_leaves_labels_out(tmp_path):
    site = site_root = make_site(tmp_path / "site", "base-site", "browser-site")
    assert build(site, tmp_path / "out").ok
    index = json.loads((tmp_path / "out" / "search" / "search_index.json").read_text(encoding="utf-8"))
    [doc] = [d for d in index["docs"] if d["location"] == "indicators/N003/"]
    assert "监测" in doc[TITLE_FIELD].split("\u200b")
    assert [d["location"] for d in index["docs"] if d["location"].startswith("indicators/N003/")] == \
        ["indicators/N003/"], "one entry per indicator page: its parts' headings start none of their own"
    text = doc["text"].replace("\u200b", "")
    for fact in ("牵头单位", "各县(区)人民政府", "推进中", "2021-06-30"):
        assert fact not in text, "the facts rows are not indexed"
    assert "证明材料" not in text and "情况说明" not in text, "nor the headings every page has"
    assert "指标要求" in text, "the requirement is"
    site = load(site_root)
    titles = [item.title for item in site.indicators["N003"].evidence]
    assert titles and all(title in text for title in titles), "evidence titles are indexed"
    assert all(f"{title}；" in text for title in titles), "each ends with a separator: snippets never run titles together"
    assert "evidence/N003" not in text and " KB" not in text and "文件" not in text, "paths, sizes and types are not"


def test_generated_pages_are_found_by_title_only(tmp_path):
    site = make_site(tmp_path / "site", "base-site", "browser-site")
    assert build(site, tmp_path / "out").ok
    index = json.loads((tmp_path / "out" / "search" / "search_index.json").read_text(encoding="utf-8"))
    generated = [d for d in index["docs"] if d["location"].startswith(("areas/", "groups/", "gaps/", "units/"))]
    assert generated and all("#" not in d["location"] and d["text"] == "" for d in generated)
    assert any(d["location"] == "groups/1.1/" and d["title"].replace("\u200b", "").startswith("1.1") for d in generated)
    indicator_titles = [d for d in index["docs"] if d["location"].startswith("indicators/N003/")]
    assert indicator_titles, "the indicator pages keep their text"


def test_compounds_in_the_shown_text_are_split_into_their_words():
    """Issue 14: 行政应诉 is shown as 行政 + 应诉 (U+200B between), so the browser finds and
    highlights 应诉; the compound itself stays findable in the hidden field."""
    from evidencesite.presentation.searchterms import add_inner_words, load_user_dictionary, split_compounds
    load_user_dictionary()
    z = "\u200b"
    text, compounds = split_compounds(z.join(["市司法局", "组织", "行政应诉", "工作", "。"]))
    assert text == z.join(["市司法局", "组织", "行政", "应诉", "工作", "。"])  # 市司法局 is no two-word compound
    assert compounds == ["行政应诉"] and "濮阳市" not in split_compounds("濮阳市")[1]
    index = add_inner_words({"docs": [{"location": "indicators/P002/", "title": "P002", "text": z.join(["行政应诉", "案件"])}]})
    doc = index["docs"][0]
    assert doc["text"] == z.join(["行政", "应诉", "案件"]) and "行政应诉" in doc["text_words"].split(z)
