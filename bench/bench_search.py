"""Benchmark: full-text search on SQLite (FTS5 + jieba).

1. Generates N published items (default 200,000) across 300 agencies with bulk SQL: titles built from
   real notice patterns, bodies from sentences of the seed and sample annual reports plus one sentence
   unique to each item (dates, villages, households), 文号 on a third of them.
2. Indexing all of them with `reindex_all` (what `gongkai reindex` runs); target < 5 minutes.
3. Search p50/p95 for typical queries (two-character words, phrases, 文号 in two bracket styles,
   with and without filters, pages 1 and 5, a query with no hits); target p95 < 100 ms.
   Measured twice: the selector (backend query + highlighted hits) and the whole /search/ page.

Standalone: the test settings, a temporary data dir and a fresh SQLite database.
Run: .venv/bin/python bench/bench_search.py [N_ITEMS] [N_AGENCIES]
"""

import datetime
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.config.settings.test"
# GONGKAI_BENCH_DATA_DIR: reuse (or keep) a data dir, e.g. for bench_portal.py
os.environ["GONGKAI_DATA_DIR"] = os.environ.get("GONGKAI_BENCH_DATA_DIR") or tempfile.mkdtemp(
    prefix="gongkai-bench-"
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

D = datetime.date
SHARED = Path(__file__).resolve().parents[2] / "shared"
if not SHARED.exists():
    SHARED = Path("/work/shared")

TOWNS = "朱阳关 官道口 杜关 五里川 双槐树 汤河 瓦窑沟 狮子坪 东明 文峪 横涧 沙河 范里 磨口 官坡 徐家湾 潘河 木桐 城关".split()
BUREAUS = "自然资源 农业农村 民政 医疗保障 人力资源和社会保障 财政 教育 卫生健康 住房和城乡建设 交通运输 水利 林业 应急管理 市场监督管理 生态环境 文化广电和旅游 退役军人事务 审计 统计 司法".split()
COLUMNS = ["通知公告", "乡村振兴", "公共服务", "财政资金", "政策解读", "组织概况"]
TOPICS = [
    "城乡低保对象动态管理",
    "城乡居民医保参保缴费",
    "耕地地力保护补贴发放",
    "农机购置补贴",
    "冬季森林防火",
    "防汛抗旱",
    "安全生产大检查",
    "人居环境整治",
    "高标准农田建设项目",
    "特困人员救助供养",
    "临时救助资金发放",
    "残疾人两项补贴",
    "政府信息公开工作",
    "乡村振兴衔接资金项目",
    "义务教育阶段学生资助",
    "公益性岗位招聘",
    "宅基地审批",
    "河长制工作",
    "营商环境优化",
    "预算执行情况",
]
KINDS = ["的通知", "情况公示", "的公告", "实施方案", "工作总结", "政策解读"]
QUERIES = [
    ("低保", {}),
    ("医保", {}),
    ("补贴", {}),
    ("乡村振兴", {}),
    ("政府信息公开", {}),
    ("森林防火 通知", {}),
    ("耕地地力保护补贴", {}),
    ("招聘", {"year": 2025}),
    ("低保", {"agency": "AGENCY"}),
    ("补贴", {"column": "财政资金"}),
    ("卢政〔2024〕15号", {}),
    ("卢政[2024]15号", {}),
    ("朱阳关 医保", {}),
    ("不动产登记收费标准", {}),
]


def sentence_pool() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "seed").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((SHARED / "samples").rglob("*.txt"))]
    pool = set()
    for text in texts:
        for s in re.split(r"(?<=[。；])", text):
            s = " ".join(s.split())
            if 12 <= len(s) <= 120 and not re.search(r"\d{3,}\s+\d", s):
                pool.add(s)
    return sorted(pool)


