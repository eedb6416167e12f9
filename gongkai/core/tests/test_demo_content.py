"""What the demo county shows (WALKTHROUGH 3, 7, 18) and the Chinese admin (8, 23), plus the log clock."""

import os
import re
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.core.management import call_command

from gongkai.applications import services as requests
from gongkai.applications.models import Application
from gongkai.core.audit_models import AuditEvent
from gongkai.core.demo import DEMO_PASSWORD
from gongkai.core.models import Agency, User
from gongkai.publications.demo_rich import INTERPRETATION_TITLE, PDF_NAME, POLICY_TITLE
from gongkai.publications.models import Attachment, Publication


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    call_command("demo")


def test_second_demo_run_changes_nothing(demo):
    before = (AuditEvent.objects.count(), Attachment.objects.count(), Application.objects.count())
    call_command("demo")
    after = (AuditEvent.objects.count(), Attachment.objects.count(), Application.objects.count())
    assert after == before


def test_search_placeholder_wenhao_finds_the_policy_in_both_brackets(demo, client):
    page = client.get("/search/").content.decode()
    placeholder = re.search(r'placeholder="[^"]*?(卢政〔(\d+)〕(\d+)号)', page)
    assert placeholder, "the search box suggests a 文号"
    year, seq = placeholder.group(2), placeholder.group(3)
    # 卢政〔2025〕2号 is the registered 规范性文件 of the walkthrough; its published item must carry it.
    assert placeholder.group(1) == "卢政〔2025〕2号"
    for query in (f"卢政〔{year}〕{seq}号", f"卢政[{year}]{seq}号"):
        body = client.get("/search/", {"q": query}).content.decode()
        assert POLICY_TITLE in body, query


def _page(client, publication) -> str:
    response = client.get(f"/publications/{publication.agency_id}/{publication.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_interpretation_links_both_ways_and_attachment_downloads(demo, client):
    policy = Publication.objects.get(title=POLICY_TITLE, status="published")
    interpretation = Publication.objects.get(title=INTERPRETATION_TITLE, status="published")
    assert interpretation.kind == "qa" and interpretation.questions.exists()
    assert f"/{interpretation.pk}/" in _page(client, policy)
    assert f"/{policy.pk}/" in _page(client, interpretation)

    attachment = Attachment.objects.get(original_name=PDF_NAME, publication__status="published")
    assert f"/publications/attachments/{attachment.pk}/" in _page(client, attachment.publication)
    response = client.get(f"/publications/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert b"".join(response).startswith(b"%PDF")
    assert quote(PDF_NAME) in response["Content-Disposition"]

    images = Publication.objects.get(kind="images", status="published", agency=policy.agency)
    image = images.attachments.get(role="image")
    assert image.alt_text and f'alt="{image.alt_text}"' in _page(client, images)


def test_demo_requests_and_new_ones_share_one_series(demo):
    town = Agency.objects.get(name="朱阳关镇人民政府")
    numbers = list(Application.objects.values_list("number", flat=True))
    assert numbers and all(re.fullmatch(r"\d{4}-\d{3}", n) for n in numbers), numbers
    # 朱阳关镇 has two demo requests received in November 2026: the next one is the third.
    app, _secret = requests.application_register(
        actor=User.objects.get(username="zyg_xxy"),
        agency=town,
        applicant_type="natural_person",
        applicant_name="测试",
        id_number="110101199003077774",
        contact="0398-7000000",
        content="朱阳关镇2026年农村道路养护资金使用情况",
        channel="in_person",
        received_on=Application.objects.filter(agency=town).latest("received_on").received_on,
    )
    assert app.number == "2026-003"


@pytest.mark.parametrize("name", ["朱阳关镇人民政府", "卢氏县人民政府"])
def test_demo_guides_are_filled(demo, client, name):
    agency = Agency.objects.get(name=name)
    body = client.get(f"/agencies/{agency.pk}/guide/").content.decode()
    assert "本机关尚未公布" not in body
    assert "0398-" in body and "472" in body and "办公时间" in body
    assert "原则上不收取费用" in body and "信息处理费" in body


def test_admin_is_chinese_and_greets_by_name(demo, client):
    assert client.login(username="zyg_bgs", password=DEMO_PASSWORD)
    body = client.get("/admin/").content.decode()
    for english in ("Model name", "Add link", "Change or view list link"):
        assert english not in body
    assert "欢迎，<strong>李建国</strong>" in body and "</strong>." not in body
    form = client.get("/admin/password_change/").content.decode()
    labels = re.findall(r"<label[^>]*>([^<]*)</label>", form)
    assert labels and all(label.endswith("：") for label in labels), labels


def test_gunicorn_logs_in_china_time():
    code = "import time, gongkai.config.gunicorn; print(time.strftime('%z'))"
    env = {**os.environ, "TZ": "UTC"}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert result.stdout.strip() == "+0800", result.stderr
