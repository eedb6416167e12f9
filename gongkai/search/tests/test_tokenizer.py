"""The jieba wrapper and the 文号 normalisation (no database)."""

from pathlib import Path

import pytest
from django.conf import settings

from gongkai.search import tokenizer
from gongkai.search.tokenizer import doc_number_key, index_tokens, query_terms

BRACKETS = [
    "卢政〔2025〕3号",
    "卢政[2025]3号",
    "卢政【2025】3号",
    "卢政(2025)3号",
    "卢政（2025）第03号",
]


@pytest.mark.parametrize("typed", BRACKETS)
def test_every_bracket_style_is_one_and_the_same_doc_number(typed):
    assert doc_number_key(typed) == "卢政〔2025〕3号"
    assert query_terms(typed).doc_numbers == ("卢政〔2025〕3号",)
    assert query_terms(typed).words == ()
    assert "卢政〔2025〕3号" in index_tokens(f"根据{typed}文件精神")


def test_a_different_number_is_a_different_token():
    assert "卢政〔2025〕3号" not in index_tokens("卢政〔2025〕13号")


@pytest.mark.parametrize("word", ["医保", "低保", "补贴"])
def test_two_character_words_are_indexed_inside_longer_words(word):
    text = {
        "医保": "城乡居民医保参保缴费",
        "低保": "提高城乡低保标准",
        "补贴": "耕地地力保护补贴发放",
    }
    assert query_terms(word).words == (word,)
    assert word in index_tokens(text[word])


def test_punctuation_is_dropped_and_query_words_are_not_repeated():
    assert not [t for t in index_tokens("“公开为常态、不公开为例外”。") if not t.strip("、。“”")]
    assert query_terms("低保，低保！").words == ("低保",)
    assert not query_terms("，。！？ …")


def test_jieba_writes_its_cache_under_the_data_dir_not_tmp():
    index_tokens("政府信息公开")
    assert Path(tokenizer._segmenter().dt.tmp_dir).is_relative_to(Path(settings.DATA_DIR))
