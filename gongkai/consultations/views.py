"""Public pages of 咨询投诉: the form and its receipt, the lookup, and an agency's public Q&A."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.applications.lookup_secrets import grouped
from gongkai.core.errors import NotFoundOrForbidden, UserError
from gongkai.core.models import Agency
from gongkai.core.ratelimit import rate_limited

from . import selectors, services
from .choices import ASKER_STATUS_TEXT
from .forms import ConsultationForm, LookupForm


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
                return render(
                    request,
                    "consultations/receipt.html",
                    {"c": consultation, "secret_grouped": grouped(secret)},
                )
    return render(
        request,
        "consultations/ask.html",
        {"form": form, "summary": error_summary(form, problems)},
        status=status,
    )


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
