"""All writes to disclosure requests. Each service is keyword-only, atomic, and audits in the same
transaction. Bad input raises UserError (Chinese) before anything is written."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gongkai.calendars.selectors import get_calendar
from gongkai.core.audit import audit_record
from gongkai.core.errors import UserError
from gongkai.core.models import Agency
from gongkai.core.permissions import can_write, require_disclosure_body
from gongkai.reviews.permissions import can_review
from gongkai.reviews.services import review_edited, review_move

from . import clock, fees, transitions, validation
from .choices import (
    ONLINE_CORRECTION_NOTE,
    OPEN_STATUSES,
    ApplicantType,
    Channel,
    DeliveryMethod,
    EventKind,
    FeeMethod,
    FormRequested,
    Status,
)
from .conf import clock_options
from .lookup_secrets import new_lookup_secret
from .models import Application, ApplicationEvent
from .outcomes import OUTCOME_CODES, OUTCOME_RULES, outcome_label
from .review import APPLICATION

# ---------------------------------------------------------------------------------------------
# Identity numbers: never stored in clear, never logged.


def mask_id_number(value: str) -> str:
    """4****************X: only the first and the last character; the rest would narrow a brute
    force of the digest down to a few million candidates."""
    value = (value or "").strip().upper()
    if len(value) <= 2:
        return "*" * len(value)
    return value[0] + "*" * (len(value) - 2) + value[-1]


def id_digest(value: str) -> str:
    """HMAC-SHA256 of the ID number under its own key (GONGKAI_ID_DIGEST_KEY): it tells the same
    applicant again (fees count per applicant and month) without storing the number."""
    value = (value or "").strip().upper()
    if not value:
        return ""
    key = settings.GONGKAI_ID_DIGEST_KEY.encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def _check_id_number(value: str, applicant_type: str, problems: list[str]) -> None:
    """GB 11643 for a natural person; GB 32100 (or, for a sole trader, GB 11643) for others."""
    value = validation.normalise_id(value)
    if not value:
        problems.append(
            "身份证明：必填（自然人填写身份证号码，法人或其他组织填写统一社会信用代码）"
        )
    elif applicant_type == ApplicantType.NATURAL_PERSON:
        problem = validation.id_card_problem(value)
        if problem:
            problems.append(f"身份证明：{problem}")
    elif validation.credit_code_problem(value) and validation.id_card_problem(value):
        problems.append(f"身份证明：{validation.credit_code_problem(value)}")


# ---------------------------------------------------------------------------------------------
# Helpers


def _today() -> datetime.date:
    return timezone.localdate()


def _require_write(actor, agency: Agency) -> None:
    if not can_write(actor, agency):
        raise UserError("您无权办理该机关的政府信息公开申请。")


def _check_date(app: Application, date: datetime.date, what: str) -> None:
    if date is None:
        raise UserError(f"{what}：必填。")
    if date < app.received_on:
        raise UserError(
            f"{what}（{date:%Y-%m-%d}）不能早于收到申请日期（{app.received_on:%Y-%m-%d}）。"
        )
    if date > _today():
        raise UserError(f"{what}（{date:%Y-%m-%d}）不能晚于今天。")


def _locked(app: Application) -> Application:
    return Application.objects.select_for_update().select_related("agency").get(pk=app.pk)


def _public_fields(app: Application) -> dict:
    """What the audit log may hold about a request: never the ID number, only its masked form."""
    return {
        "number": app.number,
        "status": app.status,
        "applicant_type": app.applicant_type,
        "id_number": app.id_number_masked,
        "channel": app.channel,
        "received_on": app.received_on,
        "outcome": app.outcome,
        "replied_on": app.replied_on,
        "fee_yuan": app.fee_yuan,
    }


def _move(
    *,
    actor,
    app: Application,
    target: str,
    action: str,
    event_kind: str | None,
    date: datetime.date,
    note: str = "",
    days: int = 0,
    extra: dict | None = None,
) -> Application:
    transitions.check(app.status, target)
    old = {"status": app.status}
    app.status = target
    app.save()
    if event_kind:
        ApplicationEvent.objects.create(
            application=app,
            kind=event_kind,
            date=date,
            days=days,
            note=note,
            actor=actor if getattr(actor, "pk", None) else None,
        )
    if app.replied_on is not None:  # answered (replied, withdrawn, abandoned): the county's summary
        from gongkai.supervision.summary import reply_month_recount

        reply_month_recount(agency_id=app.agency_id, day=app.replied_on)
    audit_record(
        actor=actor,
        action=f"application.{action}",
        obj=app,
        old=old,
        new={"status": target, "date": date, "note": note, **(extra or {})},
    )
    return app


def _next_number(agency: Agency, year: int) -> str:
    prefix = f"{year}-"
    same_year = Application.objects.filter(agency=agency, number__startswith=prefix)
    n = same_year.count() + 1
    while same_year.filter(number=f"{prefix}{n:03d}").exists():
        n += 1
    return f"{prefix}{n:03d}"


def _clock_events(app: Application) -> list[clock.ClockEvent]:
    from .selectors import clock_event

    return [
        clock_event(e)
        for e in app.events.all().only("kind", "date", "days", "party_received_on", "deadline")
    ]


# ---------------------------------------------------------------------------------------------
# Intake


def _validate_intake(
    *,
    applicant_type: str,
    applicant_name: str,
    id_number: str,
    contact: str,
    content: str,
    form_requested: str,
    received_on: datetime.date | None,
    channel: str,
) -> list[str]:
    """Art. 29: name, identity, contact; a description of the information; the form wanted."""
    problems: list[str] = []
    if applicant_type not in ApplicantType.values:
        problems.append("申请人类型：无效")
    if not (applicant_name or "").strip():
        problems.append("申请人姓名或名称：必填（条例第二十九条）")
    _check_id_number(id_number or "", applicant_type, problems)
    if not (contact or "").strip():
        problems.append(f"联系方式：必填（条例第二十九条），{validation.CONTACT_HINT}")
    elif not validation.contact_kind(contact):
        problems.append(f"联系方式：无法据此联系到您，{validation.CONTACT_HINT}")
    if validation.content_problem(content):
        problems.append(f"申请内容：{validation.content_problem(content)}")
    if form_requested not in FormRequested.values:
        problems.append("获取信息的方式：无效")
    if channel not in Channel.values:
        problems.append("申请方式：无效")
    if received_on is None:
        problems.append("收到申请日期：必填")
    elif received_on > _today():
        problems.append("收到申请日期：不能晚于今天")
    return problems


def application_register(
    *,
    actor,
    agency: Agency,
    applicant_type: str,
    applicant_name: str,
    id_number: str,
    contact: str,
    content: str,
    channel: str,
    received_on: datetime.date,
    address: str = "",
    form_requested: str = FormRequested.PAPER,
    number: str = "",
) -> tuple[Application, str]:
    """Staff intake (登记). `received_on` is the Art. 31 receipt date for the channel: the day handed
    in (当面), signed for (邮寄), confirmed with the applicant (平常信函, 网络, 传真) or received by the
    mail system (电子邮件). Like an online request, it gets a query code and a lookup secret for the
    受理回执; returns the request and the secret, which is stored only as an HMAC."""
    _require_write(actor, agency)
    require_disclosure_body(agency, "受理政府信息公开申请")
    problems = _validate_intake(
        applicant_type=applicant_type,
        applicant_name=applicant_name,
        id_number=id_number,
        contact=contact,
        content=content,
        form_requested=form_requested,
        received_on=received_on,
        channel=channel,
    )
    number = (number or "").strip()
    if number and Application.objects.filter(agency=agency, number=number).exists():
        problems.append(f"编号：{number} 已存在")
    if problems:
        raise UserError("申请登记信息不完整或有误：", problems)
    with transaction.atomic():
        app, secret = _create_application(
            actor=actor,
            agency=agency,
            number=number or _next_number(agency, received_on.year),
            applicant_type=applicant_type,
            applicant_name=applicant_name,
            id_number=id_number,
            contact=contact,
            address=address,
            channel=channel,
            received_on=received_on,
            content=content,
            form_requested=form_requested,
            note="",
        )
        audit_record(actor=actor, action="application.register", obj=app, new=_public_fields(app))
    return app, secret


def _create_application(*, actor, id_number: str, note: str, **values) -> tuple[Application, str]:
    """The request with its query code and lookup secret, and its 登记 event."""
    secret, secret_hash = new_lookup_secret()
    id_number = validation.normalise_id(id_number)
    for key in ("applicant_name", "contact", "address", "content"):
        values[key] = (values[key] or "").strip()
    app = Application.objects.create(
        **values,
        id_number_masked=mask_id_number(id_number),
        id_number_digest=id_digest(id_number),
        query_code=_new_query_code(),
        secret_hash=secret_hash,
    )
    ApplicationEvent.objects.create(
        application=app,
        kind=EventKind.REGISTERED,
        date=app.received_on,
        note=note,
        actor=actor if getattr(actor, "pk", None) else None,
    )
    return app, secret


def _new_query_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    while True:
        code = "GK" + "".join(secrets.choice(alphabet) for _ in range(10))
        if not Application.objects.filter(query_code=code).exists():
            return code


ONLINE_ACTOR = "网上申请"


def online_intake_problems(**fields) -> list[str]:
    """The Art. 29 problems of an online application, without writing anything: the form shows them
    next to their fields together with its own (application_file_online checks them again)."""
    return _validate_intake(
        applicant_type=fields.get("applicant_type") or "",
        applicant_name=fields.get("applicant_name") or "",
        id_number=fields.get("id_number") or "",
        contact=fields.get("contact") or "",
        content=fields.get("content") or "",
        form_requested=fields.get("form_requested") or "",
        received_on=_today(),
        channel=Channel.INTERNET,
    )


def application_file_online(
    *,
    agency: Agency,
    applicant_type: str,
    applicant_name: str,
    id_number: str,
    contact: str,
    content: str,
    privacy_acknowledged: bool,
    address: str = "",
    form_requested: str = FormRequested.ELECTRONIC,
    client_address: str = "",
) -> tuple[Application, str]:
    """Public online filing. The portal shows the receipt (query code) at once, which is the
    confirmation by both sides: the receipt date is today (Art. 31 (三)). The applicant must have
    read the notice on personal information (`privacy_acknowledged`). Returns the request and the
    lookup secret, which is stored only as an HMAC and shown to the applicant once. The audit event
    records the client address the request came from (spam is traced by it)."""
    today = _today()
    problems = _validate_intake(
        applicant_type=applicant_type,
        applicant_name=applicant_name,
        id_number=id_number,
        contact=contact,
        content=content,
        form_requested=form_requested,
        received_on=today,
        channel=Channel.INTERNET,
    )
    if agency is None:
        problems.insert(0, "受理机关：请选择受理申请的行政机关")
    else:
        require_disclosure_body(agency, "受理政府信息公开申请")
    if not privacy_acknowledged:
        problems.append("个人信息处理说明：请阅读并勾选“我已阅读并同意”后再提交")
    if problems:
        raise UserError("申请信息不完整或有误：", problems)
    with transaction.atomic():
        app, secret = _create_application(
            actor=ONLINE_ACTOR,
            agency=agency,
            number=_next_number(agency, today.year),
            applicant_type=applicant_type,
            applicant_name=applicant_name,
            id_number=id_number,
            contact=contact,
            address=address,
            channel=Channel.INTERNET,
            received_on=today,
            content=content,
            form_requested=form_requested,
            note="网上申请",
        )
        audit_record(
            actor=ONLINE_ACTOR,
            action="application.file_online",
            obj=app,
            new={**_public_fields(app), "client_address": client_address},
        )
    return app, secret


# ---------------------------------------------------------------------------------------------
# Correction (Art. 30)


MAX_CORRECTION_DAYS = 60


def application_request_correction(
    *, actor, application: Application, date: datetime.date, note: str, days: int
) -> Application:
    """告知补正 (Art. 30): `note` names what to correct; the 补正期限 is `days` working days after
    the notice date, recorded on the event. A notice after the 7-working-day limit is accepted (the
    applicant still needs it) and flagged late on the case file and the county overview."""
    _require_write(actor, application.agency)
    _check_date(application, date, "告知补正日期")
    if not (note or "").strip():
        raise UserError("请写明需要补正的事项（条例第三十条）。")
    if days is None or not 1 <= int(days) <= MAX_CORRECTION_DAYS:
        raise UserError(
            f"补正期限应为1至{MAX_CORRECTION_DAYS}个工作日（条例第三十条：合理的补正期限）。"
        )
    deadline = get_calendar().add_working_days(date, int(days))
    with transaction.atomic():
        app = _locked(application)
        if app.events.filter(kind=EventKind.CORRECTION_REQUESTED).exists():
            raise UserError("补正告知只能一次性作出（条例第三十条），本申请已告知过补正。")
        transitions.check(app.status, Status.AWAITING_CORRECTION)
        app = _move(
            actor=actor,
            app=app,
            target=Status.AWAITING_CORRECTION,
            action="request_correction",
            event_kind=None,
            date=date,
            note=note,
            extra={"deadline": deadline, "days": int(days)},
        )
        ApplicationEvent.objects.create(
            application=app,
            kind=EventKind.CORRECTION_REQUESTED,
            date=date,
            days=int(days),
            deadline=deadline,
            note=note.strip(),
            actor=actor if getattr(actor, "pk", None) else None,
        )
        return app


def application_receive_correction(
    *, actor, application: Application, date: datetime.date, note: str = ""
) -> Application:
    """收到补正 (Art. 30): the reply period restarts from `date`."""
    _require_write(actor, application.agency)
    _check_date(application, date, "收到补正日期")
    return _receive_correction(actor=actor, application=application, date=date, note=note)


def _receive_correction(*, actor, application: Application, date, note: str) -> Application:
    with transaction.atomic():
        app = _locked(application)
        requested = app.events.filter(kind=EventKind.CORRECTION_REQUESTED).last()
        if requested and date < requested.date:
            raise UserError("收到补正日期不能早于告知补正日期。")
        return _move(
            actor=actor,
            app=app,
            target=Status.PROCESSING,
            action="receive_correction",
            event_kind=EventKind.CORRECTION_RECEIVED,
            date=date,
            note=note,
        )


CORRECTION_MAX_CHARS = 2000


def application_correct_online(
    *, application: Application, text: str, client_address: str = ""
) -> Application:
    """The applicant's 补正 through the lookup page (holder of query code + secret): received today,
    the day both sides confirm it (Art. 31 (三)); the reply period restarts from it (Art. 30).
    The text is kept on the 收到补正 event for the office."""
    text = (text or "").strip()
    if application.status != Status.AWAITING_CORRECTION:
        raise UserError("本申请当前不需要补正。")
    if validation.content_problem(text):
        raise UserError(f"补正内容：{validation.content_problem(text)}")
    if len(text) > CORRECTION_MAX_CHARS:
        raise UserError(f"补正内容：不超过{CORRECTION_MAX_CHARS}字。")
    # One transaction with its audit row; a second POST (double click, re-post) finds the request
    # no longer awaiting correction under the row lock and is refused: never a second 收到补正.
    with transaction.atomic():
        app = _receive_correction(
            actor=ONLINE_ACTOR,
            application=application,
            date=_today(),
            note=f"{ONLINE_CORRECTION_NOTE}{text}",
        )
        audit_record(
            actor=ONLINE_ACTOR,
            action="application.correct_online",
            obj=app,
            new={"client_address": client_address},
        )
    return app


def application_start_processing(
    *, actor, application: Application, date: datetime.date | None = None
) -> Application:
    """登记 → 办理 (检索). No clock effect."""
    _require_write(actor, application.agency)
    date = date or _today()
    _check_date(application, date, "办理日期")
    with transaction.atomic():
        return _move(
            actor=actor,
            app=_locked(application),
            target=Status.PROCESSING,
            action="start_processing",
            event_kind=None,
            date=date,
        )


# ---------------------------------------------------------------------------------------------
# Pauses: consulting a third party (Art. 32) or other agencies (Art. 33 ¶3, 34)

PAUSE_KINDS = {
    "third_party": EventKind.CONSULT_THIRD_PARTY,
    "other_agency": EventKind.CONSULT_AGENCY,
}


def application_pause(
    *,
    actor,
    application: Application,
    kind: str,
    date: datetime.date,
    note: str = "",
    party_received_on: datetime.date | None = None,
) -> Application:
    """征求意见: `date` the letter goes out; `party_received_on` the day the consulted party received
    it (may be recorded later through the letter's delivery), from which its 15-working-day window
    runs (Art. 32, 34)."""
    _require_write(actor, application.agency)
    if kind not in PAUSE_KINDS:
        raise UserError("征求意见对象应为第三方（third_party）或其他机关（other_agency）。")
    _check_date(application, date, "发出征求意见函日期")
    if party_received_on is not None and party_received_on < date:
        raise UserError("对方收到征求意见函的日期不能早于发出日期。")
    with transaction.atomic():
        app = _locked(application)
        last_end = (
            app.events.filter(kind=EventKind.CONSULT_END)
            .order_by("date")
            .values_list("date", flat=True)
            .last()
        )
        if app.status == Status.CONSULTING:
            raise UserError("已有正在进行的征求意见，不能重叠暂停；请先登记收到意见。")
        if last_end and date < last_end:
            raise UserError(f"暂停时段与此前的征求意见时段（至 {last_end:%Y-%m-%d}）重叠。")
        app = _move(
            actor=actor,
            app=app,
            target=Status.CONSULTING,
            action="pause",
            event_kind=PAUSE_KINDS[kind],
            date=date,
            note=note,
            extra={"party_received_on": party_received_on},
        )
        if party_received_on:
            app.events.filter(kind=PAUSE_KINDS[kind], date=date).update(
                party_received_on=party_received_on
            )
        return app


def record_party_receipt(*, app: Application, letter_kind: str, date: datetime.date) -> None:
    """Called inside letter_record_delivery: the delivery date of a consultation letter or a fee
    notice is the day the other side received it, from which its window runs."""
    event_kind = {
        "third_party_consultation": EventKind.CONSULT_THIRD_PARTY,
        "agency_consultation": EventKind.CONSULT_AGENCY,
        "fee_notice": EventKind.FEE_NOTICE,
    }.get(letter_kind)
    if event_kind is None:
        return
    event = app.events.filter(kind=event_kind, date__lte=date).order_by("date", "id").last()
    if event is not None and event.party_received_on is None:
        event.party_received_on = date
        event.save(update_fields=["party_received_on"])


def application_resume(
    *, actor, application: Application, date: datetime.date, note: str = ""
) -> Application:
    _require_write(actor, application.agency)
    _check_date(application, date, "收到意见日期")
    with transaction.atomic():
        app = _locked(application)
        start = app.events.filter(kind__in=list(PAUSE_KINDS.values())).order_by("date", "id").last()
        if app.status != Status.CONSULTING or start is None:
            raise UserError("该申请没有正在进行的征求意见。")
        if date < start.date:
            raise UserError("收到意见日期不能早于发出征求意见函日期。")
        return _move(
            actor=actor,
            app=app,
            target=Status.PROCESSING,
            action="resume",
            event_kind=EventKind.CONSULT_END,
            date=date,
            note=note,
        )


# ---------------------------------------------------------------------------------------------
# Extension (Art. 33 ¶2): once, ≤ 20 working days, approved by the head of the OGI office

# The statuses in which the reply period may still be extended (the staff screens offer it there).
EXTENDABLE = (
    Status.PROCESSING,
    Status.CONSULTING,
    Status.DRAFTING_REPLY,
    Status.FIRST_REVIEW,
    Status.FINAL_REVIEW,
    Status.AWAITING_FEE,
)


def application_extend(
    *,
    actor,
    application: Application,
    date: datetime.date,
    days: int = clock.MAX_EXTENSION_DAYS,
    reason: str,
    approver=None,
) -> Application:
    """`approver` (default: the actor) must be the 办公室主任 of the agency; the approval is recorded."""
    _require_write(actor, application.agency)
    approver = approver or actor
    if not can_review(approver, application.agency, "first"):
        raise UserError(
            "延期答复须经政府信息公开工作机构负责人（办公室主任）同意（条例第三十三条）。"
        )
    if not 1 <= int(days) <= clock.MAX_EXTENSION_DAYS:
        raise UserError("延长的期限最长不得超过20个工作日（条例第三十三条）。")
    if not (reason or "").strip():
        raise UserError("请写明延期理由。")
    _check_date(application, date, "延期决定日期")
    with transaction.atomic():
        app = _locked(application)
        if app.status not in EXTENDABLE:
            raise UserError(f"当前状态为“{app.get_status_display()}”，不能延期。")
        if app.events.filter(kind=EventKind.EXTENSION).exists():
            raise UserError("答复期限只能延长一次（条例第三十三条），本申请已延期。")
        before = clock.compute(
            app.received_on, _clock_events(app), get_calendar(), **clock_options()
        )
        if before.due is not None and date > before.due:
            raise UserError(
                f"延期决定日期（{date:%Y-%m-%d}）晚于原答复期限（{before.due:%Y-%m-%d}）："
                "延长答复期限须在法定期限届满前决定并告知申请人（条例第三十三条）。"
            )
        ApplicationEvent.objects.create(
            application=app,
            kind=EventKind.EXTENSION,
            date=date,
            days=days,
            note=f"{reason}（经{approver}同意）",
            actor=actor if getattr(actor, "pk", None) else None,
        )
        result = clock.compute(
            app.received_on,
            _clock_events(app),
            get_calendar(),
            **clock_options(),
        )
        audit_record(
            actor=actor,
            action="application.extend",
            obj=app,
            new={
                "days": days,
                "date": date,
                "approved_by": getattr(approver, "username", str(approver)),
                "due": result.due,
            },
        )
    return app


# ---------------------------------------------------------------------------------------------
# Fees (国办函〔2020〕109号)


def earlier_items_this_month(app: Application, month_of: datetime.date) -> int:
    """Items the same applicant (same ID digest, or same name when no ID was recorded) asked this
    agency for earlier in the calendar month of `month_of` — ALL its applications, charged or not
    (国办函〔2020〕109号: the per-item count is cumulative per applicant and month). An application
    charged per item counts its items; any other counts as one. Counted in SQL."""
    from django.db.models import Case, IntegerField, Q, Sum, Value, When

    same = (
        Application.objects.filter(
            agency=app.agency,
            received_on__year=month_of.year,
            received_on__month=month_of.month,
        )
        .filter(Q(received_on__lt=app.received_on) | Q(received_on=app.received_on, pk__lt=app.pk))
        .exclude(pk=app.pk)
    )
    if app.id_number_digest:
        same = same.filter(id_number_digest=app.id_number_digest)
    else:
        same = same.filter(applicant_name=app.applicant_name)
    items = Case(
        When(fee_method=FeeMethod.ITEMS, fee_quantity__gt=0, then="fee_quantity"),
        default=Value(1),
        output_field=IntegerField(),
    )
    return same.aggregate(n=Sum(items))["n"] or 0


def application_send_fee_notice(
    *,
    actor,
    application: Application,
    method: str,
    quantity: int,
    date: datetime.date,
) -> Application:
    _require_write(actor, application.agency)
    if method not in (FeeMethod.ITEMS, FeeMethod.PAGES):
        raise UserError("收费方式应为按件计收（items）或按量计收（pages），二者只能选一。")
    if int(quantity) < 0:
        raise UserError("计费数量不能为负数。")
    _check_date(application, date, "收费通知日期")
    with transaction.atomic():
        app = _locked(application)
        if app.events.filter(kind=EventKind.FEE_NOTICE).exists():
            raise UserError("本申请已发出收费通知。")
        earlier = earlier_items_this_month(app, app.received_on) if method == FeeMethod.ITEMS else 0
        amount = fees.fee(method, int(quantity), earlier_items_this_month=earlier)
        if amount <= 0:
            raise UserError(
                "在免费额度内（按件：同一申请人当月累计10件以内；按量：30页以内），不应收费。"
            )
        app.fee_method, app.fee_quantity, app.fee_yuan = method, int(quantity), amount
        return _move(
            actor=actor,
            app=app,
            target=Status.AWAITING_FEE,
            action="fee_notice",
            event_kind=EventKind.FEE_NOTICE,
            date=date,
            note=f"{FeeMethod(method).label} {quantity}，应缴 {amount} 元",
            extra={"method": method, "quantity": int(quantity), "fee_yuan": amount},
        )


def application_record_payment(
    *, actor, application: Application, date: datetime.date
) -> Application:
    _require_write(actor, application.agency)
    _check_date(application, date, "缴费日期")
    with transaction.atomic():
        app = _locked(application)
        notice = app.events.filter(kind=EventKind.FEE_NOTICE).last()
        if notice is None or app.status != Status.AWAITING_FEE:
            raise UserError("该申请没有待缴费的收费通知。")
        if date < notice.date:
            raise UserError("缴费日期不能早于收费通知日期。")
        return _move(
            actor=actor,
            app=app,
            target=Status.PROCESSING,
            action="record_payment",
            event_kind=EventKind.FEE_PAID,
            date=date,
            extra={"fee_yuan": app.fee_yuan},
        )


# ---------------------------------------------------------------------------------------------
# Reply: draft → 初审 → 终审 → 送达 → 办结


def _check_outcome(outcome: str) -> None:
    if outcome not in OUTCOME_CODES:
        raise UserError(f"办理结果“{outcome}”无效。")


def application_draft_reply(
    *,
    actor,
    application: Application,
    outcome: str,
    note: str = "",
    date: datetime.date | None = None,
    submit: bool = True,
    reply_letter: str = "",
    responsible_agency: str = "",
    responsible_contact: str = "",
) -> Application:
    """The reply draft: everything that changes the text of the 答复书 (outcome, 答复书类型,
    答复要点 and, for an Art. 36(五) reply, the responsible agency and its contact). With `submit`
    the draft goes to 初审 and must be complete (each problem names its field). Changing an approved
    reply sends it back to 初审 (the review engine's "edit after approval"); once a reply letter is
    issued from it, the letter must be voided first."""
    from .letters import reply_draft_problems

    _require_write(actor, application.agency)
    _check_outcome(outcome)
    date = date or _today()
    _check_date(application, date, "拟答复日期")
    reply_letter = (reply_letter or "").strip()
    if (reply_letter or OUTCOME_RULES[outcome].letter) != "reply_not_responsible":
        responsible_agency = responsible_contact = ""  # printed only by a 36(五) reply
    draft = {
        "proposed_outcome": outcome,
        "reply_note": (note or "").strip(),
        "reply_letter": reply_letter,
        "responsible_agency": (responsible_agency or "").strip(),
        "responsible_contact": (responsible_contact or "").strip(),
    }
    with transaction.atomic():
        app = _locked(application)
        approved = app.status == Status.APPROVED
        problems = reply_draft_problems(
            outcome=outcome,
            reply_letter=reply_letter,
            responsible_agency=draft["responsible_agency"],
            responsible_contact=draft["responsible_contact"],
        )
        if not (submit or approved):  # a saved draft may be incomplete, not wrong
            problems = [p for p in problems if p.startswith("答复书类型")]
        if problems:
            raise UserError("答复稿不完整，不能送审：", problems)
        if approved:
            live = app.letters.filter(kind__startswith="reply_", voided_on__isnull=True).first()
            if live is not None:
                raise UserError(
                    f"已依据审定的答复出具{live.number_text}，修改答复稿前请先作废该文书。"
                )
            old = {k: getattr(app, k) for k in draft}
            for key, value in draft.items():
                setattr(app, key, value)
            review_edited(actor=actor, subject_type=APPLICATION, subject=app)
            audit_record(actor=actor, action="application.draft_reply", obj=app, old=old, new=draft)
            return app
        if app.status != Status.DRAFTING_REPLY:
            transitions.check(app.status, Status.DRAFTING_REPLY)
        for key, value in draft.items():
            setattr(app, key, value)
        if app.status != Status.DRAFTING_REPLY:
            app = _move(
                actor=actor,
                app=app,
                target=Status.DRAFTING_REPLY,
                action="draft_reply",
                event_kind=EventKind.REPLY_DRAFTED,
                date=date,
                note=note,
                extra=draft,
            )
        else:
            app.save()
            audit_record(actor=actor, action="application.draft_reply", obj=app, new=draft)
        if submit:
            review_move(
                actor=actor,
                subject_type=APPLICATION,
                subject=app,
                action="submit",
                note=note,
                at=_at(date),
                extra={"outcome": outcome},
            )
        return app


def _at(date: datetime.date):
    """A review record's time: now when `date` is today, else noon of that day."""
    if date == _today():
        return timezone.now()
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(12, 0)))


