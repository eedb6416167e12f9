"""What people look for and do not find, per office: the sources of the demand page.

Each source is a function `(agency, start, end) -> list[Topic]`, registered in SOURCES:
- failed searches (search app: searches with no results, limited to the agency or site-wide);
- repeated requests (条例第四十四条): the agency's applications grouped by shared keywords
  (jieba, via search/tokenizer.py). Only the shared keywords and the count are shown — never the
  request text, the applicant or the dates of one person's request;
- 咨询投诉 topics: the consultations app's masked questions, grouped by shared keywords.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field

from gongkai.core import sensitive

MIN_SHARED = 2  # keywords two requests must share to be "the same information"
MIN_REQUESTS = 2
STOPWORDS = {
    "申请",
    "公开",
    "信息",
    "政府",
    "提供",
    "关于",
    "请求",
    "相关",
    "有关",
    "依法",
    "要求",
    "贵单位",
    "本人",
    "我们",
    "复印件",
    "文件",
    "资料",
    "材料",
    "情况",
    "以及",
    "查询",
    "政府信息",
    "内容",
    "具体",
    "全部",
    "需要",
    "希望",
    "进行",
    "是否",
    "哪些",
    "什么",
    "包括",
    "根据",
    "条例",
}
_DIGITS = re.compile(r"\d")


@dataclass
class Topic:
    source: str  # failed_search | repeated_request | consult
    topic: str
    count: int
    note: str = ""
    keywords: list[str] = field(default_factory=list)


SOURCE_LABELS = {
    "failed_search": "检索无结果",
    "repeated_request": "重复申请（条例第四十四条）",
    "consult": "咨询投诉",
}


def failed_searches(agency, start: datetime.date, end: datetime.date) -> list[Topic]:
    from gongkai.search.selectors import top_failed_queries

    own = top_failed_queries(agency_id=agency.pk, start=start, end=end, limit=20)
    topics = [Topic("failed_search", r["query"], r["times"], "限定本机关检索") for r in own]
    seen = {t.topic for t in topics}
    for row in top_failed_queries(start=start, end=end, limit=20):
        if row["query"] not in seen:
            topics.append(Topic("failed_search", row["query"], row["times"], "全站检索"))
    return topics


def keywords(text: str, private: set[str]) -> set[str]:
    from gongkai.search.tokenizer import query_terms

    terms = query_terms(text)
    return {
        w
        for w in terms.words
        if len(w) >= 2
        and w not in STOPWORDS
        and not _DIGITS.search(w)
        and not any(w in p for p in private)
        and not sensitive.scan(w)
    }


def group_requests(contents: list[str], private: set[str]) -> list[tuple[list[str], int]]:
    """Greedy grouping: a request joins the first group sharing MIN_SHARED keywords with the group's
    common words. Returns (shared keywords, number of requests) for groups of MIN_REQUESTS or more."""
    groups: list[dict] = []
    for content in contents:
        words = keywords(content, private)
        if len(words) < MIN_SHARED:
            continue
        for group in groups:
            if len(group["common"] & words) >= MIN_SHARED:
                group["common"] &= words
                group["counter"].update(words)
                group["n"] += 1
                break
        else:
            groups.append({"common": set(words), "counter": Counter(words), "n": 1})
    out = []
    for group in groups:
        if group["n"] >= MIN_REQUESTS:
            ordered = sorted(group["common"], key=lambda w: (-group["counter"][w], w))
            out.append((ordered[:5], group["n"]))
    return sorted(out, key=lambda g: (-g[1], g[0]))


def repeated_requests(agency, start: datetime.date, end: datetime.date) -> list[Topic]:
    from gongkai.applications.models import Application

    rows = list(
        Application.objects.filter(
            agency=agency, received_on__gte=start, received_on__lte=end
        ).values_list("content", "applicant_name", "address")
    )
    private = {p for _, name, address in rows for p in (name, address) if p}
    return [
        Topic(
            "repeated_request",
            "".join(words[:3]),
            n,
            f"{n} 件申请涉及：{'、'.join(words)}",
            keywords=words,
        )
        for words, n in group_requests([content for content, _, _ in rows], private)
    ]


def consult_topics(agency, start: datetime.date, end: datetime.date) -> list[Topic]:
    """咨询投诉 received in the period, grouped like repeated requests by shared keywords. The
    questions come already masked (no name, contact or numbers) from the consultations app."""
    from gongkai.consultations.selectors import topics_by_agency

    questions = [row["question"] for row in topics_by_agency([agency.pk], start, end)]
    return [
        Topic(
            "consult",
            "".join(words[:3]),
            n,
            f"{n} 条咨询投诉涉及：{'、'.join(words)}",
            keywords=words,
        )
        for words, n in group_requests(questions, set())
    ]


SOURCES = {
    "failed_search": failed_searches,
    "repeated_request": repeated_requests,
    "consult": consult_topics,
}


def demand_for_agency(agency, start: datetime.date, end: datetime.date) -> dict[str, list[Topic]]:
    return {name: source(agency, start, end) for name, source in SOURCES.items()}
