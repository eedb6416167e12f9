"""Letters (答复书, 告知书, 通知书, 征求意见书): default texts from code, per-agency editable 正文
(LetterTemplate, edited in the admin), filled from the case, checked for leftovers, numbered per
agency and year (e.g. 朱政信公〔2025〕3号), frozen when issued, voidable and reissuable, rendered to
DOCX (python-docx) and PDF (WeasyPrint) in the form of an official letter: 标题, 文号, 主送, 正文
(with the legal basis), 救济途径, 落款, 日期.

Who may issue what (enforced here, so every door — staff page, admin, CLI — obeys it):
- a reply letter (reply_*) only once the reply has passed 终审 (status approved, delivered or
  concluded), and only the letter kind of the approved draft. Its whole content comes from the
  reviewed reply draft on the request (outcome, 答复书类型, 答复要点, the Art. 36(五) responsible
  agency and contact): issuing it takes a date and nothing else, and content passed when issuing
  is refused (REPLY_DRAFT_FIELDS);
- a notice (补正, 延期, 征求意见, 收费) with the office head's sign-off when the agency's
  `RequestSettings.notices_need_review` is on (the default); when it is off the letter and the
  case file say that the office's rules need no review.
Remedies (救济途径) are printed on the letters that can be contested on their own (see KINDS and
docs/requests.md) and name the agency's 行政复议机关 and 管辖法院 from its RequestSettings.
"""

from __future__ import annotations

import datetime
import html
import io
import re
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max

from gongkai.calendars.selectors import get_calendar
from gongkai.core.actors import is_person
from gongkai.core.audit import audit_record
from gongkai.core.cn import cn_date
from gongkai.core.errors import UserError
from gongkai.core.permissions import can_write
from gongkai.reviews.permissions import can_review

from .choices import ApplicantType, DeliveryMethod, EventKind, FeeMethod, Status
from .clock import FEE_PAYMENT_DAYS, THIRD_PARTY_DAYS
from .models import Application, ApplicationEvent, Letter, LetterTemplate, RequestSettings
from .outcomes import FEE_MEASURES, OUTCOME_CODES, OUTCOME_RULES, REGULATION, outcome_label

REVIEWED_STATUSES = (Status.APPROVED, Status.DELIVERED, Status.CONCLUDED)
# The reply draft's fields that change the text of a 答复书, as the draft form names them.
REPLY_DRAFT_FIELDS = {
    "proposed_outcome": "办理结果",
    "reply_letter": "答复书类型",
    "reply_note": "答复要点",
    "responsible_agency": "负责公开的行政机关名称",
    "responsible_contact": "负责公开的行政机关联系方式",
}


@dataclass(frozen=True)
class LetterKind:
    code: str
    title: str
    word: str  # how the letter calls itself in the remedies: 答复 / 告知 / 通知 / 函
    reply: bool  # a reply (decision on the request) rather than a notice
    contestable: bool  # carries remedies: it can be contested on its own
    to: str = "applicant"  # "applicant", "third_party" or "agency"
    fields: tuple[str, ...] = ()  # extra fields typed when issuing (notices only)
    basis: str = ""  # legal basis of a notice (a reply's comes from its outcome)


