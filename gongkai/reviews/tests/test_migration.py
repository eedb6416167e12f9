"""The data migration moves the three old kinds of review rows into reviews.ReviewRecord and turns an
approving 终审 into the explicit status 已审定."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

# Migrations of other apps that do not depend on these stay applied; their state is named here so
# that the historical models match the tables (e.g. core's agency flag, NOT NULL in the table).
ALSO_APPLIED = [("core", "0004_agency_disclosure_body")]


@pytest.fixture(autouse=True)
def latest_schema_afterwards():
    """Whatever happens in a test, the database goes back to the latest migrations, so that later
    tests (the browser tests among them) find the tables they expect."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


BEFORE = [
    *ALSO_APPLIED,
    ("publications", "0002_review_engine"),
    ("annual_reports", "0004_review_engine"),
    ("applications", "0005_review_engine"),
    ("reviews", "0001_review_engine"),
]


@pytest.mark.django_db(transaction=True)
def test_old_review_rows_move_into_the_engine():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Agency = apps.get_model("core", "Agency")
    User = apps.get_model("core", "User")
    town = Agency.objects.create(name="朱阳关镇人民政府", level="township", path="/1/")
    head = User.objects.create(username="bgs", role="office_head", agency=town, full_name="李建国")
    at = timezone.make_aware(datetime.datetime(2025, 3, 3, 10))
    hour = datetime.timedelta(hours=1)

    Column = apps.get_model("publications", "CatalogueColumn")
    Publication = apps.get_model("publications", "Publication")
    OldRecord = apps.get_model("publications", "ReviewRecord")
    column = Column.objects.create(agency=town, name="通知公告")
    pub = Publication.objects.create(agency=town, column=column, title="甲", status="final_review")
    for i, (stage, decision) in enumerate(
        [("submit", "approve"), ("first", "approve"), ("final", "approve")]
    ):
        OldRecord.objects.create(
            publication=pub, stage=stage, decision=decision, at=at + i * hour, note=stage
        )
    waiting = Publication.objects.create(
        agency=town, column=column, title="乙", status="final_review"
    )
    OldRecord.objects.create(publication=waiting, stage="first", decision="approve", at=at)

    Report = apps.get_model("annual_reports", "AnnualReport")
    OldReview = apps.get_model("annual_reports", "ReportReview")
    report = Report.objects.create(agency=town, year=2025, status="final_review")
    OldReview.objects.create(report=report, stage="first", approved=True, at=at)
    OldReview.objects.create(report=report, stage="final", approved=False, at=at + hour, note="改")

    Application = apps.get_model("applications", "Application")
    Event = apps.get_model("applications", "ApplicationEvent")
    app = Application.objects.create(
        agency=town,
        number="2025-1",
        applicant_type="natural_person",
        received_on=datetime.date(2025, 3, 3),
        status="final_review",
    )
    Event.objects.create(application=app, kind="registered", date=datetime.date(2025, 3, 3))
    Event.objects.create(
        application=app,
        kind="review_first",
        date=datetime.date(2025, 3, 5),
        note="同意。依据充分",
        actor=head,
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    from gongkai.annual_reports.models import AnnualReport
    from gongkai.applications.models import Application as App
    from gongkai.publications.models import Publication as Pub
    from gongkai.reviews.models import ReviewRecord

    assert Pub.objects.get(title="甲").status == "approved"
    assert Pub.objects.get(title="乙").status == "final_review"
    assert list(
        ReviewRecord.objects.filter(publication__title="甲").values_list("stage", "decision")
    ) == [("submit", ""), ("first", "approve"), ("final", "approve")]
    assert AnnualReport.objects.get(year=2025).status == "final_review"
    assert list(
        ReviewRecord.objects.filter(report__year=2025).values_list("stage", "decision", "note")
    ) == [("first", "approve", ""), ("final", "reject", "改")]
    moved = ReviewRecord.objects.get(application__number="2025-1")
    assert (moved.stage, moved.decision, moved.note, moved.reviewer_label) == (
        "first",
        "approve",
        "依据充分",
        "李建国",
    )
    assert list(App.objects.get(number="2025-1").events.values_list("kind", flat=True)) == [
        "registered"
    ]


BEFORE_ONE_MODEL = [
    *ALSO_APPLIED,
    ("consultations", "0001_consultation_and_review_records"),
    ("reviews", "0002_review_engine_move_records"),
]


@pytest.mark.django_db(transaction=True)
def test_consultation_review_rows_move_into_the_one_review_record_model():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_ONE_MODEL)
    apps = executor.loader.project_state(BEFORE_ONE_MODEL).apps
    Agency = apps.get_model("core", "Agency")
    User = apps.get_model("core", "User")
    town = Agency.objects.create(name="朱阳关镇人民政府", level="township", path="/1/")
    head = User.objects.create(username="bgs", role="office_head", agency=town, full_name="李建国")
    at = timezone.make_aware(datetime.datetime(2025, 3, 3, 10))
    Consultation = apps.get_model("consultations", "Consultation")
    OldRecord = apps.get_model("consultations", "ConsultationReviewRecord")
    asked = Consultation.objects.create(
        agency=town,
        kind="consult",
        question="杜店村道路何时硬化？",
        name="王秀英",
        contact="13937810000",
        status="final_review",
        received_at=at,
        query_code="ZX1",
        secret_hash="x",
    )
    OldRecord.objects.create(consultation=asked, stage="submit", at=at, note="拟答复")
    OldRecord.objects.create(
        consultation=asked,
        stage="first",
        decision="approve",
        reviewer=head,
        reviewer_label="李建国",
        at=at + datetime.timedelta(hours=1),
        note="同意",
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    from gongkai.reviews.models import ReviewRecord

    rows = ReviewRecord.objects.filter(consultation__question="杜店村道路何时硬化？")
    assert list(rows.values_list("stage", "decision", "note", "reviewer__username")) == [
        ("submit", "", "拟答复", None),
        ("first", "approve", "同意", "bgs"),
    ]