def application_review(
    *,
    actor,
    application: Application,
    stage: str,
    approve: bool,
    note: str = "",
    date: datetime.date | None = None,
) -> Application:
    """初审 (stage "first", 办公室主任) and 终审 (stage "final", 分管领导) of the draft reply."""
    if stage not in ("first", "final"):
        raise UserError("审核阶段应为初审（first）或终审（final）。")
    date = date or _today()
    _check_date(application, date, "审核日期")
    with transaction.atomic():
        app = _locked(application)
        review_move(
            actor=actor,
            subject_type=APPLICATION,
            subject=app,
            action=f"{stage}_{'approve' if approve else 'reject'}",
            note=note,
            at=_at(date),
        )
        return app


def application_deliver(
    *,
    actor,
    application: Application,
    date: datetime.date,
    method: str = DeliveryMethod.POST,
) -> Application:
    """答复送达: the reply date is the delivery date; the outcome becomes final."""
    _require_write(actor, application.agency)
    if method not in DeliveryMethod.values:
        raise UserError("送达方式无效。")
    _check_date(application, date, "答复日期")
    with transaction.atomic():
        app = _locked(application)
        if not app.proposed_outcome:
            raise UserError("尚未拟定办理结果，不能送达答复。")
        transitions.check(app.status, Status.DELIVERED)
        app.outcome = app.proposed_outcome
        app.replied_on = date
        app.letters.filter(
            kind__startswith="reply_", delivered_on__isnull=True, voided_on__isnull=True
        ).update(delivery_method=method, delivered_on=date)
        return _move(
            actor=actor,
            app=app,
            target=Status.DELIVERED,
            action="deliver",
            event_kind=EventKind.DELIVERED,
            date=date,
            note=DeliveryMethod(method).label,
            extra={"outcome": app.outcome, "replied_on": date, "method": method},
        )


