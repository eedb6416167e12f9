"""0006 copies the 36(五) agency and contact typed when a letter was issued into the reply draft, so a
reissue prints the same; the issued letters are not touched."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def targets(applications: str) -> list[tuple[str, str]]:
    """Every other app at its latest migration (their historical models match the tables)."""
    graph = MigrationExecutor(connection).loader.graph
    others = [n for n in graph.leaf_nodes() if n[0] != "applications"]
    return [*others, ("applications", applications)]


@pytest.fixture(autouse=True)
def latest_schema_afterwards():
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_agency_typed_at_issue_moves_into_the_draft():
    BEFORE = targets("0005_review_engine")
    AFTER = targets("0006_reply_draft_carries_letter_content")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Agency = apps.get_model("core", "Agency")
    Application = apps.get_model("applications", "Application")
    Letter = apps.get_model("applications", "Letter")
    town = Agency.objects.create(name="朱阳关镇人民政府", level="township", path="/1/")
    day = datetime.date(2025, 3, 3)

    def request(number):
        return Application.objects.create(
            agency=town,
            number=number,
            applicant_type="natural_person",
            received_on=day,
            status="approved",
            proposed_outcome="unable_not_held",
        )

    def letter(app, seq, kind, extra, voided_on=None):
        return Letter.objects.create(
            application=app,
            agency=town,
            kind=kind,
            year=2025,
            seq=seq,
            number_text=f"朱政信公〔2025〕{seq}号",
            title="政府信息公开申请答复书",
            body=f"正文{seq}",
            issued_on=day,
            extra=extra,
            voided_on=voided_on,
            void_reason="有误" if voided_on else "",
        )

    moved, reissued, not_held = request("1"), request("2"), request("3")
    letter(
        moved,
        1,
        "reply_not_responsible",
        {"responsible_agency": "卢氏县自然资源局", "responsible_contact": "0398-7000000"},
    )
    letter(
        reissued,
        2,
        "reply_not_responsible",
        {"responsible_agency": "旧机关", "responsible_contact": "0398-1111111"},
        day,
    )
    letter(
        reissued,
        3,
        "reply_not_responsible",
        {"responsible_agency": "卢氏县住房和城乡建设局", "responsible_contact": "0398-2222222"},
    )
    letter(not_held, 4, "reply_not_held", {})
    bodies = dict(Letter.objects.values_list("pk", "body"))

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    Application = apps.get_model("applications", "Application")
    Letter = apps.get_model("applications", "Letter")
    rows = {
        a.number: (a.reply_letter, a.responsible_agency, a.responsible_contact)
        for a in Application.objects.all()
    }
    assert rows["1"] == ("reply_not_responsible", "卢氏县自然资源局", "0398-7000000")
    assert rows["2"] == ("reply_not_responsible", "卢氏县住房和城乡建设局", "0398-2222222")
    assert rows["3"] == ("", "", "")
    assert dict(Letter.objects.values_list("pk", "body")) == bodies
