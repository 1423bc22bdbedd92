"""Chinese search at build time: the user dictionary of campaign terms, and the words
inside longer words added to the search index as hidden fields."""

from __future__ import annotations

import json

import jieba

from conftest import build, make_site
from evidencesite.searchterms import TEXT_FIELD, TITLE_FIELD, USER_DICTIONARY, add_inner_words, inner_words, load_user_dictionary


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
    site = make_site(tmp_path / "site", "base-site", "browser-site")
    assert build(site, tmp_path / "out").ok
    index = json.loads((tmp_path / "out" / "search" / "search_index.json").read_text(encoding="utf-8"))
    [doc] = [d for d in index["docs"] if d["location"] == "indicators/N003/"]
    assert "监测" in doc[TITLE_FIELD].split("\u200b")
    text = doc["text"].replace("\u200b", "")
    assert "牵头单位" not in text and "市生态环境局" in text, "fact labels are not indexed, values are"
