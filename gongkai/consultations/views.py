"""Public pages of 咨询投诉: the form and its receipt, the lookup, and an agency's public Q&A."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.applications.forms import LookupForm  # the same 查询码 and 查询密码 as a request
from gongkai.applications.receipts import (
    CONSULTATION,
    receipt_mark,
    receipt_object,
    secret_pop,
    see_other,
)
from gongkai.core.errors import NotFoundOrForbidden, UserError
from gongkai.core.models import Agency
from gongkai.core.ratelimit import rate_limited

from . import selectors, services
from .choices import ASKER_STATUS_TEXT
from .forms import ConsultationForm
from .models import Consultation


def error_summary(form, problems=()) -> list[tuple[str, str]]:
    """(anchor, text) for the error summary: one link per field error, then the rest."""
    items = []
    for name, errors in form.errors.items():
        if name == "__all__":
            items += [("", e) for e in errors]
            continue
        field = form[name]
        anchor = field.id_for_label or f"id_{name}_0"
        items += [(f"#{anchor}", f"{field.label}：{e}") for e in errors]
    return items + [("", p) for p in problems]


@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited("consult")
def ask(request):
    form = ConsultationForm(request.POST or None)
    problems: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                consultation, secret = services.consultation_submit_online(
                    agency=data["agency"],
                    kind=data["kind"],
                    question=data["question"],
                    name=data["name"],
                    contact=data["contact"],
                    consent_publish=data["consent_publish"],
                )
            except UserError as exc:
                problems = form.add_problems(exc.problems) if exc.problems else [exc.message]
            else:
                # Post/Redirect/Get (applications/receipts.py): a refresh files nothing twice.
                token = receipt_mark(request, kind=CONSULTATION, pk=consultation.pk, secret=secret)
                return see_other("consultations:receipt", token=token)
    return render(
        request,
        "consultations/ask.html",
        {"form": form, "summary": error_summary(form, problems)},
        status=status,
    )


@never_cache
@require_GET
def receipt(request, token: str):
    """The 回执 of a 咨询投诉, for the session that submitted it only (anyone else: 404): the secret
    the first time, then the same receipt without it."""
    queryset = Consultation.objects.select_related("agency")
    c = receipt_object(request, kind=CONSULTATION, token=token, queryset=queryset)
    once = secret_pop(request, pk=c.pk, kind=CONSULTATION)
    return render(request, "consultations/receipt.html", {"c": c, **once})


@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited("lookup")
def lookup(request):
    if request.method != "POST":
        return render(request, "consultations/lookup.html", {"form": LookupForm()})
    form = LookupForm(request.POST)
    context = {"form": form}
    status = 400
    if form.is_valid():
        try:
            c = selectors.consultation_lookup(**form.cleaned_data)
        except NotFoundOrForbidden as exc:
            context["summary"] = [("#id_query_code", exc.message)]
        else:
            context.update(c=c, status_text=ASKER_STATUS_TEXT.get(c.status, ""))
            status = 200
    else:
        context["summary"] = error_summary(form)
    return render(request, "consultations/lookup.html", context, status=status)


@require_GET
def answers(request, agency_id: int):
    agency = get_object_or_404(Agency, pk=agency_id)
    return render(
        request,
        "consultations/answers.html",
        {"agency": agency, "rows": selectors.public_answers(agency.pk)},
    )
