"""Search over published items: Chinese two-character words, 文号 in every bracket style, no leaks of
drafts/withdrawn items, filters, paging, ranking, escaping, failed queries without personal data."""

import datetime
import re

import pytest
from django.core.management import call_command

from gongkai.search.backends import SearchFilters
from gongkai.search.models import FailedQuery, SearchEntry
from gongkai.search.selectors import search, top_failed_queries

from .corpus import build, publish

pytestmark = pytest.mark.django_db
D = datetime.date
NONE = SearchFilters()


@pytest.fixture
def corpus(county):
    return build(county)


def titles(query, filters=NONE, page=1):
    return [re.sub(r"</?mark>", "", h.title_html) for h in search(query, filters, page=page).hits]


@pytest.mark.parametrize(
    ("word", "expected", "not_expected"),
    [
        ("医保", "medical", ("low_income", "subsidy")),
        ("低保", "low_income", ("medical", "subsidy")),
        ("补贴", "subsidy", ("medical", "fire")),
    ],
)
def test_two_character_words_find_what_they_should(corpus, word, expected, not_expected):
    items, _ = corpus
    found = titles(word)
    assert items[expected].title in found
    for other in not_expected:
        assert items[other].title not in found


@pytest.mark.parametrize(
    "typed",
    ["卢政〔2025〕3号", "卢政[2025]3号", "卢政【2025】3号", "卢政(2025)3号", "卢政（2025）第3号"],
)
def test_doc_number_in_every_bracket_style(corpus, typed):
    items, _ = corpus
    assert titles(typed) == [items["low_income"].title]  # not 卢政〔2025〕13号


def test_drafts_items_under_review_and_withdrawn_items_are_never_found(corpus):
    _, hidden = corpus
    for query in ["低保", "医保", "补贴", "卢政〔2025〕3号", "征求意见稿", "审核意见", "资金发放"]:
        for title in titles(query):
            assert title not in {h.title for h in hidden.values()}
    assert not SearchEntry.objects.filter(
        source__in=[f"publication:{h.pk}" for h in hidden.values()]
    ).exists()


def test_filters_by_agency_column_year_and_kind(corpus, county):
    items, _ = corpus
    town = SearchFilters(agency_id=county["town"].pk)
    assert set(titles("通知", town)) == {items["medical"].title}
    assert set(titles("通知", SearchFilters(year=2024))) == {items["fire"].title}
    assert set(titles("公示", SearchFilters(column="乡村振兴"))) == {items["subsidy"].title}
    assert titles("通知", SearchFilters(kind="annual_report")) == []
    assert len(titles("通知", SearchFilters(kind="publication"))) == 4


def test_paging_and_ranking(county):
    dept = county["dept"]
    for i in range(12):
        publish(
            dept,
            title=f"卢氏县自然资源局第{i + 1}批项目资金公示",
            body="公示期内如有异议，请向县自然资源局反映。" + "项目补贴资金已拨付到位。",
            day=D(2025, 1, 1) + datetime.timedelta(days=i),
        )
    title_hit = publish(
        dept, title="卢氏县自然资源局关于地质灾害补贴的说明", body="详见附件。", day=D(2024, 1, 1)
    )
    first = search("补贴", NONE, page=1)
    second = search("补贴", NONE, page=2)
    assert first.total == 13 and first.pages == 2
    assert len(first.hits) == 10 and len(second.hits) == 3
    # relevance first: the one with the word in its title, although it is the oldest
    assert re.sub(r"</?mark>", "", first.hits[0].title_html) == title_hit.title
    # equal relevance: newest first
    dates = [h.published_on for h in first.hits[1:] + second.hits]
    assert dates == sorted(dates, reverse=True)
    assert not {h.source for h in first.hits} & {h.source for h in second.hits}