_R = REGULATION
KINDS: dict[str, LetterKind] = {
    k.code: k
    for k in (
        LetterKind("reply_granted", "政府信息公开申请答复书", "答复", True, True),
        LetterKind("reply_partial", "政府信息公开申请答复书", "答复", True, True),
        LetterKind("reply_withheld", "政府信息公开申请答复书", "答复", True, True),
        LetterKind("reply_query_matter", "政府信息公开申请答复书", "答复", True, True),
        LetterKind("reply_not_held", "政府信息公开申请答复书", "答复", True, True),
        LetterKind(
            "reply_not_responsible",
            "政府信息公开申请答复书",
            "答复",
            True,
            True,
            basis=f"{_R}第三十六条第（五）项",
        ),
        LetterKind("reply_unable", "政府信息公开申请答复书", "答复", True, True),
        LetterKind("reply_rejected", "政府信息公开申请不予处理告知书", "告知", True, True),
        LetterKind("reply_other", "政府信息公开申请终止办理告知书", "告知", True, True),
        # Art. 30 notice: no actual effect on rights, not contestable on its own (最高人民法院
        # 关于审理政府信息公开行政案件若干问题的规定 第二条第（一）项).
        LetterKind(
            "correction_notice",
            "政府信息公开申请补正通知书",
            "通知",
            False,
            False,
            basis=f"{_R}第三十条",
        ),
        # Art. 33 ¶2: a step in the procedure; the reply itself is contestable.
        LetterKind(
            "extension_notice",
            "政府信息公开申请延期答复告知书",
            "告知",
            False,
            False,
            basis=f"{_R}第三十三条第二款",
        ),
        LetterKind(
            "third_party_consultation",
            "政府信息公开征求第三方意见书",
            "函",
            False,
            False,
            to="third_party",
            fields=("party_name", "party_type"),
            basis=f"{_R}第三十二条",
        ),
        # The decision to disclose over the third party's objection affects its rights: it can
        # contest it (同一规定 第一条第一款第（三）项).
        LetterKind(
            "third_party_disclosure",
            "政府信息公开决定公开告知书（第三方）",
            "告知",
            False,
            True,
            to="third_party",
            fields=("party_name", "party_type"),
            basis=f"{_R}第十五条、第三十二条",
        ),
        LetterKind(
            "agency_consultation",
            "政府信息公开征求意见函",
            "函",
            False,
            False,
            to="agency",
            fields=("party_name",),
            basis=f"{_R}第三十四条",
        ),
        # The fee notice imposes a payment: it can be contested on its own.
        LetterKind(
            "fee_notice",
            "政府信息公开信息处理费收费通知书",
            "通知",
            False,
            True,
            basis=f"{_R}第四十二条和{FEE_MEASURES}",
        ),
    )
}
KIND_LABELS = {
    "reply_granted": "答复书：予以公开",
    "reply_partial": "答复书：部分公开",
    "reply_withheld": "答复书：不予公开",
    "reply_query_matter": "答复书：行政查询事项（依照有关法律、行政法规办理）",
    "reply_not_held": "答复书：信息不存在（第三十六条第（四）项）",
    "reply_not_responsible": "答复书：不属于本机关负责公开（第三十六条第（五）项）",
    "reply_unable": "答复书：无法提供",
    "reply_rejected": "不予处理告知书",
    "reply_other": "终止办理告知书（视为放弃、撤回）",
    "correction_notice": "补正通知书",
    "extension_notice": "延期答复告知书",
    "third_party_consultation": "征求第三方意见书（第三十二条）",
    "third_party_disclosure": "决定公开告知书（公共利益，告知第三方）",
    "agency_consultation": "征求其他机关意见函（第三十四条）",
    "fee_notice": "信息处理费收费通知书",
}
LETTER_KINDS = dict(KIND_LABELS)

_HEAD = "本机关于{{收到日期}}收到{{称谓}}提出的政府信息公开申请，申请获取“{{申请内容}}”。"
_DECISION = _HEAD + "经审查，{{称谓}}的申请{{情形}}。根据{{法律依据}}的规定，{{处理}}。{{说明}}"
_CONSULT_HEAD = "本机关于{{收到日期}}收到一份政府信息公开申请，申请获取“{{申请内容}}”。"

