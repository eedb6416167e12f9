"""Issue 11 item 4: what an application must carry before the legal clock starts, at every door
(online filing, staff 登记). Check digits are worked out by hand here, from the standards."""

import datetime

import pytest
import time_machine

from gongkai.applications import services, validation
from gongkai.applications.models import Application, ApplicationEvent
from gongkai.core.errors import UserError

NOW = datetime.datetime(2025, 12, 10, 2, tzinfo=datetime.UTC)

# GB 11643-1999's own example, 11010519491231002X. Weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2:
# 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2 = 167; 167 mod 11 = 2;
# position 2 of "1 0 X 9 8 7 6 5 4 3 2" is X.
ID_EXAMPLE = "11010519491231002X"
# 410122199001011184: 4·7+1·9+0·10+1·5+2·8+2·4+1·2+9·1+9·6+0·3+0·7+1·9+0·10+1·5+1·8+1·4+8·2
# = 28+9+0+5+16+8+2+9+54+0+0+9+0+5+8+4+16 = 173; 173 mod 11 = 8 → "4".
ID_SECOND = "410122199001011184"
# GB 32100-2015's example 91350100M000100Y43. Values (0–9, A=10 … Y=30, no I O S V Z):
# 9 1 3 5 0 1 0 0 M=21 0 0 0 1 0 0 Y=30 4; weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28:
# 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640; 1640 mod 31 = 28; 31-28 = 3 → "3".
CREDIT_EXAMPLE = "91350100M000100Y43"


def test_check_digits_worked_by_hand():
    assert validation.id_card_problem(ID_EXAMPLE) == ""
    assert validation.id_card_problem(ID_EXAMPLE.lower()) == ""  # x typed in lower case
    assert validation.id_card_problem(ID_SECOND) == ""
    assert validation.credit_code_problem(CREDIT_EXAMPLE) == ""
    for wrong in ("110105194912310021", "410122199001011185"):
        assert "校验码" in validation.id_card_problem(wrong)
    assert "校验码" in validation.credit_code_problem("91350100M000100Y44")
    assert "出生日期" in validation.id_card_problem("110105194913310020")  # month 13
    assert "18位" in validation.id_card_problem("12345")
    assert "不含I、O、S、V、Z" in validation.credit_code_problem("91350100M000100O43")


@pytest.mark.parametrize(
    "contact,kind",
    [
        ("13839800123", "mobile"),
        ("+86 138 3980 0123", "mobile"),
        ("0398-7000000", "landline"),
        ("(0398)7000000", "landline"),
        ("010-12345678转801", "landline"),
        ("wang.xiulan@example.com", "email"),
        ("abc", ""),
        ("138", ""),
        ("7000000", ""),  # a landline without its area code reaches nobody from outside
        ("wang@", ""),
    ],
)
def test_reachable_contact(contact, kind):
    assert validation.contact_kind(contact) == kind


def online(county, **changes):
    values = dict(
        agency=county["town"],
        applicant_type="natural_person",
        applicant_name="王秀兰",
        id_number=ID_SECOND,
        contact="13839800123",
        content="朱阳关镇2025年杜店村道路硬化工程的招标文件",
        privacy_acknowledged=True,
    )
    values.update(changes)
    return services.application_file_online(**values)


def staff(personas, county, **changes):
    values = dict(
        actor=personas["clerk"],
        agency=county["town"],
        applicant_type="natural_person",
        applicant_name="王秀兰",
        id_number=ID_SECOND,
        contact="0398-7000000",
        content="朱阳关镇2025年杜店村道路硬化工程的招标文件",
        channel="post",
        received_on=datetime.date(2025, 12, 9),
    )
    values.update(changes)
    return services.application_register(**values)


BAD = {
    "wrong check digit": ({"id_number": "410122199001011185"}, "身份证明：身份证号码的校验码"),
    "contact abc": ({"contact": "abc"}, "联系方式：无法据此联系到您"),
    "one character": ({"content": "表"}, "申请内容：请写明所需政府信息的名称、文号"),
    "punctuation only": ({"content": "？？？？？？"}, "申请内容："),
    "organisation, wrong code": (
        {"applicant_type": "commercial", "id_number": "91350100M000100Y44"},
        "身份证明：统一社会信用代码的校验码",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(BAD))
def test_every_door_refuses_and_writes_nothing(county, personas, case):
    changes, message = BAD[case]
    with time_machine.travel(NOW, tick=False):
        for door in (lambda: online(county, **changes), lambda: staff(personas, county, **changes)):
            with pytest.raises(UserError) as refused:
                door()
            assert any(p.startswith(message) for p in refused.value.problems), (
                refused.value.problems
            )
    assert Application.objects.count() == 0 and ApplicationEvent.objects.count() == 0


@pytest.mark.django_db
def test_online_filing_needs_the_privacy_notice_read(county):
    with time_machine.travel(NOW, tick=False):
        with pytest.raises(UserError) as refused:
            online(county, privacy_acknowledged=False)
    assert refused.value.problems == ["个人信息处理说明：请阅读并勾选“我已阅读并同意”后再提交"]
    assert Application.objects.count() == 0


@pytest.mark.django_db
def test_good_numbers_pass_both_doors(county, personas):
    with time_machine.travel(NOW, tick=False):
        person, _ = online(county, id_number=ID_EXAMPLE.lower())
        company, _ = online(county, applicant_type="commercial", id_number=CREDIT_EXAMPLE)
        mailed, secret = staff(personas, county, contact="wang.xiulan@example.com")
    assert person.id_number_masked == "1****************X"
    assert company.id_number_masked == "9****************3"
    assert mailed.query_code and mailed.secret_hash and secret not in mailed.secret_hash


@pytest.mark.django_db
def test_the_form_shows_every_problem_at_once_next_to_its_field(client, county):
    with time_machine.travel(NOW, tick=False):
        response = client.post(
            "/requests/apply/",
            {
                "agency": county["town"].pk,
                "applicant_type": "natural_person",
                "applicant_name": "王秀兰",
                "id_number": "410122199001011185",
                "contact": "abc",
                "content": "表",
                "form_requested": "electronic",
            },
        )
    html = response.content.decode()
    assert response.status_code == 400 and Application.objects.count() == 0
    summary = html.split('id="error-summary"')[1].split("</div>")[0]
    for field, text in [
        ("id_number", "身份证号码的校验码"),
        ("contact", "无法据此联系到您"),
        ("content", "至少5个字"),
        ("privacy_acknowledged", "请阅读个人信息处理说明"),
    ]:
        assert f'href="#id_{field}"' in summary and text in summary
        assert f'id="{field}-error">' in html.split(f'id="id_{field}"')[1][:2000]
    assert "个人信息保护法" in html and "保存多久" in html