def application_conclude(
    *, actor, application: Application, date: datetime.date | None = None
) -> Application:
    _require_write(actor, application.agency)
    date = date or _today()
    with transaction.atomic():
        app = _locked(application)
        if app.outcome not in OUTCOME_CODES or app.replied_on is None:
            raise UserError("办结须有且只有一个办理结果（答复送达后方可办结）。")
        _check_date(app, date, "办结日期")
        return _move(
            actor=actor,
            app=app,
            target=Status.CONCLUDED,
            action="conclude",
            event_kind=EventKind.CONCLUDED,
            date=date,
            extra={"outcome": app.outcome},
        )


def application_withdraw(
    *, actor, application: Application, date: datetime.date, note: str = ""
) -> Application:
    """撤回: ends the request with outcome 其他处理-其他 (transitions.WITHDRAWAL_OUTCOME) on `date`."""
    _require_write(actor, application.agency)
    _check_date(application, date, "撤回日期")
    return _withdraw(actor=actor, application=application, date=date, note=note)


def _withdraw(*, actor, application: Application, date, note: str) -> Application:
    with transaction.atomic():
        app = _locked(application)
        if app.status not in OPEN_STATUSES:
            raise UserError(f"本申请已{app.get_status_display()}，不能再撤回。")
        transitions.check(app.status, Status.WITHDRAWN)
        app.outcome, app.replied_on = transitions.WITHDRAWAL_OUTCOME, date
        return _move(
            actor=actor,
            app=app,
            target=Status.WITHDRAWN,
            action="withdraw",
            event_kind=EventKind.WITHDRAWN,
            date=date,
            note=note or "申请人撤回申请",
            extra={"outcome": transitions.WITHDRAWAL_OUTCOME, "replied_on": date},
        )


