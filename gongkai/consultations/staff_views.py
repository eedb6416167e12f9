"""Staff pages of 咨询投诉: the list and the case page, scoped by agency (consultations_for_user).
The answer is written here and reviewed through the review engine's steps."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from gongkai.core.errors import NotFoundOrForbidden, UserError
from gongkai.core.permissions import can_write
from gongkai.core.responses import forbidden
from gongkai.reviews.views import StepPage, engine_status_label

from . import selectors, services
from .choices import ConsultationStatus
from .forms import AnswerForm
from .review import CONSULTATION, STEPS

EDITABLE = {ConsultationStatus.DRAFTING, ConsultationStatus.APPROVED}


def _case_or_404(user, pk: int):
    try:
        return selectors.consultation_for_user(user, pk)
    except NotFoundOrForbidden as exc:
        raise Http404(exc.message) from exc


@never_cache
@login_required
@require_GET
def case_list(request):
    status = request.GET.get("status", "")
    if status not in ConsultationStatus.values:
        status = ""
    rows, total = selectors.staff_consultations_for_user(request.user, status=status)
    return render(
        request,
        "consultations/staff/list.html",
        {"rows": rows, "total": total, "status": status, "statuses": ConsultationStatus.choices},
    )


def _render_case(request, c, *, bound=None, error_action="", error="", problems=(), status=200):
    steps = []
    for action in STEPS.values():
        if not action.offered(request.user, c):
            continue
        form = bound if bound is not None and action.key == error_action else None
        steps.append({"action": action, "form": form or action.form(prefix=action.key)})
    writable = can_write(request.user, c.agency)
    return render(
        request,
        "consultations/staff/case.html",
        {
            "c": c,
            "status_label": CONSULTATION.status_label(CONSULTATION.get_status(c)),
            "steps": steps,
            "error_action": error_action,
            "error": error,
            "problems": problems,
            "answer_form": (bound if error_action == "answer" else None)
            or AnswerForm(initial={"answer": c.answer}),
            "can_edit": writable and c.status in EDITABLE,
            "read_only": not writable,
            "history": selectors.review_history(c),
        },
        status=status,
    )


@never_cache
@login_required
@require_GET
def case(request, pk: int):
    return _render_case(request, _case_or_404(request.user, pk))


@never_cache
@login_required
@require_POST
def answer(request, pk: int):
    c = _case_or_404(request.user, pk)
    if not can_write(request.user, c.agency):
        return forbidden(request, "您的角色为只读，可查看，不能办理。")
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.consultation_answer_save(
                actor=request.user, consultation=c, answer=form.cleaned_data["answer"]
            )
        except UserError as exc:
            return _render_case(
                request, c, bound=form, error_action="answer", error=exc.message, status=400
            )
        messages.success(request, "已保存答复。")
        return redirect("consultations:staff_case", pk=pk)
    return _render_case(
        request,
        c,
        bound=form,
        error_action="answer",
        error="答复未保存：请填写答复内容。",
        status=400,
    )


# The step POSTs (提交, 初审, 终审, 答复) go to the review engine's one view (urls.py).
STEP_PAGE = StepPage(
    steps=STEPS,
    load=_case_or_404,
    render=lambda request, pk, **kw: _render_case(request, _case_or_404(request.user, pk), **kw),
    done_url=lambda c, action: reverse("consultations:staff_case", args=[c.pk]),
    status_label=engine_status_label(CONSULTATION),
)