DEFAULT_BODIES: dict[str, str] = {
    "reply_granted": _HEAD + "经审查，{{称谓}}申请公开的信息属于可以公开的政府信息。"
    "根据{{法律依据}}的规定，现答复如下：{{说明}}",
    "reply_partial": _HEAD
    + "经审查，{{称谓}}申请公开的信息中含有不应当公开的内容，但能够作区分处理。"
    "根据{{法律依据}}的规定，本机关向{{称谓}}提供可以公开的政府信息内容；对不予公开的内容，理由如下：{{说明}}",
    "reply_withheld": _DECISION,
    "reply_query_matter": _DECISION,
    "reply_not_held": _HEAD + "{{情形}}。根据{{法律依据}}的规定，{{处理}}。{{说明}}",
    "reply_not_responsible": _HEAD + "经审查，{{称谓}}申请公开的信息不属于本机关负责公开。{{说明}}"
    "根据{{法律依据}}的规定，特此告知：负责公开该政府信息的行政机关为{{负责机关}}，"
    "联系方式：{{负责机关联系方式}}。",
    "reply_unable": _DECISION,
    "reply_rejected": _DECISION,
    "reply_other": _HEAD + "{{情形}}。根据{{法律依据}}的规定，{{处理}}。{{说明}}",
    "correction_notice": _HEAD
    + "因申请内容不明确，根据{{法律依据}}的规定，请{{称谓}}对以下事项作出补正：{{补正事项}}\n"
    "请于{{补正期限}}前向本机关提交补正后的申请。答复期限自本机关收到补正的申请之日起计算。"
    "{{称谓}}无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
    "extension_notice": _HEAD
    + "因{{延期理由}}，本机关无法在法定期限内作出答复。根据{{法律依据}}的规定，"
    "经本机关政府信息公开工作机构负责人同意，答复期限延长{{延长天数}}个工作日，"
    "本机关将于{{答复期限}}前作出答复。",
    "third_party_consultation": _CONSULT_HEAD + "该信息的公开可能损害{{第三方称谓}}的合法权益。"
    "根据{{法律依据}}的规定，现书面征求{{第三方称谓}}的意见。请自收到本意见书之日起"
    f"{THIRD_PARTY_DAYS}个工作日内提出书面意见；不同意公开的，请说明理由。"
    "逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开。{{说明}}",
    "third_party_disclosure": _CONSULT_HEAD + "该信息涉及{{第三方称谓}}的合法权益。"
    "本机关认为不公开可能对公共利益造成重大影响，根据{{法律依据}}的规定，决定予以公开。"
    "决定公开的政府信息内容为：“{{申请内容}}”。理由：{{说明}}",
    "agency_consultation": _CONSULT_HEAD
    + "该信息由本机关与贵机关共同制作。根据{{法律依据}}的规定，"
    f"现征求贵机关意见，请自收到本函之日起{THIRD_PARTY_DAYS}个工作日内提出意见；"
    "逾期未提出意见的，视为同意公开。{{说明}}",
    "fee_notice": _HEAD
    + "{{称谓}}申请公开政府信息的数量、频次明显超过合理范围，根据{{法律依据}}的规定，"
    "本机关依法收取信息处理费。收费标准：{{收费标准}}；应缴金额：{{收费金额}}元。"
    f"请自收到本通知之日起{FEE_PAYMENT_DAYS}个工作日内缴纳，费用全额上缴国库，本机关出具财政票据。"
    "逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。",
}
DEFAULT_TEMPLATES: dict[str, tuple[str, str]] = {
    k: (KINDS[k].title, body) for k, body in DEFAULT_BODIES.items()
}
assert set(DEFAULT_BODIES) == set(KINDS)

REMEDY = (
    "{who}如对本{word}不服，可以自收到本{word}之日起六十日内向{body}申请行政复议，"
    "也可以自收到本{word}之日起六个月内向{court}提起行政诉讼。"
)
_PLACEHOLDER = re.compile(r"\{\{\s*([^{}\s]+)\s*\}\}")
# Text that must never leave the office: template leftovers and internal labels.
FORBIDDEN = ("{{", "}}", "您（单位）", "（或告知", "（或", "占位符")


def default_prefix(agency) -> str:
    name = agency.name
    return name[:1] + ("政" if name.endswith("人民政府") else "") + "信公"


def template_for(agency, kind: str) -> tuple[str, str]:
    if kind not in KINDS:
        raise UserError(f"没有“{kind}”类型的文书。")
    custom = LetterTemplate.objects.filter(agency=agency, kind=kind).first()
    if custom:
        return custom.title, custom.body
    return DEFAULT_TEMPLATES[kind]


def _address(applicant_type: str) -> str:
    return "您" if applicant_type == ApplicantType.NATURAL_PERSON else "贵单位"


def _last(app: Application, kind: str):
    return app.events.filter(kind=kind).order_by("date", "id").last()


