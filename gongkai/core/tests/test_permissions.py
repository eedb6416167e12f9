"""Each role against its own agency, a sibling, a child and the parent (DESIGN rule 3)."""

import pytest

from gongkai.core.models import Agency
from gongkai.core.permissions import can_read, can_write, visible_agencies
from gongkai.reviews.permissions import can_review

# role → target → (read, write). Targets are seen from the person's own agency:
# clerk/office_head/leader sit in 朱阳关镇 (child = its unit, parent = the county, sibling = 官道口镇);
# county_office/admin sit in the county government (child = 朱阳关镇, sibling = none, so the
# department stands in; parent = none, so 朱阳关镇's unit stands in as a grandchild).
EXPECTED = {
    "clerk": {
        "own": (True, True),
        "sibling": (False, False),
        "child": (False, False),
        "parent": (False, False),
    },
    "office_head": {
        "own": (True, True),
        "sibling": (False, False),
        "child": (False, False),
        "parent": (False, False),
    },
    "leader": {
        "own": (True, True),
        "sibling": (False, False),
        "child": (False, False),
        "parent": (False, False),
    },
    "county_office": {
        "own": (True, False),
        "sibling": (True, False),
        "child": (True, False),
        "parent": (True, False),
    },
    "admin": {
        "own": (True, True),
        "sibling": (True, True),
        "child": (True, True),
        "parent": (True, True),
    },
}


def targets(role, county):
    if role in {"county_office", "admin"}:
        return {
            "own": county["county"],
            "sibling": county["dept"],
            "child": county["town"],
            "parent": county["unit"],
        }
    return {
        "own": county["town"],
        "sibling": county["sibling"],
        "child": county["unit"],
        "parent": county["county"],
    }


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(EXPECTED))
@pytest.mark.parametrize("target", ["own", "sibling", "child", "parent"])
def test_matrix(personas, county, role, target):
    person = personas[role]
    agency = targets(role, county)[target]
    read, write = EXPECTED[role][target]
    assert can_read(person, agency) is read
    assert can_write(person, agency) is write
    # The queryset and the per-object check agree.
    assert visible_agencies(person).filter(pk=agency.pk).exists() is read


@pytest.mark.django_db
def test_outsider_county_sees_nothing_of_ours(personas, county):
    from gongkai.core.services import agency_add, person_add

    other = agency_add(actor=None, name="栾川县人民政府", level="county")
    outsider = person_add(
        actor=None, username="luanchuan", agency=other, role="county_office", password=None
    )
    assert list(visible_agencies(outsider)) == [other]
    assert not can_read(outsider, county["town"])


@pytest.mark.django_db
def test_review_stages(personas, county):
    town = county["town"]
    assert can_review(personas["office_head"], town, "first")
    assert not can_review(personas["office_head"], town, "final")
    assert can_review(personas["leader"], town, "final")
    assert not can_review(personas["clerk"], town, "first")
    assert not can_review(personas["county_office"], town, "final")


@pytest.mark.django_db
def test_inactive_and_anonymous_see_nothing(personas):
    from django.contrib.auth.models import AnonymousUser

    person = personas["county_office"]
    person.is_active = False
    assert visible_agencies(person).count() == 0
    assert visible_agencies(AnonymousUser()).count() == 0
    assert Agency.objects.count() == 5
