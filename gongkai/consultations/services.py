"""Every write of 咨询投诉: the online intake, the answer text and the review steps (through the review
engine). Keyword-only, atomic, audited. The audit events carry no name or contact."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone

from gongkai.applications.lookup_secrets import new_lookup_secret
from gongkai.applications.validation import CONTACT_HINT, contact_kind, normalise_contact
from gongkai.core.audit import audit_record
from gongkai.core.errors import UserError
from gongkai.reviews.services import review_edited, review_move

from .choices import ConsultationKind
from .models import Consultation
from .review import CONSULTATION

QUESTION_MIN_CHARS = 5
QUESTION_MAX_CHARS = 2000
ONLINE_ACTOR = "网上咨询投诉"


def intake_problems(*, agency=None, kind="", question="", name="", contact="", **_) -> list[str]:
    """Every problem of a message ("标签：原因"), without writing anything."""
    problems = []
    if agency is None or getattr(agency, "level", "") == "unit":
        problems.append("受理机关：请选择受理机关")
    if kind not in ConsultationKind.values:
        problems.append("类别：请选择咨询、投诉或建议")
    meaningful = "".join(ch for ch in (question or "") if ch.isalnum())
    if len(meaningful) < QUESTION_MIN_CHARS:
        problems.append(f"问题：请写明您要咨询、投诉或建议的事项（至少{QUESTION_MIN_CHARS}个字）")
    elif len(question) > QUESTION_MAX_CHARS:
        problems.append(f"问题：请不超过{QUESTION_MAX_CHARS}个字（现有{len(question)}个字）")
    if not (name or "").strip():
        problems.append("姓名：请填写姓名")
    if not contact_kind(contact or ""):
        problems.append(f"联系方式：{CONTACT_HINT}")
    return problems


def _new_query_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    while True:
        code = "ZX" + "".join(secrets.choice(alphabet) for _ in range(10))
        if not Consultation.objects.filter(query_code=code).exists():
            return code


@transaction.atomic
def consultation_submit_online(
    *, agency, kind: str, question: str, name: str, contact: str, consent_publish: bool
) -> tuple[Consultation, str]:
    """File a message from the portal; returns it and the lookup secret (shown once)."""
    question = (question or "").strip()
    problems = intake_problems(
        agency=agency, kind=kind, question=question, name=name, contact=contact
    )
    if problems:
        raise UserError("咨询投诉未能提交，请修改以下内容。", problems)
    secret, secret_hash = new_lookup_secret()
    consultation = Consultation.objects.create(
        agency=agency,
        kind=kind,
        question=question,
        name=name.strip(),
        contact=normalise_contact(contact),
        consent_publish=bool(consent_publish),
        received_at=timezone.now(),
        query_code=_new_query_code(),
        secret_hash=secret_hash,
    )
    audit_record(
        actor=ONLINE_ACTOR,
        action="consultation.submit_online",
        obj=consultation,
        new={"kind": kind, "consent_publish": consultation.consent_publish},
    )
    return consultation, secret


def _locked(consultation: Consultation) -> Consultation:
    return Consultation.objects.select_for_update().get(pk=consultation.pk)


@transaction.atomic
def consultation_answer_save(*, actor, consultation: Consultation, answer: str) -> Consultation:
    """Write or change the answer. A draft stays a draft; an approved answer goes back to 初审;
    an answer under review or already given cannot change."""
    consultation = _locked(consultation)
    answer = (answer or "").strip()
    if not answer:
        raise UserError("答复：请填写答复内容。")
    old = consultation.answer
    review_edited(actor=actor, subject_type=CONSULTATION, subject=consultation)
    consultation.answer = answer
    consultation.save()
    audit_record(
        actor=actor,
        action="consultation.answer_save",
        obj=consultation,
        old={"answer": old},
        new={"answer": answer},
    )
    return consultation


@transaction.atomic
def consultation_submit(*, actor, consultation: Consultation, note: str = "", at=None):
    consultation = _locked(consultation)
    if not consultation.answer.strip():
        raise UserError("请先填写答复内容，再提交初审。")
    review_move(
        actor=actor,
        subject_type=CONSULTATION,
        subject=consultation,
        action="submit",
        note=note,
        at=at,
    )
    return consultation


@transaction.atomic
def consultation_review(
    *, actor, consultation: Consultation, stage: str, approve: bool, note: str = "", at=None
):
    """初审 (办公室主任) or 终审 (分管领导) of the answer."""
    consultation = _locked(consultation)
    if stage not in ("first", "final"):
        raise UserError(f"审查环节“{stage}”无效。")
    review_move(
        actor=actor,
        subject_type=CONSULTATION,
        subject=consultation,
        action=f"{stage}_{'approve' if approve else 'reject'}",
        note=note,
        at=at,
    )
    return consultation


@transaction.atomic
def consultation_answer(*, actor, consultation: Consultation, at=None):
    """答复: give the approved answer to the asker (and, with their consent, to the public)."""
    consultation = _locked(consultation)
    answered_on = timezone.localdate()
    review_move(
        actor=actor,
        subject_type=CONSULTATION,
        subject=consultation,
        action="publish",
        at=at,
        extra={"answered_on": answered_on, "public": consultation.consent_publish},
    )
    consultation.answered_on = answered_on
    consultation.save(update_fields=["answered_on", "updated_at"])
    return consultation