def context_for(
    app: Application, kind: LetterKind, *, note: str = "", extra: dict | None = None
) -> dict:
    from .selectors import clock_for

    extra = extra or {}
    you = _address(app.applicant_type)
    outcome = app.outcome or app.proposed_outcome
    rule = OUTCOME_RULES.get(outcome) if outcome else None
    ctx = {
        "机关": app.agency.name,
        "申请人": app.applicant_name or "申请人",
        "称谓": you,
        "收到日期": cn_date(app.received_on),
        "申请内容": app.content,
        "法律依据": kind.basis or (rule.basis if rule else REGULATION),
        "情形": rule.finding if rule else "",
        "处理": rule.decision if rule else "",
        # A reply says only what the reviewed draft says; a notice takes what its signer typed.
        "说明": (app.reply_note if kind.reply else note).strip(),
        "第三方": extra.get("party_name", ""),
        "第三方称谓": "您" if extra.get("party_type") == "person" else "贵单位",
        "负责机关": app.responsible_agency.strip(),
        "负责机关联系方式": app.responsible_contact.strip(),
    }
    if ctx["说明"] and ctx["说明"][-1] not in "。；！？”":
        ctx["说明"] += "。"
    if kind.code == "correction_notice":
        ev = _last(app, EventKind.CORRECTION_REQUESTED)
        if ev is None or ev.deadline is None:
            raise UserError(
                "请先办理“告知补正”步骤，写明需要补正的事项和补正期限，再出具补正通知书。"
            )
        ctx["补正事项"] = ev.note.strip().rstrip("。") + "。"
        ctx["补正期限"] = cn_date(ev.deadline)
    if kind.code == "extension_notice":
        ev = _last(app, EventKind.EXTENSION)
        if ev is None:
            raise UserError("请先办理“延期答复”步骤（经办公室主任同意），再出具延期答复告知书。")
        ctx["延长天数"] = str(ev.days)
        ctx["延期理由"] = (note or ev.note.split("（经")[0]).strip().rstrip("。")
        ctx["说明"] = ""
    if kind.code == "fee_notice":
        if _last(app, EventKind.FEE_NOTICE) is None or not app.fee_yuan:
            raise UserError("请先办理“收费通知”步骤（确定收费方式和金额），再出具收费通知书。")
        unit = "件" if app.fee_method == FeeMethod.ITEMS else "页"
        ctx["收费标准"] = f"{FeeMethod(app.fee_method).label}，{app.fee_quantity}{unit}"
        amount = app.fee_yuan
        ctx["收费金额"] = str(int(amount)) if amount == int(amount) else f"{amount:.2f}"
    if kind.code in ("extension_notice",):
        try:
            result = clock_for(app, calendar=get_calendar())
        except UserError as exc:
            raise UserError(f"无法计算答复期限：{exc.message}") from None
        if result.due is None:
            raise UserError("计时暂停中，无法确定延期后的答复期限；请在恢复计时后出具。")
        ctx["答复期限"] = cn_date(result.due)
    return ctx


def fill(text: str, ctx: dict) -> str:
    return _PLACEHOLDER.sub(lambda m: str(ctx.get(m.group(1), m.group(0))), text)


def _fill_twice(text: str, ctx: dict) -> str:
    """Rule texts hold {{称谓}} themselves, so fill until nothing changes (twice is enough)."""
    return fill(fill(text, ctx), ctx)


def check_clean(text: str, *, where: str = "文书正文") -> None:
    """Refuse a letter with a template leftover or an internal code/label in it."""
    problems = [f"{where}含有“{bad}”" for bad in FORBIDDEN if bad in text]
    leftover = _PLACEHOLDER.search(text)
    if leftover:
        problems.append(f"{where}有未填写的占位符 {leftover.group(0)}")
    for code in OUTCOME_CODES:
        if code in text:
            problems.append(f"{where}含有内部代码“{code}”")
        if outcome_label(code) in text and "-" in outcome_label(code):
            problems.append(f"{where}含有内部标签“{outcome_label(code)}”")
    if problems:
        raise UserError("文书内容不完整，不能出具：", problems)


def _settings(agency) -> RequestSettings | None:
    return RequestSettings.objects.filter(agency=agency).first()


