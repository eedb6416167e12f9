"""Rate limits on anonymous POSTs (issue 9, item 5): apply and lookup are limited per client
address, with a polite Chinese 429; GONGKAI_RATELIMIT=off switches every limit off."""

import pytest
from django.test import override_settings

from gongkai.applications.models import Application
from gongkai.core.rates import parse_rate

LIMITS = {"apply": "3/h", "lookup": "4/10m", "check": "2/h", "consult": "2/h"}


def application(county, name="刘某"):
    return {
        "agency": county["town"].pk,
        "applicant_type": "natural_person",
        "applicant_name": name,
        "id_number": "410122199001011184",
        "contact": "13800000000",
        "content": "村务公开栏照片",
        "form_requested": "electronic",
        "privacy_acknowledged": "on",
    }


@pytest.mark.parametrize(
    "text,expected",
    [("10/h", (10, 3600)), ("30/10m", (30, 600)), ("5/ 2d", (5, 172800)), ("1/s", (1, 1))],
)
def test_rates_parse(text, expected):
    assert tuple(parse_rate(text)) == expected


@pytest.mark.parametrize("text", ["", "10", "0/h", "10/0m", "10/w", "-1/h", "ten/h"])
def test_bad_rates_are_refused_in_chinese(text):
    with pytest.raises(ValueError, match="限流设置"):
        parse_rate(text)


@pytest.mark.django_db
@override_settings(GONGKAI_RATELIMIT_ENABLED=True, GONGKAI_RATELIMITS=LIMITS)
def test_apply_is_limited_per_client_address(client, county):
    for n in range(3):
        ok = client.post(
            "/requests/apply/",
            application(county, f"申请人{n}"),
            REMOTE_ADDR="198.51.100.1",
            follow=True,  # Post/Redirect/Get: the receipt with the secret
        )
        assert ok.status_code == 200 and ok.context["secret"]
    refused = client.post(
        "/requests/apply/", application(county, "第四个"), REMOTE_ADDR="198.51.100.1"
    )
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "提交过于频繁" in html and "分钟</strong>后再提交" in html
    assert 0 < int(refused["Retry-After"]) <= 3600
    assert Application.objects.count() == 3  # the refused one became no numbered request
    # Reading the form is not limited, and another address still gets through.
    assert client.get("/requests/apply/", REMOTE_ADDR="198.51.100.1").status_code == 200
    other = client.post("/requests/apply/", application(county, "邻居"), REMOTE_ADDR="198.51.100.2")
    assert other.status_code == 303 and Application.objects.count() == 4


@pytest.mark.django_db
@override_settings(GONGKAI_RATELIMIT_ENABLED=True, GONGKAI_RATELIMITS=LIMITS)
def test_lookup_is_limited_and_the_window_ends(client, county):
    import time_machine

    data = {"query_code": "GKNOSUCHCODE", "secret": "x" * 12}
    with time_machine.travel(1_800_000_000, tick=False):  # a window boundary for 10 minutes
        for _ in range(4):
            assert client.post("/requests/lookup/", data).status_code == 200
        refused = client.post("/requests/lookup/", data)
        assert refused.status_code == 429 and refused["Retry-After"] == "600"
        assert "10 分钟" in refused.content.decode()
    with time_machine.travel(1_800_000_000 + 600, tick=False):
        assert client.post("/requests/lookup/", data).status_code == 200


@pytest.mark.django_db
@override_settings(
    GONGKAI_RATELIMIT_ENABLED=True,
    GONGKAI_RATELIMITS=LIMITS,
    GONGKAI_TRUSTED_PROXIES=["127.0.0.1"],
)
def test_behind_the_proxy_each_client_has_its_own_limit(client, county):
    data = {"query_code": "GKNOSUCHCODE", "secret": "x" * 12}

    def post(who):
        return client.post(
            "/requests/lookup/", data, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=who
        )

    assert [post("198.51.100.1").status_code for _ in range(5)] == [200] * 4 + [429]
    assert post("198.51.100.2").status_code == 200


@pytest.mark.django_db
@override_settings(GONGKAI_RATELIMIT_ENABLED=False, GONGKAI_RATELIMITS=LIMITS)
def test_the_off_switch_lifts_every_limit(client, county):
    for n in range(5):
        assert client.post("/requests/apply/", application(county, f"压测{n}")).status_code == 303
    data = {"query_code": "GKNOSUCHCODE", "secret": "x" * 12}
    assert {client.post("/requests/lookup/", data).status_code for _ in range(6)} == {200}
    assert Application.objects.count() == 5


def test_the_environment_switch_is_read(monkeypatch, tmp_path):
    import subprocess
    import sys

    def enabled(value):
        env = {
            "PATH": "/usr/bin:/bin",
            "GONGKAI_DATA_DIR": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "gongkai.config.settings.test",
        }
        if value is not None:
            env["GONGKAI_RATELIMIT"] = value
        code = "from django.conf import settings; print(settings.GONGKAI_RATELIMIT_ENABLED)"
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
        return out.stdout.strip()

    assert (enabled(None), enabled("off"), enabled("on")) == ("True", "False", "True")


@pytest.mark.django_db
@override_settings(GONGKAI_RATELIMIT_ENABLED=True, GONGKAI_RATELIMITS=LIMITS)
def test_report_checker_upload_is_limited(client, personas):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(personas["county_office"])

    def upload():
        report = SimpleUploadedFile("r.txt", "二〇二五年度政府信息公开工作年度报告".encode())
        return client.post("/reports/check/", {"report": report})

    assert [upload().status_code for _ in range(3)][-1] == 429
