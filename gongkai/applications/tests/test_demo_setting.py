import datetime

import pytest

from gongkai.appeals.selectors import table4_counts
from gongkai.applications.models import Application, ApplicationEvent
from gongkai.applications.selectors import clock_for, table3_counts

D = datetime.date.fromisoformat
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "value,due", [(True, "2025-04-15"), (False, "2025-03-31"), (None, "2025-03-31")]
)
def test_fee_period_setting(county, settings, value, due):
    """GONGKAI_FEE_PERIOD_PAUSES_CLOCK: True pauses the clock from the fee notice (Fri 03-07) to the
    payment (Fri 03-21); False, and unset (the safer default), do not. Received Mon 2025-03-03."""
    if value is None:
        del settings.GONGKAI_FEE_PERIOD_PAUSES_CLOCK
    else:
        settings.GONGKAI_FEE_PERIOD_PAUSES_CLOCK = value
    app = Application.objects.create(
        agency=county["town"],
        number="F-1",
        applicant_type="natural_person",
        received_on=D("2025-03-03"),
    )
    ApplicationEvent.objects.create(application=app, kind="fee_notice", date=D("2025-03-07"))
    ApplicationEvent.objects.create(application=app, kind="fee_paid", date=D("2025-03-21"))
    assert clock_for(app).due == D(due)


def test_demo_is_idempotent_and_zhuyangguan_has_nothing_in_2025():
    from gongkai.appeals.demo import load_demo as load_appeals
    from gongkai.applications.demo import load_demo
    from gongkai.core.demo import load_core_demo

    agencies, people = load_core_demo()
    for _ in range(2):
        load_demo(agencies, people)
        load_appeals(agencies, people)
    n = Application.objects.count()
    load_demo(agencies, people)
    assert Application.objects.count() == n
    zyg = [agencies["zhuyangguan"].pk]
    t3 = table3_counts(agency_ids=zyg, year=2025)
    assert all(v == 0 for row in t3.values() for v in row.values())
    assert all(
        v == 0 for b in table4_counts(agency_ids=zyg, year=2025).values() for v in b.values()
    )
    for key in ("guandaokou", "wulichuan", "ziran", "renshe", "county"):
        t = table3_counts(agency_ids=[agencies[key].pk], year=2025)
        assert t["new"]["total"] > 0
        for col in t["new"]:
            assert (
                t["new"][col] + t["carried_over"][col]
                == t["total"][col] + t["carried_forward"][col]
            )
    all_ids = [a.pk for a in agencies.values()]
    t = table3_counts(agency_ids=all_ids, year=2025)
    assert t["carried_over"]["total"] > 0 and t["carried_forward"]["total"] > 0
    assert t["withheld_third_party"]["total"] > 0 and t["other_other"]["total"] > 0
    assert table4_counts(agency_ids=all_ids, year=2025)["review"]["total"] > 0
