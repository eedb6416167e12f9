"""Reads of 咨询投诉. Staff reads are scoped by agency; public reads return plain dicts that never hold
the asker's name or contact, and only answers given (after 终审) to askers who agreed."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet

from gongkai.applications.lookup_secrets import lookup_secret_matches
from gongkai.core.errors import NotFoundOrForbidden
from gongkai.core.permissions import agency_q
from gongkai.core.sensitive import redact
from gongkai.reviews.models import ReviewRecord

from .choices import ConsultationKind
from .choices import ConsultationStatus as S
from .models import Consultation

NOT_FOUND = "咨询投诉不存在或您无权查看。"
STAFF_LIST_LIMIT = 200


# -- staff -----------------------------------------------------------------------------------------
def consultations_for_user(user) -> QuerySet[Consultation]:
    return Consultation.objects.filter(agency_q(user)).select_related("agency")


def consultation_for_user(user, pk: int) -> Consultation:
    consultation = consultations_for_user(user).filter(pk=pk).first()
    if consultation is None:
        raise NotFoundOrForbidden(NOT_FOUND)
    return consultation


def staff_consultations_for_user(user, *, status: str = "") -> tuple[list[Consultation], int]:
    queryset = consultations_for_user(user)
    if status:
        queryset = queryset.filter(status=status)
    return list(queryset[:STAFF_LIST_LIMIT]), queryset.count()


def review_history(consultation: Consultation) -> list[ReviewRecord]:
    return list(consultation.reviews.order_by("at", "id"))


# -- the asker -------------------------------------------------------------------------------------
def consultation_lookup(*, query_code: str, secret: str) -> Consultation:
    """The message for its query code and secret; the same answer for a missing code and a wrong
    secret."""
    code = "".join((query_code or "").split()).upper()
    consultation = Consultation.objects.select_related("agency").filter(query_code=code).first()
    stored = consultation.secret_hash if consultation else None
    if not lookup_secret_matches(secret, stored) or consultation is None:
        raise NotFoundOrForbidden("查询码或查询密码不正确。")
    return consultation


# -- public ----------------------------------------------------------------------------------------
PUBLIC_FIELDS = (
    "id",
    "kind",
    "question",
    "answer",
    "answered_on",
    "received_at",
    "name",
    "contact",
)


def _public_row(row: dict) -> dict:
    """A row as the public sees it: the question with personal data masked, no name or contact."""
    name, contact = row.pop("name"), row.pop("contact")
    row["question"] = redact(row["question"], own=(name, contact))
    row["kind_label"] = ConsultationKind(row["kind"]).label
    return row


def public_answers(agency_id: int) -> list[dict]:
    """The agency's public Q&A: answered (so reviewed through 终审) and agreed to by the asker."""
    rows = (
        Consultation.objects.filter(agency_id=agency_id, status=S.ANSWERED, consent_publish=True)
        .order_by("-answered_on", "-id")
        .values(*PUBLIC_FIELDS)
    )
    return [_public_row(dict(r)) for r in rows]


def topics_by_agency(agency_ids, start: datetime.date, end: datetime.date) -> list[dict]:
    """What people asked the agencies between `start` and `end` (inclusive, by date received), for
    the demand page: agency, kind, date and the question text with personal data masked. Every
    message counts, answered or not; no name, contact or answer."""
    from django.utils import timezone

    tz = timezone.get_current_timezone()
    since = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    until = datetime.datetime.combine(
        end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
    )
    rows = (
        Consultation.objects.filter(
            agency_id__in=list(agency_ids), received_at__gte=since, received_at__lt=until
        )
        .order_by("agency_id", "received_at", "id")
        .values("agency_id", "kind", "question", "received_at", "name", "contact")
    )
    out = []
    for r in rows:
        out.append(
            {
                "agency_id": r["agency_id"],
                "kind": r["kind"],
                "received_on": timezone.localdate(r["received_at"]),
                "question": redact(r["question"], own=(r["name"], r["contact"])),
            }
        )
    return out
