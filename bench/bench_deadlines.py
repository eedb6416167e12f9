"""Benchmark: due dates + overdue lists for 100,000 open requests (target < 2 s).

Standalone: uses the test settings, a temporary data dir and a fresh SQLite database.
Run: .venv/bin/python bench/bench_deadlines.py [N]
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


def main(n: int = 100_000) -> None:
    call_command("migrate", verbosity=0)
    from gongkai.applications.models import Application, ApplicationEvent
    from gongkai.applications.selectors import deadline_lists
    from gongkai.calendars.selectors import get_calendar
    from gongkai.core.models import Agency

    agency = Agency.objects.create(name="卢氏县人民政府", level="county", path="/1/")
    rng = random.Random(2025)
    start = datetime.date(2026, 6, 1)
    apps = [
        Application(
            agency=agency,
            number=f"B-{i:06d}",
            applicant_type="natural_person",
            received_on=start + datetime.timedelta(days=rng.randrange(170)),
            status="processing",
        )
        for i in range(n)
    ]
    t0 = time.perf_counter()
    Application.objects.bulk_create(apps, batch_size=5000)
    ids = list(Application.objects.values_list("id", "received_on"))
    events = []
    for app_id, received in ids:
        r = rng.random()
        if r < 0.2:  # consultation, answered
            a = received + datetime.timedelta(days=3)
            events += [
                ApplicationEvent(application_id=app_id, kind="consult_third_party", date=a),
                ApplicationEvent(
                    application_id=app_id, kind="consult_end", date=a + datetime.timedelta(days=10)
                ),
            ]
        elif r < 0.3:
            events.append(
                ApplicationEvent(
                    application_id=app_id,
                    kind="extension",
                    date=received + datetime.timedelta(days=15),
                    days=20,
                )
            )
        elif r < 0.35:
            events += [
                ApplicationEvent(application_id=app_id, kind="correction_requested", date=received),
                ApplicationEvent(
                    application_id=app_id,
                    kind="correction_received",
                    date=received + datetime.timedelta(days=5),
                ),
            ]
    ApplicationEvent.objects.bulk_create(events, batch_size=5000)
    print(f"created {n} open requests and {len(events)} events in {time.perf_counter() - t0:.1f} s")
    get_calendar()  # the calendar is cached per process; load it once outside the timing
    today = datetime.date(2026, 11, 26)
    t0 = time.perf_counter()
    lists = deadline_lists(Application.objects.filter(agency=agency), today=today)
    elapsed = time.perf_counter() - t0
    print(
        f"due dates + overdue lists for {len(lists['all'])} open requests: {elapsed:.2f} s "
        f"(overdue {len(lists['overdue'])}, due soon {len(lists['due_soon'])}, "
        f"calendar missing {len(lists['error'])}) — target < 2 s"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
