"""Staff pages for reviews and lawsuits (/appeals/staff/…): list, 登记, 审结. Scoped like the request
pages: a case outside the user's scope is 404; a read-only user gets 403 on every POST."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.applications.models import Application
from gongkai.core.errors import NotFoundOrForbidden, UserError
from gongkai.core.permissions import can_write, visible_agencies, writable_agencies
from gongkai.core.responses import forbidden

from . import selectors, services
from .forms import AppealRegisterForm, AppealResultForm
from .models import AppealKind, AppealResult


def _appeal_or_404(user, pk):
    try:
        return selectors.appeal_for_user(user, pk)
    except NotFoundOrForbidden:
        raise Http404("未找到该案件。") from None


@login_required
@require_GET
def appeal_list(request):
    qs = selectors.appeals_for_user(request.user).select_related("application")
    kind = request.GET.get("kind", "")
    result = request.GET.get("result", "")
    if kind in AppealKind.values:
        qs = qs.filter(kind=kind)
    if result in AppealResult.values:
        qs = qs.filter(result=result)
    return render(
        request,
        "appeals/staff/list.html",
        {
            "appeals": qs[:300],
            "kind": kind,
            "result": result,
            "kinds": AppealKind.choices,
            "results": AppealResult.choices,
            "can_register": writable_agencies(request.user).exists(),
            "many_agencies": visible_agencies(request.user).count() > 1,
            "nav": "appeals",
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def appeal_register(request):
    agencies = writable_agencies(request.user)
    if request.method == "POST" and not agencies.exists():
        return forbidden(request, "您的角色为只读，不能登记案件。")
    form = AppealRegisterForm(
        request.POST or None, agencies=agencies, initial={"filed_on": timezone.localdate()}
    )
    problems: list[str] = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            application = None
            number = data["application_number"].strip()
            if number:
                # Only the agency's own requests; anything else is reported by the service.
                application = Application.objects.filter(
                    agency=data["agency"], number=number
                ).first()
                if application is None:
                    form.add_error("application_number", f"本机关没有编号为“{number}”的申请")
            if not form.errors:
                try:
                    appeal = services.appeal_register(
                        actor=request.user,
                        agency=data["agency"],
                        number=data["number"],
                        kind=data["kind"],
                        filed_on=data["filed_on"],
                        application=application,
                        note=data["note"],
                    )
                except UserError as exc:
                    problems = form.add_problems(exc.problems) if exc.problems else [exc.message]
                else:
                    messages.success(request, f"已登记案件 {appeal.number}。")
                    return redirect("appeals:staff_detail", pk=appeal.pk)
        status = 400
    return render(
        request,
        "appeals/staff/register.html",
        {"form": form, "problems": problems, "read_only": not agencies.exists(), "nav": "appeals"},
        status=status,
    )


def _render_detail(request, appeal, form=None, problems=(), status=200):
    writable = can_write(request.user, appeal.agency)
    if form is None and writable:
        form = AppealResultForm(
            initial={
                "result": appeal.result if appeal.result != AppealResult.PENDING else None,
                "closed_on": appeal.closed_on or timezone.localdate(),
            }
        )
    return render(
        request,
        "appeals/staff/detail.html",
        {
            "appeal": appeal,
            "form": form if writable else None,
            "problems": problems,
            "nav": "appeals",
        },
        status=status,
    )


@login_required
@require_GET
def appeal_detail(request, pk: int):
    return _render_detail(request, _appeal_or_404(request.user, pk))


@never_cache
@login_required
@require_POST
def appeal_result(request, pk: int):
    appeal = _appeal_or_404(request.user, pk)
    if not can_write(request.user, appeal.agency):
        return forbidden(request, "您的角色为只读，不能记录审结结果。")
    form = AppealResultForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, appeal, form, status=400)
    try:
        services.appeal_record_result(
            actor=request.user,
            appeal=appeal,
            result=form.cleaned_data["result"],
            closed_on=form.cleaned_data["closed_on"],
            note=form.cleaned_data["note"],
        )
    except UserError as exc:
        rest = form.add_problems(exc.problems) if exc.problems else [exc.message]
        return _render_detail(request, appeal, form, problems=rest or [exc.message], status=400)
    messages.success(request, "已记录审结结果。")
    return redirect("appeals:staff_detail", pk=appeal.pk)