def remedy_text(kind: LetterKind, settings_row: RequestSettings | None, who: str) -> str:
    body = (settings_row.reconsideration_body if settings_row else "").strip()
    court = (settings_row.court if settings_row else "").strip()
    if not (body and court):
        raise UserError(
            f"{KIND_LABELS[kind.code]}须写明救济途径：请先在后台“依申请公开设置”中填写本机关的"
            "行政复议机关和管辖法院。"
        )
    return REMEDY.format(who=who, word=kind.word, body=body, court=court)


def allowed_reply_kinds(outcome: str) -> set[str]:
    kinds = {OUTCOME_RULES[outcome].letter}
    if outcome == "unable_not_held":
        kinds.add("reply_not_responsible")
    return kinds


def reply_kind_for(app: Application) -> str:
    """The 答复书 kind of the reply draft: the one chosen in it, else the outcome's."""
    outcome = app.outcome or app.proposed_outcome
    if not outcome:
        return ""
    return app.reply_letter or OUTCOME_RULES[outcome].letter


def reply_draft_problems(
    *, outcome: str, reply_letter: str, responsible_agency: str, responsible_contact: str
) -> list[str]:
    """What a reply draft lacks before it can go to 初审, each naming the draft form's field."""
    from .validation import reaches_someone

    problems = []
    kind = reply_letter or OUTCOME_RULES[outcome].letter
    if kind not in allowed_reply_kinds(outcome):
        wanted = "、".join(KIND_LABELS[k] for k in sorted(allowed_reply_kinds(outcome)))
        problems.append(f"答复书类型：办理结果为“{outcome_label(outcome)}”的，应为{wanted}")
    if kind == "reply_not_responsible":
        law = "（条例第三十六条第（五）项：告知申请人该行政机关的名称、联系方式）"
        if not responsible_agency.strip():
            problems.append(f"负责公开的行政机关名称：必填{law}")
        if not responsible_contact.strip():
            problems.append(f"负责公开的行政机关联系方式：必填{law}")
        elif not reaches_someone(responsible_contact):
            problems.append(
                "负责公开的行政机关联系方式：无法据此联系到该机关，"
                "请写明带区号的固定电话（如0398-7000000）、手机号码或电子邮箱"
            )
    return problems


def _check_may_issue(*, actor, app: Application, kind: LetterKind, approver, settings_row):
    """Returns the sign-off note shown on the case file; raises UserError when not allowed."""
    if kind.reply:
        if app.status not in REVIEWED_STATUSES:
            raise UserError(
                f"答复类文书须在答复经终审通过后出具；本申请当前状态为“{app.get_status_display()}”。"
            )
        outcome = app.outcome or app.proposed_outcome
        wanted = reply_kind_for(app)
        if kind.code != wanted:
            raise UserError(
                f"审定的办理结果为“{outcome_label(outcome)}”，答复稿的答复书类型为"
                f"“{KIND_LABELS[wanted]}”，应出具：{KIND_LABELS[wanted]}。"
            )
        return "答复经终审通过"
    if settings_row is None or settings_row.notices_need_review:
        signer = approver or actor
        if not can_review(signer, app.agency, "first"):
            raise UserError(
                "按本机关规定，告知类文书须经政府信息公开工作机构负责人（办公室主任）审核同意后出具；"
                "请由办公室主任出具。"
            )
        return f"经{signer}审核同意"
    return "按本机关规定，告知类文书无需审核（依申请公开设置）"


