"""Benchmark: annual-report counting and rendering.

1. Tables 2–4 for one agency with 1,000,000 applications (target < 2 s)
2. A county rollup (Tables 2–4 + section 一 figures + checks) over 300 agencies (target < 5 s)
3. Rendering one PDF (target < 1 s)

Standalone: the test settings, a temporary data dir and a fresh SQLite database.
Run: .venv/bin/python bench/bench_reports.py [N_APPLICATIONS] [N_AGENCIES]
"""

import datetime
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.config.settings.test"
os.environ["GONGKAI_DATA_DIR"] = tempfile.mkdtemp(prefix="gongkai-bench-")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

D = datetime.date


def timed(label, fn, target):
    t0 = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - t0
    verdict = "OK" if elapsed < target else "SLOW"
    print(f"{label:<58} {elapsed:7.3f} s  (target < {target:g} s) {verdict}")
    return result


def insert_applications(agency_id: int, n: int, rng: random.Random, prefix: str = "A") -> None:
    """Raw executemany: the ORM's bulk_create is ~10× slower for a million rows."""
    from gongkai.applications.choices import ApplicantType, Outcome
    from gongkai.applications.models import Application

    fields = [f for f in Application._meta.concrete_fields if f.column != "id"]
    proto = Application(
        agency_id=agency_id, number="x", applicant_type="natural_person", received_on=D(2025, 1, 1)
    )
    base = {f.column: f.get_db_prep_save(f.pre_save(proto, add=True), connection) for f in fields}
    columns = [f.column for f in fields]
    table = Application._meta.db_table
    sql = (
        f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({", ".join(["%s"] * len(columns))})'
    )
    types = ApplicantType.values
    weights = [70, 12, 2, 3, 5, 8][: len(types)]
    outcomes = Outcome.values
    first = D(2023, 1, 1).toordinal()
    days = D(2025, 12, 31).toordinal() - first
    batch = []
    with transaction.atomic(), connection.cursor() as cursor:
        for i in range(n):
            received = D.fromordinal(first + rng.randrange(days))
            row = dict(base)
            row["number"] = f"{prefix}{i:07d}"
            row["applicant_type"] = rng.choices(types, weights)[0]
            row["received_on"] = received.isoformat()
            if rng.random() < 0.93:
                row["outcome"] = rng.choice(outcomes)
                row["replied_on"] = (
                    received + datetime.timedelta(days=rng.randrange(1, 40))
                ).isoformat()
                row["status"] = "concluded"
            else:
                row["outcome"] = None
                row["replied_on"] = None
                row["status"] = "processing"
            batch.append([row[c] for c in columns])
            if len(batch) == 50_000:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def build_county(n_agencies: int, rng: random.Random):
    from gongkai.annual_reports.models import EnforcementStats
    from gongkai.core.models import Agency
    from gongkai.publications.models import CatalogueColumn, NormativeDocument, Publication

    county = Agency.objects.create(name="卢氏县人民政府", level="county", path="")
    county.path = f"/{county.pk}/"
    county.save()
    agencies = [county]
    parents = []
    for i in range(n_agencies - 1):
        if i < 120:
            level, parent = ("township" if i % 2 else "department"), county
        else:
            level, parent = "unit", parents[i % len(parents)]
        a = Agency.objects.create(name=f"机关{i:03d}", level=level, parent=parent, path="")
        a.path = f"{parent.path}{a.pk}/"
        a.save(update_fields=["path"])
        agencies.append(a)
        if level != "unit":
            parents.append(a)
    columns, pubs, docs, stats = {}, [], [], []
    for a in agencies:
        for j, name in enumerate(("通知公告", "乡村振兴", "公共服务", "组织概况")):
            columns[(a.pk, name)] = CatalogueColumn(agency=a, name=name, order=j)
    CatalogueColumn.objects.bulk_create(columns.values(), batch_size=2000)
    columns = {(c.agency_id, c.name): c for c in CatalogueColumn.objects.all()}
    for a in agencies:
        for k in range(40):
            name = ("通知公告", "乡村振兴", "公共服务", "组织概况")[k % 4]
            day = D(2024, 1, 1) + datetime.timedelta(days=rng.randrange(730))
            pubs.append(
                Publication(
                    agency=a,
                    column=columns[(a.pk, name)],
                    title=f"信息{k}",
                    status="published",
                    published_on=day,
                    formed_on=day - datetime.timedelta(days=3),
                )
            )
        for k in range(6):
            issued = D(2020, 1, 1) + datetime.timedelta(days=rng.randrange(2190))
            abolished = (
                issued + datetime.timedelta(days=rng.randrange(900)) if rng.random() < 0.3 else None
            )
            docs.append(
                NormativeDocument(
                    agency=a,
                    doc_number=f"文〔{k}〕{a.pk}号",
                    title="文件",
                    kind="normative",
                    issued_on=issued,
                    abolished_on=abolished,
                )
            )
        stats.append(
            EnforcementStats(
                agency=a,
                year=2025,
                licensing=rng.randrange(100),
                penalty=rng.randrange(20),
                coercion=rng.randrange(3),
            )
        )
    Publication.objects.bulk_create(pubs, batch_size=5000)
    NormativeDocument.objects.bulk_create(docs, batch_size=5000)
    EnforcementStats.objects.bulk_create(stats, batch_size=5000)
    return county, agencies


