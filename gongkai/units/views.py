"""/units/staff/: a unit's tasks and its 报送 form; an office's (or the county's) view of its units'
tasks, periods and submissions, with the form to set a task."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from gongkai.core.errors import UserError
from gongkai.core.permissions import SUBTREE_ROLES, visible_agencies, writable_agencies

from . import selectors, services
from .forms import SubmitForm, TaskForm


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def staff(request):
    user = request.user
    own = user.agency
    units = visible_agencies(user).filter(is_disclosure_body=False)
    if own is not None and own.is_disclosure_body and user.role not in SUBTREE_ROLES:
        units = units.model.objects.filter(parent=own, is_disclosure_body=False)
    is_unit = own is not None and not own.is_disclosure_body
    tasks = selectors.tasks_for_user(user).select_related("unit", "office").distinct()
    submit_form = task_form = None
    if is_unit and writable_agencies(user).filter(pk=own.pk).exists():
        submit_form = SubmitForm(
            request.POST if request.POST.get("form") == "submit" else None,
            tasks=tasks.filter(unit=own),
        )
    elif units.exists() and (user.is_superuser or user.role != "leader"):
        task_form = TaskForm(
            request.POST if request.POST.get("form") == "task" else None, units=units
        )
    status = 200
    if request.method == "POST":
        form = submit_form if request.POST.get("form") == "submit" else task_form
        if form is None:
            return render(request, "403.html", {"exception": "您不能在此报送或布置任务。"}, 403)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if form is submit_form:
                    services.unit_submit(actor=user, unit=own, **data)
                    messages.success(
                        request, f"已报送“{own.disclosure_office().name}”：{data['title']}"
                    )
                else:
                    services.reporting_task_create(actor=user, **data)
                    messages.success(request, f"已布置任务：{data['unit'].name} {data['title']}")
                return redirect("units:staff")
            except UserError as exc:
                form.add_error(None, exc.message)
        status = 400
    context = {
        "periods": selectors.task_periods(tasks),
        "submissions": selectors.submissions_for_user(user)[:200],
        "submit_form": submit_form,
        "task_form": task_form,
        "own": own,
    }
    return render(request, "units/staff.html", context, status=status)
