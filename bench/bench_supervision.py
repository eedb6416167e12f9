"""Benchmark: the county dashboard and `gongkai assess` for a large county on SQLite.

300 agencies, 1,000,000 published items (2024–2025, 成文日期 1–40 days before publication) and
100,000 requests (93 % answered), inserted with raw executemany. Then:
- `gongkai assess --refresh` builds the monthly summary the services would have kept (first run
  on a database, or with GONGKAI_BENCH_REFRESH=1), and one agency-month is recounted as a publish
  recounts it;
- `gongkai assess --county … --year 2025 --format json` and `--format xlsx` (target < 5 s);
- the county dashboard page, the assessment page and a drill-down page as the 县公开办 sees them
  (target < 1 s per page).

Standalone: the test settings, a temporary data dir and a fresh SQLite database.
Run: .venv/bin/python bench/bench_supervision.py [N_ITEMS] [N_REQUESTS] [N_AGENCIES]
GONGKAI_BENCH_DATA_DIR=<dir> keeps the database for the next run (which then skips the build);
GONGKAI_BENCH_QUERIES=1 also prints how many SQL queries each step ran.
"""

import datetime
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.config.settings.test"
# GONGKAI_BENCH_DATA_DIR=<dir> keeps the generated county; a later run with it skips the build.
os.environ["GONGKAI_DATA_DIR"] = os.environ.get("GONGKAI_BENCH_DATA_DIR") or tempfile.mkdtemp(
    prefix="gongkai-bench-"
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

D = datetime.date
COLUMNS = ("通知公告", "政策文件", "公共服务", "行政执法", "财政资金", "组织概况")


def timed(label, fn, target):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        t0 = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - t0
    verdict = "OK" if elapsed < target else "SLOW"
    extra = f"  {len(queries)} queries" if os.environ.get("GONGKAI_BENCH_QUERIES") else ""
    print(f"{label:<58} {elapsed:7.3f} s  (target < {target:g} s) {verdict}{extra}")
    return result


def insert_rows(model, proto, n, make_row):
    fields = [f for f in model._meta.concrete_fields if f.column != "id"]
    base = {f.column: f.get_db_prep_save(f.pre_save(proto, add=True), connection) for f in fields}
    columns = [f.column for f in fields]
    sql = (
        f'INSERT INTO "{model._meta.db_table}" ({", ".join(columns)}) '
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    batch = []
    with transaction.atomic(), connection.cursor() as cursor:
        for i in range(n):
            row = dict(base)
            make_row(i, row)
            batch.append([row[c] for c in columns])
            if len(batch) == 50_000:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def build(n_items, n_requests, n_agencies, rng):
    from gongkai.applications.models import Application
    from gongkai.core.models import Agency, User
    from gongkai.publications.models import CatalogueColumn, Publication

    county = Agency.objects.create(name="卢氏县人民政府", level="county", path="")
    county.path = f"/{county.pk}/"
    county.save()
    agencies, parents = [county], []
    for i in range(n_agencies - 1):
        level, parent = (
            ("township" if i % 2 else "department", county)
            if i < 120
            else (
                "unit",
                parents[i % len(parents)],
            )
        )
        a = Agency.objects.create(name=f"机关{i:03d}", level=level, parent=parent, path="")
        a.path = f"{parent.path}{a.pk}/"
        a.save(update_fields=["path"])
        agencies.append(a)
        if level != "unit":
            parents.append(a)
    CatalogueColumn.objects.bulk_create(
        [
            CatalogueColumn(agency=a, name=n, order=j)
            for a in agencies
            for j, n in enumerate(COLUMNS)
        ]
    )
    column_ids = {
        (c.agency_id, j): c.pk
        for c in CatalogueColumn.objects.all()
        for j, n in enumerate(COLUMNS)
        if c.name == n
    }
    ids = [a.pk for a in agencies]
    first, span = D(2024, 1, 1).toordinal(), 730

    def pub(i, row):
        agency = ids[i % len(ids)]
        published = D.fromordinal(first + rng.randrange(span))
        row.update(
            agency_id=agency,
            column_id=column_ids[(agency, rng.randrange(len(COLUMNS) - 1))],
            title=f"信息{i}",
            status="published",
            published_on=published.isoformat(),
            formed_on=(published - datetime.timedelta(days=rng.randrange(1, 40))).isoformat(),
        )

    proto = Publication(agency=county, column_id=column_ids[(county.pk, 0)], title="x")
    insert_rows(Publication, proto, n_items, pub)

    def app(i, row):
        received = D.fromordinal(first + rng.randrange(span))
        row.update(
            agency_id=ids[i % len(ids)], number=f"A{i:07d}", received_on=received.isoformat()
        )
        if rng.random() < 0.93:
            row.update(
                status="concluded",
                outcome="granted",
                replied_on=(received + datetime.timedelta(days=rng.randrange(1, 40))).isoformat(),
            )
        else:
            row.update(status="processing", outcome=None, replied_on=None)

    proto = Application(
        agency=county, number="x", applicant_type="natural_person", received_on=D(2025, 1, 1)
    )
    insert_rows(Application, proto, n_requests, app)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    office = User.objects.create(username="gongkaiban", agency=county, role="county_office")
    return county, office


def main(n_items=1_000_000, n_requests=100_000, n_agencies=300):
    from gongkai.core.models import Agency, User

    call_command("migrate", verbosity=0)
    county = Agency.objects.filter(level="county", name="卢氏县人民政府").first()
    if county is None:
        rng = random.Random(2025)
        t0 = time.perf_counter()
        county, office = build(n_items, n_requests, n_agencies, rng)
        print(
            f"built {n_agencies} agencies, {n_items:,} items, {n_requests:,} requests "
            f"in {time.perf_counter() - t0:.1f} s"
        )
    else:
        office = User.objects.get(username="gongkaiban")
        print(f"reusing the county in {os.environ['GONGKAI_DATA_DIR']}")
    print(f"load average {' / '.join(f'{x:.1f}' for x in os.getloadavg())}")
    from gongkai.supervision.models import PublicationMonth
    from gongkai.supervision.summary import publication_months_recount

    if not PublicationMonth.objects.exists() or os.environ.get("GONGKAI_BENCH_REFRESH"):
        # the items were inserted around the services: build the monthly summary once
        timed(
            "gongkai assess --refresh (monthly summary from all records)",
            lambda: call_command("assess", refresh=True, stdout=io.StringIO()),
            60,
        )
    busiest = PublicationMonth.objects.order_by("-published").first()
    timed(
        f"recount one agency-month ({busiest.published:,} items), as a publish does",
        lambda: transaction.atomic(publication_months_recount)(
            agency_id=busiest.agency_id, days=[D(busiest.year, busiest.month, 1)]
        ),
        0.1,
    )
    out = Path(os.environ["GONGKAI_DATA_DIR"]) / "assess.xlsx"
    for _ in range(2):  # the second run is what a warm server sees
        timed(
            "gongkai assess --year 2025 --format json (whole county)",
            lambda: call_command(
                "assess", county=county.name, year=2025, format="json", stdout=io.StringIO()
            ),
            5,
        )
    timed(
        "gongkai assess --year 2025 --quarter 2 --format xlsx",
        lambda: call_command(
            "assess",
            county=county.name,
            year=2025,
            quarter=2,
            format="xlsx",
            output=str(out),
            stdout=io.StringIO(),
        ),
        5,
    )
    from django.conf import settings

    settings.ALLOWED_HOSTS.append("testserver")
    client = Client()
    client.force_login(office)
    agency = county.pk + 5
    for url in (
        "/staff/county/?year=2025",
        "/staff/county/assessment/?year=2025",
        "/staff/county/assessment/?year=2025&quarter=3",
        f"/staff/county/records/?agency={agency}&kind=late&year=2025",
        "/staff/county/export.xlsx?year=2025",
    ):
        response = timed(f"GET {url}", lambda url=url: client.get(url), 1)
        assert response.status_code == 200, (url, response.status_code)


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:]))
