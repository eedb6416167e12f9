"""THE steps the staff screens offer on a request: for each, the form, the statuses it starts from
(read from the transitions table), who may take it, and the ONE service it calls. 初审 and 终审 are
the review engine's steps (gongkai/reviews/steps.py).

The detail page shows a step's form only when the request's status allows it and the user's role
does; a POST checks the same two things (403 for the role, 400 for the status) and then calls the
service, whose own checks (once-only extension, dates, …) come back as a UserError.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from gongkai.core.permissions import can_write
from gongkai.reviews.permissions import may_take

from . import forms, letters, services, transitions
from .choices import EventKind, Status
from .models import Application
from .review import STEPS as REVIEW_STEPS

S = Status
CLOSED = {S.CONCLUDED, S.WITHDRAWN, S.ABANDONED}


def _from(target: str, only: set[str] | None = None) -> frozenset[str]:
    """Every status from which the transitions table allows a move to `target`."""
    found = {s for s in transitions.TRANSITIONS if transitions.allowed(s, target)}
    return frozenset(found & only if only is not None else found)


@dataclass(frozen=True)
class Action:
    key: str
    label: str
    form: type
    statuses: frozenset[str]
    run: Callable  # (actor, application, cleaned_data) -> calls one service
    permission: str = "write"  # "write", "first" (办公室主任), "final" (分管领导)
    once: str = ""  # an event kind after which the step is no longer offered (the service refuses)
    hint: str = ""
    danger: bool = False

    def permitted(self, user, app: Application) -> bool:
        return may_take(user, app.agency, self.permission)

    def forbidden_message(self, user, app: Application) -> str:
        if not can_write(user, app.agency):
            return "您的角色为只读，可查看，不能办理本申请。"
        return {
            "write": "您没有办理本申请的权限。",
            "first": "此步骤应由本机关办公室主任办理。",
            "final": "终审应由本机关分管领导办理。",
        }[self.permission]

    def offered(self, user, app: Application, done_kinds: set[str]) -> bool:
        return (
            app.status in self.statuses
            and self.permitted(user, app)
            and not (self.once and self.once in done_kinds)
        )


def _abandon(actor, app, data):
    reason = "no_correction" if app.status == S.AWAITING_CORRECTION else "no_fee"
    return services.application_abandon(
        actor=actor, application=app, reason=reason, date=data["date"]
    )


def _letter_void(actor, app, data):
    from gongkai.core.errors import UserError

    letter = app.letters.filter(pk=data["letter"]).first()
    if letter is None:
        raise UserError("未找到该文书。")
    if data["reissue"]:
        return letters.letter_reissue(
            actor=actor, letter=letter, reason=data["reason"], date=data["date"]
        )
    return letters.letter_void(actor=actor, letter=letter, reason=data["reason"], date=data["date"])


def _letter_delivery(actor, app, data):
    from gongkai.core.errors import UserError

    letter = app.letters.filter(pk=data["letter"]).first()
    if letter is None:
        raise UserError("未找到该文书。")
    return letters.letter_record_delivery(
        actor=actor, letter=letter, method=data["method"], date=data["date"]
    )


ACTIONS: dict[str, Action] = {
    a.key: a
    for a in (
        Action(
            "start_processing",
            "开始办理（检索）",
            forms.StartProcessingForm,
            frozenset({S.REGISTERED}),
            lambda actor, app, d: services.application_start_processing(
                actor=actor, application=app, date=d["date"]
            ),
        ),
        Action(
            "request_correction",
            "告知补正",
            forms.CorrectionForm,
            _from(S.AWAITING_CORRECTION),
            lambda actor, app, d: services.application_request_correction(
                actor=actor, application=app, date=d["date"], note=d["note"], days=d["days"]
            ),
            once=EventKind.CORRECTION_REQUESTED,
            hint="条例第三十条：收到申请之日起7个工作日内一次性告知；答复期限自收到补正的申请之日起重新计算。",
        ),
        Action(
            "receive_correction",
            "收到补正",
            forms.ReceiveCorrectionForm,
            frozenset({S.AWAITING_CORRECTION}),
            lambda actor, app, d: services.application_receive_correction(
                actor=actor, application=app, date=d["date"], note=d["note"]
            ),
        ),
        Action(
            "pause",
            "征求意见（暂停计时）",
            forms.PauseForm,
            _from(S.CONSULTING),
            lambda actor, app, d: services.application_pause(
                actor=actor,
                application=app,
                kind=d["kind"],
                date=d["date"],
                note=d["note"],
                party_received_on=d.get("party_received_on"),
            ),
            hint="征求第三方和其他机关意见所需时间不计算在答复期限内（条例第三十三条第三款）。",
        ),
        Action(
            "resume",
            "收到意见（恢复计时）",
            forms.ResumeForm,
            frozenset({S.CONSULTING}),
            lambda actor, app, d: services.application_resume(
                actor=actor, application=app, date=d["date"], note=d["note"]
            ),
        ),
        Action(
            "extend",
            "延期答复",
            forms.ExtendForm,
            frozenset(services.EXTENDABLE),
            lambda actor, app, d: services.application_extend(
                actor=actor, application=app, date=d["date"], days=d["days"], reason=d["reason"]
            ),
            permission="first",
            once=EventKind.EXTENSION,
            hint="条例第三十三条：经政府信息公开工作机构负责人同意，可延长一次，最长不超过20个工作日。",
        ),
        Action(
            "fee_notice",
            "收费通知",
            forms.FeeNoticeForm,
            _from(S.AWAITING_FEE),
            lambda actor, app, d: services.application_send_fee_notice(
                actor=actor,
                application=app,
                method=d["method"],
                quantity=d["quantity"],
                date=d["date"],
            ),
            once=EventKind.FEE_NOTICE,
        ),
        Action(
            "record_payment",
            "登记缴费",
            forms.PaymentForm,
            frozenset({S.AWAITING_FEE}),
            lambda actor, app, d: services.application_record_payment(
                actor=actor, application=app, date=d["date"]
            ),
        ),
        Action(
            "draft_reply",
            "拟答复",
            forms.DraftReplyForm,
            _from(S.DRAFTING_REPLY, {S.REGISTERED, S.PROCESSING}) | {S.DRAFTING_REPLY, S.APPROVED},
            lambda actor, app, d: services.application_draft_reply(
                actor=actor,
                application=app,
                outcome=d["outcome"],
                note=d["note"],
                date=d["date"],
                submit=d["submit"],
                reply_letter=d["reply_letter"],
                responsible_agency=d["responsible_agency"],
                responsible_contact=d["responsible_contact"],
            ),
        ),
        Action(
            "deliver",
            "答复送达",
            forms.DeliverForm,
            _from(S.DELIVERED),
            lambda actor, app, d: services.application_deliver(
                actor=actor, application=app, date=d["date"], method=d["method"]
            ),
            hint="送达之日为答复日期，办理结果随之确定。",
        ),
        Action(
            "conclude",
            "办结",
            forms.ConcludeForm,
            _from(S.CONCLUDED),
            lambda actor, app, d: services.application_conclude(
                actor=actor, application=app, date=d["date"]
            ),
        ),
        Action(
            "issue_letter",
            "出具文书",
            forms.LetterIssueForm,
            frozenset(set(S.values) - CLOSED),
            lambda actor, app, d: letters.letter_issue(
                actor=actor,
                application=app,
                kind=d["kind"],
                date=d["date"],
                note=d["note"],
                extra={k: d.get(k) for k in forms.LetterIssueForm.EXTRA_FIELDS},
            ),
        ),
        Action(
            "letter_delivery",
            "登记文书送达",
            forms.LetterDeliveryForm,
            frozenset(S.values),
            _letter_delivery,
        ),
        Action(
            "letter_void",
            "作废文书",
            forms.LetterVoidForm,
            frozenset(S.values),
            _letter_void,
            danger=True,
        ),
        Action(
            "withdraw",
            "申请人撤回",
            forms.WithdrawForm,
            _from(S.WITHDRAWN),
            lambda actor, app, d: services.application_withdraw(
                actor=actor, application=app, date=d["date"], note=d["note"]
            ),
            danger=True,
        ),
        Action(
            "abandon",
            "视为放弃",
            forms.AbandonForm,
            _from(S.ABANDONED),
            _abandon,
            hint="逾期不补正（条例第三十条）或逾期未缴纳信息处理费的，视为放弃申请。",
            danger=True,
        ),
    )
}
# 初审 and 终审 are the review engine's steps, offered right after 拟答复.
ACTIONS = {
    k: v
    for key, action in ACTIONS.items()
    for k, v in ((key, action), *(REVIEW_STEPS.items() if key == "draft_reply" else ()))
}
# Shown as per-letter forms in the letters table, not among the steps.
LETTER_ACTIONS = {"letter_delivery", "letter_void"}


def offered_actions(user, app: Application, done_kinds: set[str]) -> list[Action]:
    return [
        a
        for a in ACTIONS.values()
        if a.key not in LETTER_ACTIONS and a.offered(user, app, done_kinds)
    ]