def application_withdraw_online(
    *, application: Application, client_address: str = ""
) -> Application:
    """The applicant withdraws through the lookup page (holder of query code + secret), today."""
    with transaction.atomic():  # with its audit row; a second POST is refused under the row lock
        app = _withdraw(
            actor=ONLINE_ACTOR, application=application, date=_today(), note="申请人网上撤回申请"
        )
        audit_record(
            actor=ONLINE_ACTOR,
            action="application.withdraw_online",
            obj=app,
            new={"client_address": client_address},
        )
    return app


ABANDON_REASONS = transitions.ABANDON_OUTCOMES


def application_abandon(
    *, actor, application: Application, reason: str, date: datetime.date
) -> Application:
    """视为放弃: no correction in time (Art. 30) or no payment in time (fee measures)."""
    _require_write(actor, application.agency)
    if reason not in ABANDON_REASONS:
        raise UserError("视为放弃的原因应为逾期不补正（no_correction）或逾期未缴费（no_fee）。")
    _check_date(application, date, "视为放弃日期")
    with transaction.atomic():
        app = _locked(application)
        expected = Status.AWAITING_CORRECTION if reason == "no_correction" else Status.AWAITING_FEE
        if app.status != expected:
            raise UserError(f"当前状态为“{app.get_status_display()}”，不能以此理由视为放弃。")
        if reason == "no_fee":
            due = clock.compute(app.received_on, _clock_events(app), get_calendar()).fee_payment_due
            if due and date <= due:
                raise UserError(f"缴费期限（{due:%Y-%m-%d}）尚未届满，不能视为放弃。")
        if reason == "no_correction":
            notice = app.events.filter(kind=EventKind.CORRECTION_REQUESTED).last()
            if notice is not None and notice.deadline and date <= notice.deadline:
                raise UserError(
                    f"补正期限（{notice.deadline:%Y-%m-%d}）尚未届满，不能视为放弃（条例第三十条）。"
                )
        outcome = ABANDON_REASONS[reason]
        app.outcome, app.replied_on = outcome, date
        if reason == "no_fee":
            app.fee_yuan = Decimal(0)  # nothing was paid
        return _move(
            actor=actor,
            app=app,
            target=Status.ABANDONED,
            action="abandon",
            event_kind=EventKind.ABANDONED,
            date=date,
            note=outcome_label(outcome),
            extra={"outcome": outcome, "replied_on": date},
        )
