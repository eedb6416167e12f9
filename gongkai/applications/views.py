"""Public portal pages (online application, status lookup) and staff deadline pages. Views parse
input and call one service or selector; they never count or compute deadlines themselves."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.calendars.workdays import CalendarMissing
from gongkai.core.client_address import client_address
from gongkai.core.errors import NotFoundOrForbidden, UserError
from gongkai.core.models import Agency
from gongkai.core.ratelimit import rate_limited

from . import letters, selectors, services
from .choices import APPLICANT_STATUS_TEXT, OPEN_STATUSES, RECEIPT_RULE
from .forms import (
    HolderForm,
    LetterForm,
    LookupForm,
    OnlineApplicationForm,
    OnlineCorrectionForm,
    OnlineWithdrawForm,
)
from .lookup_secrets import grouped
from .models import Application, Letter
from .receipts import (
    APPLICATION,
    CORRECTION,
    WITHDRAWAL,
    receipt_mark,
    receipt_object,
    secret_pop,
    see_other,
)


@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited("apply")
def apply(request):
    form = OnlineApplicationForm(request.POST or None)
    problems: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                app, secret = services.application_file_online(
                    agency=data["agency"],
                    applicant_type=data["applicant_type"],
                    applicant_name=data["applicant_name"],
                    id_number=data["id_number"],
                    contact=data["contact"],
                    address=data["address"],
                    content=data["content"],
                    form_requested=data["form_requested"],
                    privacy_acknowledged=data["privacy_acknowledged"],
                    client_address=client_address(request),
                )
            except UserError as exc:
                problems = form.add_problems(exc.problems) if exc.problems else [exc.message]
            else:
                # Post/Redirect/Get: a refresh or Back on the receipt never files a second request.
                token = receipt_mark(request, kind=APPLICATION, pk=app.pk, secret=secret)
                return see_other("applications:apply_receipt", token=token)
    return render(
        request,
        "applications/apply.html",
        {"form": form, "problems": problems, "summary": _error_summary(form, problems)},
        status=status,
    )


@never_cache
@require_GET
def apply_receipt(request, token: str):
    """The 回执 after an online application, for the session that filed it only (anyone else: 404):
    the secret the first time, then the same receipt without it."""
    app = _marked(request, APPLICATION, token)
    once = secret_pop(request, pk=app.pk)
    return render(
        request, "applications/apply_done.html", {**_receipt(app, once["secret"]), **once}
    )


def _marked(request, kind: str, token: str) -> Application:
    """The request this session marked under `token`; 404 for every other visitor, like a missing one."""
    queryset = Application.objects.select_related("agency")
    return receipt_object(request, kind=kind, token=token, queryset=queryset)


def _receipt(app, secret: str) -> dict:
    """The 回执: the receipt date's rule (Art. 31), the due date the clock gives, the query code and
    the secret grouped for reading (shown this once; "" once it has been shown)."""
    receipt = {"app": app, "secret": secret, "secret_grouped": grouped(secret) if secret else ""}
    try:
        receipt["clock"] = selectors.clock_for(app)
    except CalendarMissing as exc:
        receipt["clock_error"] = exc.message
    receipt["receipt_rule"] = RECEIPT_RULE.get(app.channel, "")
    return receipt


def _error_summary(form, problems: list[str]) -> list[tuple[str, str]]:
    """(anchor, text) for the error summary at the top: one link per field error, then the rest."""
    items = []
    for name, errors in form.errors.items():
        if name == "__all__":
            items += [("", e) for e in errors]
            continue
        field = form[name]
        items += [(f"#{field.id_for_label}", f"{field.label}：{e}") for e in errors]
    return items + [("", p) for p in problems]


# ---------------------------------------------------------------------------------------------
# Lookup: every POST carries the query code and the secret; a missing code and a wrong secret get
# the same answer. Rate limited per client address like the application form.


def _holder(form) -> Application | None:
    if not form.is_valid():
        return None
    try:
        return selectors.application_lookup(
            query_code=form.cleaned_data["query_code"], secret=form.cleaned_data["secret"]
        )
    except NotFoundOrForbidden:
        return None


def _lookup_page(request, *, app=None, form=None, status=200, readonly=False, **extra):
    """The lookup form, or the request found. `readonly`: the page after a 补正 or withdrawal
    (Post/Redirect/Get), which holds no secret and so offers no further step."""
    context = {"form": form or LookupForm(), "not_found": False, "readonly": readonly, **extra}
    if app is None and form is not None and form.is_bound:
        context["form_summary"] = _error_summary(form, [])
    if app is not None:
        view = selectors.applicant_view(app)
        holder = {
            "query_code": app.query_code,
            "secret": (form.cleaned_data["secret"] if form is not None and form.is_bound else ""),
        }
        context.update(
            view=view,
            app=app,
            status_text=APPLICANT_STATUS_TEXT.get(app.status, ""),
            correction_form=extra.get("correction_form") or OnlineCorrectionForm(initial=holder),
            withdraw_form=OnlineWithdrawForm(initial={**holder, "confirm": ""}),
            letter_form=LetterForm(
                initial={**holder, "letter": view.reply_letter.pk if view.reply_letter else ""}
            ),
            can_withdraw=app.status in OPEN_STATUSES and not readonly,
        )
    return render(request, "applications/lookup.html", context, status=status)


def _not_found(request, form):
    return _lookup_page(request, form=LookupForm(form.data), not_found=True)


@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited("lookup")
def lookup(request):
    if request.method != "POST":
        return _lookup_page(request)
    form = LookupForm(request.POST)
    if not form.is_valid():
        return _lookup_page(request, form=form, status=400)
    app = _holder(form)
    if app is None:
        return _not_found(request, form)
    return _lookup_page(request, app=app, form=form)


@never_cache
@require_POST
@rate_limited("lookup")
def lookup_correct(request):
    holder_form = HolderForm(request.POST)
    app = _holder(holder_form)
    if app is None:
        return _not_found(request, holder_form)
    form = OnlineCorrectionForm(request.POST)
    if form.is_valid():
        try:
            app = services.application_correct_online(
                application=app,
                text=form.cleaned_data["text"],
                client_address=client_address(request),
            )
        except UserError as exc:
            if app.status != "awaiting_correction":
                return _lookup_page(
                    request, app=app, form=holder_form, refused=exc.message, status=400
                )
            form.add_error("text", exc.message.partition("：")[2] or exc.message)
        else:
            token = receipt_mark(request, kind=CORRECTION, pk=app.pk)
            return see_other("applications:lookup_corrected", token=token)
    return _lookup_page(request, app=app, form=holder_form, correction_form=form, status=400)


@never_cache
@require_POST
@rate_limited("lookup")
def lookup_withdraw(request):
    form = OnlineWithdrawForm(request.POST)
    app = _holder(form)
    if app is None:
        return _not_found(request, form)
    if form.cleaned_data["confirm"] != "yes":
        return render(
            request,
            "applications/lookup_withdraw.html",
            {
                "app": app,
                "form": OnlineWithdrawForm(initial={**form.cleaned_data, "confirm": "yes"}),
            },
        )
    try:
        app = services.application_withdraw_online(
            application=app, client_address=client_address(request)
        )
    except UserError as exc:
        return _lookup_page(request, app=app, form=form, refused=exc.message, status=400)
    token = receipt_mark(request, kind=WITHDRAWAL, pk=app.pk)
    return see_other("applications:lookup_withdrawn", token=token)


DONE = {
    CORRECTION: "已收到您的补正，答复期限自今日起重新计算。",
    WITHDRAWAL: "您已撤回本申请，本机关不再处理。",
}


@never_cache
@require_GET
def lookup_done(request, token: str, kind: str):
    """After a 补正 or a withdrawal (Post/Redirect/Get): what was done and the request's state now,
    for the session that did it only (anyone else: 404). A refresh changes nothing."""
    app = _marked(request, kind, token)
    return _lookup_page(request, app=app, readonly=True, done=DONE[kind])


@never_cache
@require_POST
@rate_limited("lookup")
def lookup_letter(request):
    """The reply letter as a PDF, for the holder of the query code and secret only."""
    form = LetterForm(request.POST)
    app = _holder(form)
    if app is None:
        return _not_found(request, form)
    letter = selectors.reply_letter_for_holder(app)
    if letter is None or letter.pk != form.cleaned_data["letter"]:
        return _lookup_page(
            request, app=app, form=form, refused="没有可以下载的答复书。", status=404
        )
    response = HttpResponse(letters.render_pdf(letter), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="reply-{app.query_code}.pdf"'
    return response


def staff_receipt(app, secret: str) -> dict:
    """The 受理回执 for a request registered by staff (mail, in person): same content as online;
    `secret` is "" when it was shown before (receipts.secret_pop)."""
    return _receipt(app, secret)


@login_required
def staff_office(request):
    lists = selectors.office_deadlines_for_user(request.user)
    return render(
        request,
        "applications/staff_deadlines.html",
        {"lists": lists, "title": "本机关依申请公开期限提醒", "agencies": _agency_names(lists)},
    )


@login_required
def staff_county(request):
    lists = selectors.county_deadlines_for_user(request.user)
    rows = lists["all"]
    by_agency: dict[int, dict] = {}
    for row in rows:
        entry = by_agency.setdefault(
            row.agency_id, {"open": 0, "overdue": 0, "due_soon": 0, "correction_late": 0}
        )
        entry["open"] += 1
    for key in ("overdue", "due_soon", "correction_late"):
        for row in lists[key]:
            by_agency[row.agency_id][key] += 1
    names = _agency_names(lists)
    summary = sorted(
        ({"agency": names.get(k, k), **v} for k, v in by_agency.items()),
        key=lambda e: (-e["overdue"], -e["due_soon"]),
    )
    return render(
        request,
        "applications/staff_deadlines.html",
        {"lists": lists, "title": "全县依申请公开期限总览", "summary": summary, "agencies": names},
    )


def _agency_names(lists) -> dict[int, str]:
    ids = {r.agency_id for r in lists["all"]}
    return dict(Agency.objects.filter(pk__in=ids).values_list("pk", "name"))


@login_required
def letter_download(request, pk: int, fmt: str):
    if fmt not in ("docx", "pdf"):
        raise Http404
    letter = Letter.objects.select_related("agency", "application").filter(pk=pk).first()
    if letter is None:
        raise Http404
    try:
        selectors.application_for_user(request.user, letter.application_id)
    except NotFoundOrForbidden:
        raise Http404 from None
    if fmt == "docx":
        data = letters.render_docx(letter)
        ctype = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        data = letters.render_pdf(letter)
        ctype = "application/pdf"
    response = HttpResponse(data, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="letter-{letter.pk}.{fmt}"'
    return response
