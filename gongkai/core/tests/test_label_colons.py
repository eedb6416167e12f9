"""Pages that render whole forms (`form.as_p`) show labels the Chinese way, without Django's ASCII
colon (zh-hans translates ":" as ":")."""

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