def _compose(app, kind: LetterKind, *, note: str, extra: dict, settings_row) -> tuple[str, str]:
    if kind.reply:
        problems = reply_draft_problems(
            outcome=app.outcome or app.proposed_outcome,
            reply_letter=kind.code,
            responsible_agency=app.responsible_agency,
            responsible_contact=app.responsible_contact,
        )
        if problems:  # a draft approved before these checks existed
            raise UserError("答复稿不完整，请修改答复稿并重新送审：", problems)
    for name in kind.fields:
        if name != "party_type" and not str(extra.get(name, "")).strip():
            label = {"party_name": "第三方或被征求意见机关名称"}[name]
            raise UserError(f"{KIND_LABELS[kind.code]}：请填写“{label}”。")
    title, body = template_for(app.agency, kind.code)
    ctx = context_for(app, kind, note=note, extra=extra)
    main = _fill_twice(body, ctx).strip()
    to = {
        "applicant": app.applicant_name or "申请人",
        "third_party": ctx["第三方"],
        "agency": ctx["第三方"],
    }[kind.to]
    parts = [f"{to}：", main]
    if kind.contestable:
        who = ctx["第三方称谓"] if kind.to == "third_party" else ctx["称谓"]
        parts.append(remedy_text(kind, settings_row, who))
    parts.append(
        "特此" + {"答复": "答复", "告知": "告知", "通知": "通知", "函": "函告"}[kind.word] + "。"
    )
    text = "\n".join(p for p in parts if p)
    title = fill(title, ctx)
    check_clean(title, where="文书标题")
    check_clean(text)
    return title, text


def reply_preview(app: Application) -> tuple[str, str]:
    """The 答复书 the reply draft makes, as the reviewers approve it (without 文号 and date):
    the text issuing will freeze. Raises UserError when the draft cannot make a letter yet."""
    kind = reply_kind_for(app)
    if not kind:
        raise UserError("尚未拟定办理结果。")
    return _compose(app, KINDS[kind], note="", extra={}, settings_row=_settings(app.agency))


def _refuse_reply_content(kind: LetterKind, note: str, extra: dict) -> None:
    """A reply letter prints the approved draft: content sent along when issuing is refused."""
    typed = [k for k, v in extra.items() if str(v).strip()]
    if (note or "").strip():
        typed.insert(0, "说明")
    if kind.reply and typed:
        raise UserError(
            f"{KIND_LABELS[kind.code]}的内容以终审通过的答复稿为准，出具时不能填写（{'、'.join(typed)}）；"
            "如需修改，请修改答复稿并重新送初审、终审。"
        )


# ---------------------------------------------------------------------------------------------
# Services


def letter_issue(
    *,
    actor,
    application: Application,
    kind: str,
    date: datetime.date,
    note: str = "",
    extra: dict | None = None,
    approver=None,
    replaces: Letter | None = None,
) -> Letter:
    """Check who may issue it (see the module docstring), fill the agency's text, number it
    (prefix〔year〕seq号, never reused) and freeze it. A reply letter takes no `note` or `extra`:
    its text is the approved reply draft's."""
    application = Application.objects.select_related("agency").get(pk=application.pk)
    if not can_write(actor, application.agency):
        raise UserError("您无权为该机关出具文书。")
    if kind not in KINDS:
        raise UserError(f"没有“{kind}”类型的文书。")
    if date is None or date < application.received_on:
        raise UserError("文书日期不能早于收到申请日期。")
    letter_kind = KINDS[kind]
    extra = {k: str(v).strip() for k, v in (extra or {}).items() if v not in (None, "")}
    _refuse_reply_content(letter_kind, note, extra)
    if letter_kind.reply:  # kept with the letter: the draft content it was made from
        extra = {
            k: getattr(application, k)
            for k in ("reply_letter", "responsible_agency", "responsible_contact")
            if getattr(application, k)
        }
    with transaction.atomic():
        if letter_kind.reply:
            _refuse_second_live_reply(application)
        settings_row = _settings(application.agency)
        review_note = _check_may_issue(
            actor=actor,
            app=application,
            kind=letter_kind,
            approver=approver,
            settings_row=settings_row,
        )
        title, body = _compose(
            application, letter_kind, note=note, extra=extra, settings_row=settings_row
        )
        prefix = settings_row.letter_prefix if settings_row else default_prefix(application.agency)
        last = (
            Letter.objects.select_for_update()
            .filter(agency=application.agency, year=date.year)
            .aggregate(m=Max("seq"))["m"]
        )
        seq = (last or 0) + 1
        number = f"{prefix}〔{date.year}〕{seq}号"
        signer = approver or actor
        letter = Letter.objects.create(
            application=application,
            agency=application.agency,
            kind=kind,
            year=date.year,
            seq=seq,
            number_text=number,
            title=title,
            body=body,
            issued_on=date,
            note=note,
            extra=extra,
            review_note=review_note,
            signed_off_by=signer
            if review_note.startswith("经") and getattr(signer, "pk", None)
            else None,
            replaces=replaces,
        )
        ApplicationEvent.objects.create(
            application=application,
            kind=EventKind.LETTER,
            date=date,
            note=f"{number} {title}（{review_note}）"
            + (f"，重新出具，替代 {replaces.number_text}" if replaces else ""),
            actor=actor if getattr(actor, "pk", None) else None,
        )
        audit_record(
            actor=actor,
            action="application.letter_issue",
            obj=application,
            new={
                "letter": number,
                "kind": kind,
                "date": date,
                "review": review_note,
                "replaces": replaces.number_text if replaces else None,
            },
        )
    return letter


