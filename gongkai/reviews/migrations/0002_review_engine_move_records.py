"""Move the three old kinds of review rows into reviews.ReviewRecord, and make "终审通过、待发布"
an explicit status (已审定) where it was inferred from the newest review row.

- publications.ReviewRecord (stage, decision, …) → same stage/decision;
- annual_reports.ReportReview (stage, approved) → decision approve/reject for 初审/终审;
- applications.ApplicationEvent of kind review_first / review_final → 初审 / 终审 records (the note's
  "同意。"/"退回：" prefix gives the decision); the events are then removed (the case file shows the
  review records).
"""

import datetime

from django.db import migrations
from django.utils import timezone

REVIEW_STAGES = ("first", "final")


def _decision(stage, approve):
    if stage not in REVIEW_STAGES:
        return ""
    return "approve" if approve else "reject"


def _mark_approved(model, records_field, records):
    """FINAL_REVIEW items whose newest non-publish record is an approving 终审 become 已审定."""
    for obj in model.objects.filter(status="final_review"):
        last = (
            records.filter(**{records_field: obj})
            .exclude(stage="publish")
            .order_by("-at", "-id")
            .first()
        )
        if last and last.stage == "final" and last.decision == "approve":
            obj.status = "approved"
            obj.save(update_fields=["status"])


def forward(apps, schema_editor):
    New = apps.get_model("reviews", "ReviewRecord")
    OldPub = apps.get_model("publications", "ReviewRecord")
    OldReport = apps.get_model("annual_reports", "ReportReview")
    Event = apps.get_model("applications", "ApplicationEvent")
    Publication = apps.get_model("publications", "Publication")
    AnnualReport = apps.get_model("annual_reports", "AnnualReport")

    New.objects.bulk_create(
        New(
            publication_id=r.publication_id,
            stage=r.stage,
            decision=_decision(r.stage, r.decision == "approve"),
            reviewer_id=r.reviewer_id,
            reviewer_label=r.reviewer_label,
            at=r.at,
            note=r.note,
            secrecy_checked=r.secrecy_checked,
        )
        for r in OldPub.objects.order_by("id")
    )
    New.objects.bulk_create(
        New(
            report_id=r.report_id,
            stage=r.stage,
            decision=_decision(r.stage, r.approved),
            reviewer_id=r.reviewer_id,
            reviewer_label=r.reviewer_label,
            at=r.at,
            note=r.note,
        )
        for r in OldReport.objects.order_by("id")
    )
    events = Event.objects.filter(kind__in=["review_first", "review_final"]).order_by("id")
    tz = timezone.get_default_timezone()
    New.objects.bulk_create(
        New(
            application_id=e.application_id,
            stage="first" if e.kind == "review_first" else "final",
            decision="reject" if e.note.startswith("退回") else "approve",
            reviewer_id=e.actor_id,
            reviewer_label=(e.actor.full_name or e.actor.username) if e.actor_id else "",
            at=datetime.datetime.combine(e.date, datetime.time(12, 0), tzinfo=tz),
            note=e.note.removeprefix("同意。").removeprefix("退回："),
        )
        for e in events.select_related("actor")
    )
    events.delete()
    _mark_approved(Publication, "publication", New.objects)
    _mark_approved(AnnualReport, "report", New.objects)


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0001_review_engine"),
        ("applications", "0005_review_engine"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
