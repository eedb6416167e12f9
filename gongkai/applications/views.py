"""Public portal pages (online application, status lookup) and staff deadline pages. Views parse
input and call one service or selector; they never count or compute deadlines themselves."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from gongkai.core.client_address import client_address
from gongkai.core.errors import NotFoundOrForbidden, UserError
from gongkai.core.models import Agency
from gongkai.core.ratelimit import rate_limited

from . import letters, selectors, services
from .forms import LookupForm, OnlineApplicationForm
from .models import Letter


@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited("apply")
def apply(request):
    form = OnlineApplicationForm(request.POST or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
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
                client_address=client_address(request),
            )
        except UserError as exc:
            problems = exc.problems or [exc.message]
        else:
            return render(
                request,
                "applications/apply_done.html",
                {"app": app, "secret": secret},
            )
    return render(request, "applications/apply.html", {"form": form, "problems": problems})


@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited("lookup")
def lookup(request):
    form = LookupForm(request.POST or None)
    app = None
    not_found = False
    if request.method == "POST" and form.is_valid():
        try:
            app = selectors.application_lookup(
                query_code=form.cleaned_data["query_code"], secret=form.cleaned_data["secret"]
            )
        except NotFoundOrForbidden:
            not_found = True
    return render(
        request,
        "applications/lookup.html",
        {"form": form, "app": app, "not_found": not_found, "events": _public_events(app)},
    )


def _public_events(app):
    if app is None:
        return []
    public = {
        "registered",
        "correction_requested",
        "correction_received",
        "extension",
        "fee_notice",
        "fee_paid",
        "delivered",
        "concluded",
        "withdrawn",
        "abandoned",
    }
    return [e for e in app.events.all() if e.kind in public]


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