def _refuse_second_live_reply(application: Application) -> None:
    """One request, one 答复书 in force: a correction voids the letter and issues a new one."""
    Application.objects.select_for_update().filter(pk=application.pk).first()  # one issue at a time
    live = (
        Letter.objects.filter(application=application, kind__startswith="reply_", voided_on=None)
        .order_by("pk")
        .first()
    )
    if live is not None:
        raise UserError(
            f"本申请已出具答复书 {live.number_text}，不能再出具第二份；如需更正，请先作废该答复书，再重新出具。"
        )


def letter_void(*, actor, letter: Letter, reason: str, date: datetime.date) -> Letter:
    """作废: the letter stays on file, marked void with the reason; its number is never reused."""
    if not can_write(actor, letter.agency):
        raise UserError("您无权办理该机关的文书。")
    if not (reason or "").strip():
        raise UserError("请写明作废原因。")
    if date is None or date < letter.issued_on:
        raise UserError("作废日期不能早于文书日期。")
    with transaction.atomic():
        letter = Letter.objects.select_for_update().select_related("agency").get(pk=letter.pk)
        if letter.voided_on:
            raise UserError(f"{letter.number_text} 已于{cn_date(letter.voided_on)}作废。")
        letter.voided_on, letter.void_reason = date, reason.strip()
        letter.voided_by = actor if getattr(actor, "pk", None) else None
        letter.save()
        ApplicationEvent.objects.create(
            application_id=letter.application_id,
            kind=EventKind.LETTER_VOID,
            date=date,
            note=f"{letter.number_text} {letter.title} 作废：{letter.void_reason}",
            actor=actor if getattr(actor, "pk", None) else None,
        )
        audit_record(
            actor=actor,
            action="application.letter_void",
            obj=letter,
            agency=letter.agency_id,
            new={"letter": letter.number_text, "reason": letter.void_reason, "date": date},
        )
    return letter


def letter_reissue(
    *,
    actor,
    letter: Letter,
    reason: str,
    date: datetime.date,
    note: str | None = None,
    extra: dict | None = None,
    approver=None,
) -> Letter:
    """Void `letter` (unless already void) and issue a new one of the same kind under a new number,
    through the same checks as letter_issue. A reply letter is made again from the approved reply
    draft (a changed draft has been back through 初审 and 终审); a notice keeps its typed fields
    unless new ones are given."""
    reply = KINDS[letter.kind].reply
    with transaction.atomic():
        letter = Letter.objects.select_related("application").get(pk=letter.pk)
        if letter.voided_on is None:
            letter = letter_void(actor=actor, letter=letter, reason=reason, date=date)
        return letter_issue(
            actor=actor,
            application=letter.application,
            kind=letter.kind,
            date=date,
            note=(note or "") if reply else (letter.note if note is None else note),
            extra=(extra or {}) if reply else {**letter.extra, **(extra or {})},
            approver=approver,
            replaces=letter,
        )


def letter_record_delivery(*, actor, letter: Letter, method: str, date: datetime.date) -> Letter:
    if not can_write(actor, letter.agency):
        raise UserError("您无权办理该机关的文书。")
    if letter.voided_on:
        raise UserError(f"{letter.number_text} 已作废，不能登记送达。")
    if method not in DeliveryMethod.values:
        raise UserError("送达方式无效。")
    if date < letter.issued_on:
        raise UserError("送达日期不能早于文书日期。")
    with transaction.atomic():
        old = {"method": letter.delivery_method, "date": letter.delivered_on}
        letter.delivery_method, letter.delivered_on = method, date
        letter.save()
        from .services import record_party_receipt

        record_party_receipt(app=letter.application, letter_kind=letter.kind, date=date)
        audit_record(
            actor=actor,
            action="application.letter_delivery",
            obj=letter,
            agency=letter.agency_id,
            old=old,
            new={"method": method, "date": date},
        )
    return letter