def build(n_items: int, n_agencies: int, rng: random.Random):
    from gongkai.core.models import Agency
    from gongkai.publications.models import CatalogueColumn, Publication

    county = Agency.objects.create(name="卢氏县人民政府", level="county", path="")
    Agency.objects.filter(pk=county.pk).update(path=f"/{county.pk}/")
    names = [f"{t}镇人民政府" for t in TOWNS] + [f"卢氏县{b}局" for b in BUREAUS]
    i = 0
    while len(names) < n_agencies - 1:
        names.append(f"{TOWNS[i % len(TOWNS)]}{['村', '社区', '中心', '站', '所'][i % 5]}{i:03d}")
        i += 1
    agencies = [county]
    for name in names[: n_agencies - 1]:
        a = Agency.objects.create(name=name, level="department", parent=county, path="")
        agencies.append(a)
    cols = CatalogueColumn.objects.bulk_create(
        CatalogueColumn(agency=a, name=c, order=k) for a in agencies for k, c in enumerate(COLUMNS)
    )
    by_agency = {}
    for c in cols:
        by_agency.setdefault(c.agency_id, []).append(c)

    pool = sentence_pool()
    fields = [f for f in Publication._meta.concrete_fields if f.column != "id"]
    proto = Publication(agency_id=county.pk, column_id=cols[0].pk, title="x", status="published")
    base = {f.column: f.get_db_prep_save(f.pre_save(proto, add=True), connection) for f in fields}
    columns = [f.column for f in fields]
    sql = (
        f'INSERT INTO "{Publication._meta.db_table}" ({", ".join(columns)}) '
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    first, span = D(2021, 1, 1).toordinal(), D(2025, 12, 31).toordinal() - D(2021, 1, 1).toordinal()
    batch = []
    with transaction.atomic(), connection.cursor() as cursor:
        for n in range(n_items):
            agency = agencies[rng.randrange(len(agencies))]
            column = rng.choice(by_agency[agency.pk])
            day = D.fromordinal(first + rng.randrange(span))
            topic = rng.choice(TOPICS)
            row = dict(base)
            row["agency_id"], row["column_id"] = agency.pk, column.pk
            row["title"] = f"{agency.name}关于{day.year}年{topic}{rng.choice(KINDS)}"
            unique = (
                f"{day.month}月{day.day}日，{rng.choice(TOWNS)}{rng.randrange(1, 30)}村"
                f"完成{topic}{rng.randrange(3, 400)}户，涉及资金{rng.randrange(1, 900)}万元。"
            )
            row["body"] = unique + "".join(rng.sample(pool, rng.randrange(3, 8)))
            row["doc_number"] = f"卢政〔{day.year}〕{rng.randrange(1, 120)}号" if n % 3 == 0 else ""
            row["formed_on"] = row["published_on"] = day.isoformat()
            row["status"] = "published"
            batch.append([row[c] for c in columns])
            if len(batch) == 20_000:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
    return agencies


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def prepare(n_items: int = 200_000, n_agencies: int = 300) -> list:
    """Migrate, generate the items and index them (timed); returns the agencies."""
    from django.conf import settings

    from gongkai.publications.models import Publication
    from gongkai.search.services import reindex_all
    from gongkai.search.tokenizer import index_tokens

    settings.ALLOWED_HOSTS.append("testserver")
    call_command("migrate", verbosity=0)
    rng = random.Random(2025)
    t0 = time.perf_counter()
    agencies = build(n_items, n_agencies, rng)
    chars = sum(len(t) + len(b) for t, b in Publication.objects.values_list("title", "body"))
    print(
        f"generated {n_items:,} published items across {len(agencies)} agencies "
        f"({chars / 1e6:.1f} M characters) in {time.perf_counter() - t0:.1f} s"
    )

    pool = sentence_pool()
    index_tokens("预热")
    t0 = time.perf_counter()
    for s in pool:
        index_tokens(s + "（一次性）")  # not cached: jieba's own speed on fresh text
    cold = sum(len(s) for s in pool) / (time.perf_counter() - t0)
    print(f"jieba cut_for_search on uncached text: {cold / 1000:,.0f} k characters/s")

    t0 = time.perf_counter()
    counts = reindex_all(actor="bench")
    elapsed = time.perf_counter() - t0
    verdict = "OK" if elapsed < 300 else "SLOW"
    print(
        f"indexing {counts['publications']:,} items (reindex_all)        {elapsed:7.1f} s"
        f"  (target < 300 s) {verdict}  load average {os.getloadavg()[0]:.1f}"
    )
    db = Path(connection.settings_dict["NAME"])
    print(f"database size with index: {db.stat().st_size / 1e6:,.0f} MB")
    return agencies


def main(n_items: int = 200_000, n_agencies: int = 300) -> None:
    from gongkai.search.backends import SearchFilters
    from gongkai.search.selectors import search

    agencies = prepare(n_items, n_agencies)
    town = agencies[1].pk
    times, page_times, totals = [], [], {}
    client = Client()
    for number, (query, params) in enumerate(QUERIES):
        filters = SearchFilters(
            agency_id=town if params.get("agency") else None,
            column=params.get("column", ""),
            year=params.get("year"),
        )
        for page in (1, 5):
            for _ in range(5):
                t0 = time.perf_counter()
                result = search(query, filters, page=page)
                times.append(time.perf_counter() - t0)
            totals[(number, page)] = f"{result.total:,}{'+' if result.more else ''}"
        get = {"q": query, **{k: (town if v == "AGENCY" else v) for k, v in params.items()}}
        for _ in range(5):
            t0 = time.perf_counter()
            response = client.get("/search/", get)
            page_times.append(time.perf_counter() - t0)
            assert response.status_code == 200
    for (number, page), total in totals.items():
        if page == 1:
            query, params = QUERIES[number]
            label = f"{query} {params}" if params else query
            print(f"  {label:<34} {total:>7} hits")
    for label, values in (("selector", times), ("whole /search/ page", page_times)):
        p95 = percentile(values, 95) * 1000
        print(
            f"search p50/p95 ({label}, {len(values)} queries)  "
            f"{percentile(values, 50) * 1000:6.1f} / {p95:6.1f} ms  (target p95 < 100 ms) "
            f"{'OK' if p95 < 100 else 'SLOW'}"
        )
    print(f"mean {statistics.mean(times) * 1000:.1f} ms per selector call")


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    main(*args)
