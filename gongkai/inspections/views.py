"""Staff pages: 自查问题 (list with filters, run, link-check results), one finding with its actions,
the county's checklist, and the demand page (需求) of an office.

Reads go through the selectors (out of scope = 404); a refused action shows its Chinese reason
with 403 (not allowed) or 400 (the service refused), and nothing is written.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.core.errors import NotFoundOrForbidden, UserError
from gongkai.core.models import User
from gongkai.core.permissions import visible_agencies

from . import permissions, selectors, services
from .choices import FindingStatus
from .demand import SOURCE_LABELS, demand_for_agency
from .transitions import ACTION_LABELS


def _runnable(user):
    return [a for a in visible_agencies(user).order_by("path") if permissions.can_run(user, a)]


@login_required
@require_GET
def finding_list(request):
    show = request.GET.get("show", "open")
    if show not in selectors.FILTERS:
        show = "open"
    today = timezone.localdate()
    rows = list(selectors.findings_for_user(request.user, show=show, today=today)[:500])
    run = selectors.latest_linkcheck()
    return render(
        request,
        "inspections/findings.html",
        {
            "rows": [(f, selectors.is_overdue(f, today)) for f in rows],
            "show": show,
            "filters": selectors.FILTERS,
            "runnable": _runnable(request.user),
            "linkcheck": run,
            "broken_links": selectors.broken_links_for_user(request.user, run)[:200],
        },
    )


def _agency_or_404(user, agency_id):
    agency = visible_agencies(user).filter(pk=agency_id).first() if agency_id else None
    if agency is None:
        raise Http404("没有找到该机关，或您无权查看。")
    return agency


@login_required
@require_POST
def run(request):
    try:
        agency_id = int(request.POST.get("agency", ""))
    except ValueError:
        agency_id = None
    agency = _agency_or_404(request.user, agency_id)
    if not permissions.can_run(request.user, agency):
        from gongkai.core.responses import forbidden

        return forbidden(request, f"您没有权限对“{agency.name}”开展自查。")
    try:
        result = services.inspection_run(actor=request.user, agency=agency)
    except UserError as exc:
        messages.error(request, exc.message)
        return redirect("inspections:findings")
    messages.success(request, f"已完成“{agency.name}”自查，新发现问题 {result.new_findings} 个。")
    return redirect("inspections:findings")


def _finding_or_404(user, pk):
    try:
        return selectors.finding_for_user(user, pk)
    except NotFoundOrForbidden:
        raise Http404(selectors.NOT_FOUND) from None


def _detail(request, finding, error="", status=200):
    agency = finding.agency
    user = request.user
    actions = []
    if finding.status == FindingStatus.OPEN and permissions.can_rectify(user, agency):
        actions.append("rectify")
    if finding.status == FindingStatus.RECTIFIED and permissions.can_accept(user, agency):
        actions += ["close", "reopen"]
    can_assign = finding.status != FindingStatus.CLOSED and permissions.can_accept(user, agency)
    return render(
        request,
        "inspections/finding.html",
        {
            "finding": finding,
            "overdue": selectors.is_overdue(finding),
            "actions": [(a, ACTION_LABELS[a]) for a in actions],
            "people": User.objects.filter(agency=agency, is_active=True) if can_assign else [],
            "error": error,
        },
        status=status,
    )


@login_required
@require_GET
def finding_detail(request, pk):
    return _detail(request, _finding_or_404(request.user, pk))


@login_required
@require_POST
def finding_step(request, pk, action):
    finding = _finding_or_404(request.user, pk)
    data = request.POST
    try:
        if action == "rectify":
            services.finding_rectify(
                actor=request.user,
                finding=finding,
                evidence=data.get("evidence", ""),
                evidence_link=data.get("evidence_link", ""),
            )
        elif action == "close":
            services.finding_close(actor=request.user, finding=finding)
        elif action == "reopen":
            services.finding_reopen(
                actor=request.user, finding=finding, reason=data.get("reason", "")
            )
        elif action == "assign":
            person = User.objects.filter(pk=data.get("assignee") or 0).first()
            if person is None:
                raise UserError("请选择整改责任人。")
            services.finding_assign(actor=request.user, finding=finding, assignee=person)
        else:
            raise Http404("没有这个操作。")
    except UserError as exc:
        status = 403 if exc.message.startswith("您没有权限") else 400
        return _detail(request, finding, error=exc.message, status=status)
    messages.success(request, "已保存。")
    return redirect("inspections:finding", pk=finding.pk)


@login_required
@require_http_methods(["GET", "POST"])
def checklist(request):
    agency = request.user.agency
    if agency is None:
        raise Http404("您的账号没有所属机关，无法查看自查清单。")
    county = agency.county()
    can_edit = permissions.can_edit_checklist(request.user, county)
    error, status = "", 200
    if request.method == "POST":
        if not can_edit:
            from gongkai.core.responses import forbidden

            return forbidden(request, f"只有县公开办可以修改“{county.name}”的自查清单。")
        checklist_obj = services.checklist_ensure(actor=request.user, county=county)
        try:
            for item in checklist_obj.items.all():
                services.checklist_item_update(
                    actor=request.user,
                    item=item,
                    enabled=request.POST.get(f"enabled-{item.kind}") == "on",
                    rectify_days=int(request.POST.get(f"days-{item.kind}") or 0),
                    areas=request.POST.get(f"areas-{item.kind}", ""),
                    note=request.POST.get(f"note-{item.kind}", ""),
                )
        except (UserError, ValueError) as exc:
            error = getattr(exc, "message", "整改期限应填写整数（工作日）。")
            status = 400
        else:
            messages.success(request, "自查清单已保存。")
            return redirect("inspections:checklist")
    from .models import Checklist

    checklist_obj = Checklist.objects.filter(county=county).first()
    if checklist_obj is None and can_edit:
        checklist_obj = services.checklist_ensure(actor=request.user, county=county)
    from .catalogue_areas import SOURCE, default_areas_text

    return render(
        request,
        "inspections/checklist.html",
        {
            "county": county,
            "items": checklist_obj.items.all() if checklist_obj else [],
            "can_edit": can_edit,
            "default_areas": default_areas_text(),
            "source": SOURCE,
            "error": error,
        },
        status=status,
    )


@login_required
@require_GET
def demand(request):
    agencies = list(visible_agencies(request.user).order_by("path"))
    if not agencies:
        raise Http404("您的账号没有所属机关。")
    chosen = request.GET.get("agency") or request.user.agency_id or agencies[0].pk
    agency = _agency_or_404(request.user, chosen)
    end = timezone.localdate()
    start = end - datetime.timedelta(days=365)
    return render(
        request,
        "inspections/demand.html",
        {
            "agency": agency,
            "agencies": agencies,
            "start": start,
            "end": end,
            "sources": [
                (SOURCE_LABELS[k], k, v) for k, v in demand_for_agency(agency, start, end).items()
            ],
            "can_draft": permissions.can_rectify(request.user, agency),
        },
    )


@login_required
@require_POST
def demand_draft(request):
    agency = _agency_or_404(request.user, request.POST.get("agency"))
    try:
        publication = services.demand_draft_create(
            actor=request.user,
            agency=agency,
            topic=request.POST.get("topic", ""),
            kind=request.POST.get("kind", ""),
            source=request.POST.get("source", ""),
        )
    except UserError as exc:
        messages.error(request, exc.message)
        return redirect(f"{reverse('inspections:demand')}?agency={agency.pk}")
    messages.success(request, f"已拟稿《{publication.title}》，请补充正文后送审。")
    return redirect("publications:staff_edit", pk=publication.pk)
