"""Letters (告知书 and notices): default texts from code, per-agency editable templates
(LetterTemplate, edited in the admin), filled from the case, numbered per agency and year
(e.g. 朱政信公〔2025〕3号), rendered to DOCX (python-docx) and PDF (WeasyPrint)."""

from __future__ import annotations

import datetime
import html
import io
import re

from django.db import transaction
from django.db.models import Max

from gongkai.calendars.selectors import get_calendar
from gongkai.core.audit import audit_record
from gongkai.core.errors import UserError
from gongkai.core.permissions import can_write

from .choices import DeliveryMethod, EventKind
from .clock import MAX_EXTENSION_DAYS, THIRD_PARTY_DAYS
from .models import Application, ApplicationEvent, Letter, LetterTemplate, RequestSettings
from .outcomes import OUTCOME_RULES, REGULATION, REMEDIES, outcome_label

_HEAD = "{{申请人}}：\n    本机关于{{收到日期}}收到您（单位）提出的政府信息公开申请，申请获取“{{申请内容}}”。"
_TAIL = "\n    {{救济途径}}\n"

DEFAULT_TEMPLATES: dict[str, tuple[str, str]] = {
    "reply_granted": (
        "政府信息公开申请答复书",
        _HEAD + "经审查，您申请的信息属于可以公开的政府信息。根据{{法律依据}}的规定，"
        "现向您提供该政府信息（或告知获取该政府信息的方式、途径和时间）。{{说明}}" + _TAIL,
    ),
    "reply_partial": (
        "政府信息公开申请答复书（部分公开）",
        _HEAD
        + "经审查，您申请的信息中含有不应当公开的内容，但能够作区分处理。根据{{法律依据}}的规定，"
        "现向您提供可以公开的内容；对不予公开的内容说明理由如下：{{说明}}" + _TAIL,
    ),
    "reply_withheld": (
        "政府信息不予公开告知书",
        _HEAD + "经审查，您申请的信息属于“{{办理结果}}”情形。根据{{法律依据}}的规定，"
        "本机关决定不予公开。理由：{{说明}}" + _TAIL,
    ),
    "reply_unable": (
        "政府信息公开申请答复书（无法提供）",
        _HEAD + "经检索和审查，您申请的信息属于“{{办理结果}}”情形。根据{{法律依据}}的规定，"
        "特此告知。{{说明}}" + _TAIL,
    ),
    "reply_rejected": (
        "政府信息公开申请不予处理告知书",
        _HEAD
        + "经审查，您的申请属于“{{办理结果}}”情形。根据{{法律依据}}的规定，本机关不予处理。{{说明}}"
        + _TAIL,
    ),
    "reply_other": (
        "政府信息公开申请处理结果告知书",
        _HEAD
        + "您的申请属于“{{办理结果}}”情形，根据{{法律依据}}的规定，本机关不再处理该申请。{{说明}}"
        + _TAIL,
    ),
    "correction_notice": (
        "政府信息公开申请补正通知书",
        _HEAD
        + "因申请内容不明确，根据《中华人民共和国政府信息公开条例》第三十条的规定，请您对以下事项作出补正："
        "{{说明}}\n    答复期限自本机关收到补正的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，"
        "本机关不再处理该政府信息公开申请。" + _TAIL,
    ),
    "extension_notice": (
        "政府信息公开申请延期答复告知书",
        _HEAD
        + "因{{说明}}，本机关无法在法定期限内作出答复。根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，"
        "经本机关政府信息公开工作机构负责人同意，答复期限延长{{延长天数}}个工作日，至{{答复期限}}前作出答复。"
        + _TAIL,
    ),
    "third_party_consultation": (
        "政府信息公开征求第三方意见函",
        "{{第三方}}：\n    本机关于{{收到日期}}收到一份政府信息公开申请，申请获取“{{申请内容}}”。"
        "该信息的公开可能损害贵方合法权益。根据《中华人民共和国政府信息公开条例》第三十二条的规定，"
        "现书面征求贵方意见，请于收到本函之日起{{第三方答复天数}}个工作日内（{{第三方答复期限}}前）提出意见。"
        "逾期未提出意见的，由本机关依照条例的规定决定是否公开。\n",
    ),
    "fee_notice": (
        "政府信息公开信息处理费收费通知书",
        _HEAD
        + "根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》"
        "（国办函〔2020〕109号）的规定，本申请应收取信息处理费。收费标准：{{收费标准}}；"
        "应缴金额：{{收费金额}}元。请自收到本通知次日起20个工作日内（{{缴费期限}}前）缴纳，"
        "费用全额上缴国库，本机关出具财政票据。逾期未缴纳的，视为放弃申请，本机关不再处理该申请。"
        + _TAIL,
    ),
}
LETTER_KINDS = {k: v[0] for k, v in DEFAULT_TEMPLATES.items()}
_PLACEHOLDER = re.compile(r"\{\{\s*([^{}\s]+)\s*\}\}")


