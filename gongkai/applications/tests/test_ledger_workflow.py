"""Ledger imports never change a request inside the workflow (issue #8): such a row is refused as 第N行
and nothing at all is imported; historic records are created and corrected; 其他处理-其他 ends a request
the same way in an import as in the services (撤回)."""

import datetime

import pytest

from gongkai.applications import services
from gongkai.applications.ledger import export_applications, import_applications
from gongkai.applications.models import Application
from gongkai.applications.tests.factories import register
from gongkai.core.errors import UserError

D = datetime.date.fromisoformat
pytestmark = pytest.mark.django_db
HEADER = "编号,申请人类型,申请人,收到日期,申请方式,申请内容,办理结果,答复日期,信息处理费（元）\n"


def ledger(tmp_path, *rows, name="ledger.csv"):
    path = tmp_path / name
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def at_first_review(personas, county, number):
    """A request whose reply (a refusal) waits for 初审, built through the services."""
    app = register(personas["clerk"], county["town"], number=number, received="2025-11-03")
    services.application_start_processing(
        actor=personas["clerk"], application=app, date=D("2025-11-03")
    )
    return services.application_draft_reply(
        actor=personas["clerk"],
        application=app,
        outcome="withheld_state_secret",
        date=D("2025-11-10"),
    )


def concluded(personas, county, number):
    app = at_first_review(personas, county, number)
    services.application_review(
        actor=personas["office_head"], application=app, stage="first", approve=True
    )
    services.application_review(
        actor=personas["leader"], application=app, stage="final", approve=True
    )
    services.application_deliver(actor=personas["clerk"], application=app, date=D("2025-11-20"))
    return services.application_conclude(
        actor=personas["clerk"], application=app, date=D("2025-11-21")
    )


def test_a_request_at_first_review_is_not_concluded_by_an_import(tmp_path, county, personas):
    app = at_first_review(personas, county, "2025-007")
    path = ledger(
        tmp_path,
        "2025-100,自然人,李某,2025-03-01,当面,新的历史申请,,,",
        "2025-007,自然人,王某,2025-11-03,当面,村道硬化招标文件,予以公开,2025-11-12,0",
    )
    with pytest.raises(UserError) as exc:
        import_applications(actor=personas["clerk"], agency=county["town"], path=path)
    problems = "\n".join(exc.value.problems)
    assert "第3行" in problems and "2025-007" in problems and "初审" in problems
    app.refresh_from_db()
    assert (app.status, app.outcome, app.proposed_outcome) == (
        "first_review",
        None,
        "withheld_state_secret",
    )
    assert not Application.objects.filter(number="2025-100").exists()  # nothing at all imported


def test_a_request_concluded_on_the_platform_is_not_reopened(tmp_path, county, personas):
    app = concluded(personas, county, "2025-008")
    path = ledger(tmp_path, "2025-008,自然人,王某,2025-11-03,当面,村道硬化招标文件,,,")
    with pytest.raises(UserError) as exc:
        import_applications(actor=personas["clerk"], agency=county["town"], path=path)
    assert "第2行" in "\n".join(exc.value.problems)
    app.refresh_from_db()
    assert (app.status, app.outcome) == ("concluded", "withheld_state_secret")


def test_a_second_import_does_not_reopen_an_imported_concluded_request(tmp_path, county, personas):
    town = county["town"]
    first = ledger(tmp_path, "2024-031,商业企业,某公司,2024-05-06,邮寄,,予以公开,2024-05-20,0")
    import_applications(actor=personas["clerk"], agency=town, path=first)
    second = ledger(tmp_path, "2024-031,商业企业,某公司,2024-05-06,邮寄,,,,", name="again.csv")
    with pytest.raises(UserError) as exc:
        import_applications(actor=personas["clerk"], agency=town, path=second)
    assert "第2行" in "\n".join(exc.value.problems)
    app = Application.objects.get(agency=town, number="2024-031")
    assert (app.status, app.outcome, app.replied_on) == ("concluded", "granted", D("2024-05-20"))


def test_a_historic_record_can_still_be_corrected(tmp_path, county, personas):
    town = county["town"]
    import_applications(
        actor=personas["clerk"],
        agency=town,
        path=ledger(tmp_path, "2024-032,自然人,赵某,2024-05-06,当面,,部分公开,2024-05-20,0"),
    )
    fixed = ledger(
        tmp_path, "2024-032,自然人,赵某,2024-05-06,当面,,予以公开,2024-05-21,0", name="b.csv"
    )
    counts = import_applications(actor=personas["clerk"], agency=town, path=fixed)
    assert counts["updated"] == 1
    app = Application.objects.get(agency=town, number="2024-032")
    assert (app.outcome, app.replied_on) == ("granted", D("2024-05-21"))


def test_export_of_workflow_requests_reimports_unchanged(tmp_path, county, personas):
    at_first_review(personas, county, "2025-009")
    concluded(personas, county, "2025-010")
    path = tmp_path / "export.csv"
    export_applications(agency=county["town"], path=path)
    counts = import_applications(actor=personas["clerk"], agency=county["town"], path=path)
    assert (counts["created"], counts["updated"], counts["unchanged"]) == (0, 0, 2)


def test_other_other_ends_a_request_as_a_withdrawal_in_imports_and_services(
    tmp_path, county, personas
):
    town = county["town"]
    withdrawn = register(personas["clerk"], town, number="2025-011", received="2025-11-03")
    withdrawn = services.application_withdraw(
        actor=personas["clerk"], application=withdrawn, date=D("2025-11-05")
    )
    path = ledger(tmp_path, "2025-012,自然人,孙某,2025-11-03,当面,,其他处理-其他,2025-11-05,0")
    import_applications(actor=personas["clerk"], agency=town, path=path)
    imported = Application.objects.get(agency=town, number="2025-012")
    assert imported.outcome == withdrawn.outcome
    assert imported.status == withdrawn.status == "withdrawn"
