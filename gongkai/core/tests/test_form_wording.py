"""Staff forms in Chinese: labels of whole-form pages (`form.as_p`) without Django's ASCII colon
(zh-hans translates ":" as ":"); choice fields offer 请选择, not Django's "---------"."""

import re

import pytest

pytestmark = pytest.mark.django_db

PAGES = {
    "clerk": ["/reports/check/", "/units/staff/"],
    "county_office": ["/staff/county/assessment/weights/"],
}


def test_form_labels_have_no_ascii_colon(client, county, personas):
    for persona, urls in PAGES.items():
        client.force_login(personas[persona])
        for url in urls:
            page = client.get(url).content.decode()
            labels = re.findall(r"<label[^>]*>(.*?)</label>", page, re.S)
            assert any("<input" not in label for label in labels), url  # the page has labels
            assert not [label for label in labels if label.rstrip().endswith(":")], url


def test_staff_choice_fields_say_please_choose_not_dashes(client, county, personas):
    client.force_login(personas["clerk"])
    for url in ["/requests/staff/register/", "/appeals/staff/register/"]:
        page = client.get(url).content.decode()
        assert "受理机关" in page or "机关" in page, url
        assert "---------" not in page, url
