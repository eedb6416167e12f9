"""Letters read back from DOCX and PDF; the deadline/fee commands; the public portal pages."""

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command

from gongkai.applications.models import Application

from .factories import ID_NUMBER, register

D = datetime.date.fromisoformat


@pytest.mark.django_db
def test_deadline_command(capsys):
    call_command("deadline", "--received", "2025-09-25", "--channel", "邮寄")
    out = capsys.readouterr().out
    assert "答复期限：2025-10-29" in out and "补正告知期限：2025-10-11" in out and "签收" in out
    call_command("deadline", "--received", "2025-09-25", "--extended", "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["reply_due"] == "2025-11-26"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args",
    [
        ["--received", "2026-12-20"],
        ["--received", "2025-02-30"],
        [],
        ["--received", "2025-01-01", "--channel", "飞鸽"],
    ],
)
def test_deadline_command_errors(args):
    with pytest.raises(SystemExit) as exc:
        call_command("deadline", *args)
    assert exc.value.code == 1


def test_fee_command(capsys):
    call_command("fee", "--items", "31")
    assert "2200 元" in capsys.readouterr().out
    call_command("fee", "--pages", "150", "--json")
    assert json.loads(capsys.readouterr().out)["fee_yuan"] == "1700"
    with pytest.raises(SystemExit):
        call_command("fee", "--items", "3", "--pages", "4")


def test_commands_via_subprocess(tmp_path):
    root = Path(__file__).resolve().parents[3]
    # A fresh SQLite file of its own, whichever database the suite itself runs on.
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "GONGKAI_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "gongkai.config.settings.test",
    }
    run = lambda *a: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "gongkai.cli", *a],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run("migrate", "-v0").returncode == 0
    ok = run("deadline", "--received", "2025-12-31")
    assert ok.returncode == 0 and "答复期限：2026-01-29" in ok.stdout
    missing = run("deadline", "--received", "2026-12-20")
    assert missing.returncode == 1 and "没有 2027 年的工作日历数据" in missing.stderr
    assert "Traceback" not in missing.stderr
    fee = run("fee", "--pages", "31")
    assert fee.returncode == 0 and "10 元" in fee.stdout


@pytest.mark.django_db
def test_portal_apply_and_lookup(client, county):
    with time_machine.travel(datetime.datetime(2025, 12, 10, 10, tzinfo=datetime.UTC), tick=False):
        page = client.get("/requests/apply/")
        assert page.status_code == 200 and "csrfmiddlewaretoken" in page.content.decode()
        bad = client.post(
            "/requests/apply/",
            {
                "agency": county["town"].pk,
                "applicant_type": "natural_person",
                "applicant_name": "刘某",
                "id_number": "12345",
                "contact": "138",
                "content": "x",
                "form_requested": "electronic",
            },
        )
        assert "身份证号码应为18位" in bad.content.decode()
        assert Application.objects.count() == 0
        done = client.post(
            "/requests/apply/",
            {
                "agency": county["town"].pk,
                "applicant_type": "natural_person",
                "applicant_name": "刘某",
                "id_number": ID_NUMBER,
                "contact": "13800000000",
                "content": "村务公开栏照片",
                "form_requested": "electronic",
                "privacy_acknowledged": "on",
            },
            follow=True,  # Post/Redirect/Get: the receipt is the redirected page
        )
    html = done.content.decode()
    app = Application.objects.get()
    assert (
        app.query_code in html and app.received_on == D("2025-12-10") and app.channel == "internet"
    )
    secret = done.context["secret"]
    other = register_other(county)
    found = client.post(
        "/requests/lookup/", {"query_code": app.query_code, "secret": secret}
    ).content.decode()
    assert "办理状态" in found and county["town"].name in found
    assert ID_NUMBER not in found and "刘某" not in found and other.content not in found
    wrong = client.post(
        "/requests/lookup/", {"query_code": app.query_code, "secret": "wrong"}
    ).content.decode()
    assert "未找到该申请" in wrong and county["town"].name not in wrong.split("<main")[1]


def register_other(county):
    return Application.objects.create(
        agency=county["town"],
        number="O-1",
        applicant_type="commercial",
        received_on=D("2025-12-01"),
        content="其他申请人的申请内容",
        query_code="GKOTHER",
        applicant_name="另一个人",
    )


@pytest.mark.django_db
def test_staff_pages_scoped(client, county, personas):
    with time_machine.travel(datetime.datetime(2025, 12, 10, 10, tzinfo=datetime.UTC), tick=False):
        register(
            personas["clerk"], county["town"], received="2025-11-03", number="OWN-1"
        )  # due 12/01: overdue
        register(
            personas["sibling_clerk"], county["sibling"], received="2025-12-05", number="SIB-1"
        )
        client.force_login(personas["clerk"])
        office = client.get("/requests/staff/").content.decode()
        assert "OWN-1" in office and "SIB-1" not in office
        client.force_login(personas["county_office"])
        overview = client.get("/requests/staff/county/").content.decode()
        assert "OWN-1" in overview and county["sibling"].name in overview
    client.logout()
    assert client.get("/requests/staff/").status_code == 302