def main(n_apps: int = 1_000_000, n_agencies: int = 300) -> None:
    call_command("migrate", verbosity=0)
    from gongkai.annual_reports import outputs, selectors
    from gongkai.appeals.models import Appeal

    rng = random.Random(2025)
    t0 = time.perf_counter()
    county, agencies = build_county(n_agencies, rng)
    big = agencies[1]
    insert_applications(big.pk, n_apps, rng)
    for a in agencies[2:]:
        insert_applications(a.pk, 30, rng, prefix=f"S{a.pk}-")
    Appeal.objects.bulk_create(
        [
            Appeal(
                agency=big,
                number=f"F{i}",
                kind=("review", "suit_direct", "suit_after_review")[i % 3],
                filed_on=D(2025, 1, 1) + datetime.timedelta(days=i % 300),
            )
            for i in range(300)
        ]
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"setup: {n_agencies} agencies, {n_apps:,} applications for one agency "
        f"(+30 each elsewhere) in {time.perf_counter() - t0:.1f} s"
    )

    run_counts(big, county, agencies, n_apps, selectors)
    print()
    model = selectors.build_model(county, 2025)
    # A gunicorn worker imports WeasyPrint and loads the CJK fonts when it starts
    # (gongkai/config/gunicorn.py), so that warm-up is shown apart from the PDF a user waits for.
    from gongkai.reportformat.render_pdf import warm_up

    timed("warm-up at worker start (import + fonts)", warm_up, 2)
    pdf = timed("render one PDF (first request after start)", lambda: outputs.render_pdf(model), 1)
    timed("render one PDF (next)", lambda: outputs.render_pdf(model), 1)
    print(f"    PDF size {len(pdf):,} bytes")


def run_counts(big, county, agencies, n_apps, selectors):
    from gongkai.appeals.selectors import table4_counts
    from gongkai.applications.selectors import table3_counts

    def one_agency():
        ids = [big.pk]
        return (
            selectors.table2(agency_ids=ids, year=2025),
            table3_counts(agency_ids=ids, year=2025),
            table4_counts(agency_ids=ids, year=2025),
        )

    _, t3, _ = timed(f"Tables 2–4, one agency, {n_apps:,} applications", one_agency, 2)
    print(
        f"    new={t3['new']['total']:,} carried_over={t3['carried_over']['total']:,} "
        f"total={t3['total']['total']:,} carried_forward={t3['carried_forward']['total']:,}"
    )

    def rollup():
        model = selectors.build_model(county, 2025)
        return model, selectors.run_checks(county, model)

    model, findings = timed(
        f"county rollup over {len(agencies)} agencies (+ draft + checks)", rollup, 5
    )
    print(
        f"    agencies={len(selectors.report_agency_ids(county))} "
        f"normative in force={model.table2['normative']['in_force']} "
        f"errors={[f.code for f in findings if f.is_error]}"
    )


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    main(*args)