def test_highlights_escape_the_document_then_mark_the_hits(county):
    publish(
        county["town"],
        title="关于<script>alert(1)</script>补贴的说明",
        body='<img src=x onerror="alert(2)"> 农机购置补贴 & 其他',
    )
    hit = search("补贴", NONE).hits[0]
    assert "<script>" not in hit.title_html and "&lt;script&gt;" in hit.title_html
    assert "<mark>补贴</mark>" in hit.title_html
    assert "<img" not in hit.snippet_html and "&amp;" in hit.snippet_html
    assert "<mark>补贴</mark>" in hit.snippet_html


def test_page_shows_hits_highlighted_and_no_hits_with_advice(corpus, client):
    items, _ = corpus
    page = client.get("/search/", {"q": "卢政[2025]3号"}).content.decode()
    assert items["low_income"].title in page and "<mark>卢政〔2025〕3号</mark>" in page
    empty = client.get("/search/", {"q": "不存在的信息名称 410103198001011234"})
    text = empty.content.decode()
    assert empty.status_code == 200 and "没有找到" in text and "申请政府信息公开" in text
    form = client.get("/search/").content.decode()
    assert 'name="q"' in form and "没有找到" not in form


def test_failed_query_is_recorded_without_personal_data(corpus, client, county):
    typed = "低保证明 张三 身份证 41012219900101123X 电话 138 0013 8000 zs@example.com 6222021234567890123"
    response = client.get("/search/", {"q": typed, "agency": county["town"].pk})
    assert "没有找到" in response.content.decode()
    row = FailedQuery.objects.get()
    for secret in ["41012219900101123", "13800138000", "138 0013", "zs@example", "622202"]:
        assert secret not in row.query
    assert "低保证明" in row.query and row.hits == 0 and row.agency_id == county["town"].pk
    assert {f.name for f in FailedQuery._meta.fields} == {
        "id",
        "query",
        "day",
        "agency",
        "hits",
        "times",
    }
    client.get("/search/", {"q": typed, "agency": county["town"].pk})
    assert top_failed_queries(agency_id=county["town"].pk) == [{"query": row.query, "times": 2}]
    assert top_failed_queries(agency_id=county["dept"].pk) == []
    client.get("/search/", {"q": "低保"})  # found: not recorded
    assert FailedQuery.objects.count() == 1


def test_reindex_rebuilds_published_items_only(corpus):
    items, _ = corpus
    SearchEntry.objects.all().delete()
    assert titles("医保") == []
    call_command("reindex", stdout=open("/dev/null", "w"))
    assert items["medical"].title in titles("医保")
    assert SearchEntry.objects.count() == len(items)


def test_a_broad_query_is_counted_to_a_limit_and_ranked_among_its_newest_matches(
    county, client, monkeypatch
):
    from django.db import connection

    from gongkai.search.backends import postgres, sqlite

    backend = sqlite if connection.vendor == "sqlite" else postgres
    dept = county["dept"]
    oldest = publish(
        dept, title="卢氏县关于地质灾害补贴的说明", body="详见附件。", day=D(2024, 1, 1)
    )
    for i in range(6):
        publish(
            dept,
            title=f"卢氏县第{i + 1}批项目资金公示",
            body="项目补贴资金已拨付到位。",
            day=D(2025, 1, 1) + datetime.timedelta(days=i),
        )
    assert titles("补贴")[0] == oldest.title  # ranked in full: the title hit comes first
    monkeypatch.setattr(backend, "COUNT_LIMIT", 5)
    monkeypatch.setattr(backend, "RANK_WINDOW", 6)
    result = search("补贴", NONE)
    assert result.total == 5 and result.more
    # 7 matches, a window of the newest 6: the oldest item is left out, the rest newest first
    dates = [h.published_on for h in result.hits]
    assert oldest.title not in titles("补贴") and dates == sorted(dates, reverse=True)
    page = client.get("/search/", {"q": "补贴"}).content.decode()
    assert "找到超过 5 条" in page
