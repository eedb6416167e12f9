"""`gongkai demo` loads the 咨询投诉 and self-inspection demos through the services, idempotently."""

import pytest
from django.core.management import call_command

from gongkai.consultations.models import Consultation
from gongkai.core.models import Agency
from gongkai.inspections.models import Finding
from gongkai.reviews.models import ReviewRecord

pytestmark = pytest.mark.django_db


def counts():
    return (Consultation.objects.count(), ReviewRecord.objects.count(), Finding.objects.count())


def test_demo_loads_consultations_and_inspections_once(client):
    call_command("demo")
    first = counts()
    call_command("demo")
    assert counts() == first
    town = Agency.objects.get(name="朱阳关镇人民政府")
    answered = Consultation.objects.get(agency=town, status="answered")
    assert answered.consent_publish
    # answered by the town's own people: drafter, 初审 and 终审 are three different users
    reviewers = set(answered.reviews.values_list("reviewer__username", flat=True))
    assert {"zyg_xxy", "zyg_bgs", "zyg_ld"} <= reviewers
    assert Consultation.objects.filter(agency=town, status="first_review").count() == 1
    assert Finding.objects.filter(agency__level="township").exists()
    page = client.get(f"/consult/answers/{town.pk}/").content.decode()
    assert "杜店村道路硬化工程什么时候开工" in page
    assert answered.name not in page and answered.contact not in page