# ---------------------------------------------------------------------------------------------
# Rendering

FONT = "Noto Serif CJK SC"
DOCX_EAST_ASIA_FONT = "仿宋_GB2312"  # the user's Word/WPS uses it if installed (dependencies.md §8)


def _paragraphs(letter: Letter) -> list[str]:
    return [p.strip() for p in letter.body.split("\n") if p.strip()]


def render_docx(letter: Letter) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()

    def run(par, text, size=16, bold=False):
        r = par.add_run(text)
        r.font.size, r.font.bold, r.font.name = Pt(size), bold, FONT
        r._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), DOCX_EAST_ASIA_FONT)
        return r

    style = doc.styles["Normal"]
    style.font.name = FONT
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), DOCX_EAST_ASIA_FONT)
    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run(head, letter.title, size=22, bold=True)
    num = doc.add_paragraph()
    num.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run(num, letter.number_text)
    paragraphs = _paragraphs(letter)
    for i, text in enumerate(paragraphs):
        par = doc.add_paragraph()
        if i > 0:  # the 主送 line is flush left; the body is indented two characters
            par.paragraph_format.first_line_indent = Pt(32)
        run(par, text)
    for line in (letter.agency.name, cn_date(letter.issued_on)):
        sign = doc.add_paragraph()
        sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run(sign, line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def letter_html(letter: Letter) -> str:
    paragraphs = _paragraphs(letter)
    body = "".join(
        ('<p class="to">' if i == 0 else "<p>") + html.escape(p) + "</p>"
        for i, p in enumerate(paragraphs)
    )
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>'
        f'@page {{ size: A4; margin: 3.7cm 2.6cm 3.5cm 2.8cm; }} body {{ font-family: "{FONT}"; '
        "font-size: 16pt; line-height: 1.6; } h1 { text-align: center; font-size: 22pt; } "
        ".num { text-align: center; margin-bottom: 1em; } p { text-indent: 2em; margin: 0; } "
        ".to { text-indent: 0; } "
        ".sign { text-align: right; margin-top: 2em; text-indent: 0; }"
        f"</style></head><body><h1>{html.escape(letter.title)}</h1>"
        f'<div class="num">{html.escape(letter.number_text)}</div>{body}'
        f'<p class="sign">{html.escape(letter.agency.name)}<br>{cn_date(letter.issued_on)}</p>'
        "</body></html>"
    )


def render_pdf(letter: Letter) -> bytes:
    from weasyprint import HTML

    return HTML(string=letter_html(letter)).write_pdf()


def request_settings_set(*, actor, agency, **fields) -> RequestSettings:
    """Create or update an agency's request settings (letter prefix, 复议机关, 管辖法院, whether
    notices need the office head's sign-off); audited."""
    allowed = {"letter_prefix", "reconsideration_body", "court", "notices_need_review"}
    unknown = set(fields) - allowed
    if unknown:
        raise UserError(f"未知的设置项：{'、'.join(sorted(unknown))}。")
    if is_person(actor) and not can_write(actor, agency):
        raise UserError("您无权修改该机关的依申请公开设置。")
    with transaction.atomic():
        row = RequestSettings.objects.select_for_update().filter(agency=agency).first()
        old = {k: getattr(row, k) for k in allowed} if row else {}
        if row is None:
            row = RequestSettings(agency=agency, letter_prefix=default_prefix(agency))
        for key, value in fields.items():
            setattr(row, key, value.strip() if isinstance(value, str) else value)
        row.save()
        audit_record(
            actor=actor,
            action="application.settings",
            obj=row,
            agency=agency.pk,
            old=old,
            new={k: getattr(row, k) for k in allowed},
        )
    return row