def _cn_date(day: datetime.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def default_prefix(agency) -> str:
    name = agency.name
    return name[:1] + ("政" if name.endswith("人民政府") else "") + "信公"


def template_for(agency, kind: str) -> tuple[str, str]:
    if kind not in DEFAULT_TEMPLATES:
        raise UserError(f"没有“{kind}”类型的文书。")
    custom = LetterTemplate.objects.filter(agency=agency, kind=kind).first()
    if custom:
        return custom.title, custom.body
    return DEFAULT_TEMPLATES[kind]


def context_for(app: Application, *, note: str = "", date: datetime.date | None = None) -> dict:
    from .selectors import clock_for

    outcome = app.outcome or app.proposed_outcome
    rule = OUTCOME_RULES.get(outcome) if outcome else None
    ctx = {
        "机关": app.agency.name,
        "申请人": app.applicant_name or "申请人",
        "收到日期": _cn_date(app.received_on),
        "申请内容": app.content,
        "办理结果": outcome_label(outcome) if outcome else "",
        "答复类型": rule.reply_type if rule else "",
        "法律依据": rule.basis if rule else REGULATION,
        "救济途径": REMEDIES,
        "说明": note or app.reply_note,
        "日期": _cn_date(date),
        "延长天数": str(MAX_EXTENSION_DAYS),
        "第三方": "第三方",
        "第三方答复天数": str(THIRD_PARTY_DAYS),
        "收费金额": str(app.fee_yuan.normalize()) if app.fee_yuan else "0",
        "收费标准": {"items": "按件计收", "pages": "按量计收"}.get(app.fee_method, "不收费")
        + (
            f" {app.fee_quantity}{'件' if app.fee_method == 'items' else '页'}"
            if app.fee_quantity
            else ""
        ),
    }
    try:
        result = clock_for(app, calendar=get_calendar())
        ctx["答复期限"] = _cn_date(result.due)
        ctx["第三方答复期限"] = _cn_date(result.third_party_answer_due)
        ctx["缴费期限"] = _cn_date(result.fee_payment_due)
    except UserError:
        ctx.setdefault("答复期限", "")
    return ctx


def fill(text: str, ctx: dict) -> str:
    return _PLACEHOLDER.sub(lambda m: str(ctx.get(m.group(1), m.group(0))), text)


# ---------------------------------------------------------------------------------------------
# Services


def letter_issue(
    *, actor, application: Application, kind: str, date: datetime.date, note: str = ""
) -> Letter:
    """Fill the agency's template, number it (prefix〔year〕seq号) and freeze the text."""
    application = Application.objects.select_related("agency").get(pk=application.pk)
    if not can_write(actor, application.agency):
        raise UserError("您无权为该机关出具文书。")
    if kind.startswith("reply_") and not (application.outcome or application.proposed_outcome):
        raise UserError("尚未拟定办理结果，不能出具答复书。")
    title, body = template_for(application.agency, kind)
    with transaction.atomic():
        settings_row = RequestSettings.objects.filter(agency=application.agency).first()
        prefix = settings_row.letter_prefix if settings_row else default_prefix(application.agency)
        last = (
            Letter.objects.select_for_update()
            .filter(agency=application.agency, year=date.year)
            .aggregate(m=Max("seq"))["m"]
        )
        seq = (last or 0) + 1
        number = f"{prefix}〔{date.year}〕{seq}号"
        ctx = context_for(application, note=note, date=date) | {"文号": number}
        letter = Letter.objects.create(
            application=application,
            agency=application.agency,
            kind=kind,
            year=date.year,
            seq=seq,
            number_text=number,
            title=fill(title, ctx),
            body=fill(body, ctx),
            issued_on=date,
        )
        ApplicationEvent.objects.create(
            application=application,
            kind=EventKind.LETTER,
            date=date,
            note=f"{number} {letter.title}",
            actor=actor if getattr(actor, "pk", None) else None,
        )
        audit_record(
            actor=actor,
            action="application.letter_issue",
            obj=application,
            new={"letter": number, "kind": kind, "date": date},
        )
    return letter


def letter_record_delivery(*, actor, letter: Letter, method: str, date: datetime.date) -> Letter:
    if not can_write(actor, letter.agency):
        raise UserError("您无权办理该机关的文书。")
    if method not in DeliveryMethod.values:
        raise UserError("送达方式无效。")
    if date < letter.issued_on:
        raise UserError("送达日期不能早于文书日期。")
    with transaction.atomic():
        old = {"method": letter.delivery_method, "date": letter.delivered_on}
        letter.delivery_method, letter.delivered_on = method, date
        letter.save()
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
    for text in _paragraphs(letter):
        run(doc.add_paragraph(), text)
    sign = doc.add_paragraph()
    sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run(sign, f"{letter.agency.name}\n{_cn_date(letter.issued_on)}")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def letter_html(letter: Letter) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in _paragraphs(letter))
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>'
        f'@page {{ size: A4; margin: 3.7cm 2.6cm 3.5cm 2.8cm; }} body {{ font-family: "{FONT}"; '
        "font-size: 16pt; line-height: 1.6; }} h1 { text-align: center; font-size: 22pt; } "
        ".num { text-align: center; } p { text-indent: 2em; margin: 0; } "
        ".sign { text-align: right; margin-top: 2em; text-indent: 0; }"
        f"</style></head><body><h1>{html.escape(letter.title)}</h1>"
        f'<div class="num">{html.escape(letter.number_text)}</div>{body}'
        f'<p class="sign">{html.escape(letter.agency.name)}<br>{_cn_date(letter.issued_on)}</p>'
        "</body></html>"
    )


def render_pdf(letter: Letter) -> bytes:
    from weasyprint import HTML

    return HTML(string=letter_html(letter)).write_pdf()
