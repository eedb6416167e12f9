"""Staff screens for requests (/requests/staff/…): the list, 登记, the case file with one form per
allowed step, and 待我审核. Each POST parses one form and calls one service (see actions.py).

Reads go through the *_for_user selectors: a request outside the user's scope is 404, like a
missing one. A user who may read but not take a step gets 403 with a Chinese message; a step the
service refuses re-renders the page with its message and HTTP 400, and nothing is written.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.core.errors import NotFoundOrForbidden, UserError
from gongkai.core.permissions import can_write, visible_agencies, writable_agencies
from gongkai.core.responses import forbidden
from gongkai.core.steps import run_step

from . import selectors, services
from .actions import ACTIONS, offered_actions
from .choices import OPEN_STATUSES, Status
from .forms import StaffRegisterForm
from .receipts import secret_keep, secret_pop
from .views import staff_receipt

# ---------------------------------------------------------------------------------------------
# List and review queue

STATUS_FILTERS = [("open", "全部在办"), *Status.choices]


@login_required
@require_GET
def request_list(request):
    status = request.GET.get("status", "open")
    if status not in dict(STATUS_FILTERS):
        status = ""
    due = request.GET.get("due", "")
    if due not in selectors.DUE_FILTERS:
        due = ""
    rows, total = selectors.staff_rows_for_user(request.user, status=status, due=due)
    return render(
        request,
        "applications/staff/list.html",
        {
            "rows": rows,
            "total": total,
            "limit": selectors.LIST_LIMIT,
            "status": status,
            "due": due,
            "status_filters": STATUS_FILTERS,
            "due_filters": selectors.DUE_FILTERS.items(),
            "many_agencies": visible_agencies(request.user).count() > 1,
            "can_register": writable_agencies(request.user).exists(),
            "open_statuses": OPEN_STATUSES,
            "nav": "list",
        },
    )


@login_required
@require_GET
def review_list(request):
    return render(
        request,
        "applications/staff/reviews.html",
        {"rows": selectors.reviews_for_user(request.user), "nav": "reviews"},
    )


# ---------------------------------------------------------------------------------------------
# 登记


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def register(request):
    agencies = writable_agencies(request.user)
    if request.method == "POST" and not agencies.exists():
        return forbidden(request, "您的角色为只读，不能登记申请。")
    own = request.user.agency
    if own is not None and not own.is_disclosure_body:
        office = own.disclosure_office()
        return forbidden(
            request,
            f"“{own.name}”不以自己的名义公开政府信息，不受理公开申请；"
            f"申请由“{office.name}”登记办理。",
        )
    agencies = agencies.filter(is_disclosure_body=True)
    form = StaffRegisterForm(
        request.POST or None,
        agencies=agencies,
        initial={"received_on": timezone.localdate()},
    )
    problems: list[str] = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                app, secret = services.application_register(
                    actor=request.user,
                    agency=data["agency"],
                    applicant_type=data["applicant_type"],
                    applicant_name=data["applicant_name"],
                    id_number=data["id_number"],
                    contact=data["contact"],
                    address=data["address"],
                    content=data["content"],
                    form_requested=data["form_requested"],
                    channel=data["channel"],
                    received_on=data["received_on"],
                    number=data["number"],
                )
            except UserError as exc:
                problems = form.add_problems(exc.problems) if exc.problems else [exc.message]
            else:
                # Post/Redirect/Get: a refresh of the receipt never registers a second request.
                # The secret waits in the session for the receipt, which shows it once.
                secret_keep(request, pk=app.pk, secret=secret)
                return redirect("applications:staff_receipt", pk=app.pk)
        status = 400
    return render(
        request,
        "applications/staff/register.html",
        {
            "form": form,
            "problems": problems,
            "read_only": not agencies.exists(),
            "nav": "register",
        },
        status=status,
    )


@never_cache
@login_required
@require_GET
def receipt(request, pk: int):
    """The 受理回执 after 登记: the lookup secret the first time, then without it."""
    try:
        app = selectors.application_for_user(request.user, pk)
    except NotFoundOrForbidden:
        raise Http404(selectors.NOT_FOUND) from None
    once = secret_pop(request, pk=app.pk)
    return render(
        request,
        "applications/staff/receipt.html",
        {**staff_receipt(app, once["secret"]), **once, "nav": "register"},
    )


# ---------------------------------------------------------------------------------------------
# Case file and steps


def _case_or_404(user, pk):
    try:
        return selectors.case_file_for_user(user, pk)
    except NotFoundOrForbidden:
        raise Http404(selectors.NOT_FOUND) from None


def _render_detail(
    request, case, *, bound=None, error_action="", error="", problems=(), status=200
):
    today = timezone.localdate()
    done = {e.kind for e in case.events}
    steps = []
    for action in offered_actions(request.user, case.app, done):
        if bound is not None and action.key == error_action:
            form = bound
        else:
            initial = {"date": today}
            form = action.form(initial=initial, prefix=action.key)
        steps.append({"action": action, "form": form})
    delivery_forms = {}
    if can_write(request.user, case.app.agency):
        letter_action = ACTIONS["letter_delivery"]
        bound_letter = None
        if bound is not None and error_action == letter_action.key:
            bound_letter = str(bound["letter"].value())
        for letter in case.letters:
            if letter.delivered_on is None and letter.voided_on is None:
                if str(letter.pk) == bound_letter:
                    form = bound
                else:
                    form = letter_action.form(
                        initial={"letter": letter.pk, "date": today},
                        prefix=letter_action.key,
                        auto_id=f"id_letter{letter.pk}_%s",
                    )
                delivery_forms[letter.pk] = form
    void_forms = {}
    if can_write(request.user, case.app.agency):
        void_action = ACTIONS["letter_void"]
        for letter in case.letters:
            if letter.voided_on is None:
                void_forms[letter.pk] = void_action.form(
                    initial={"letter": letter.pk, "date": today, "reissue": True},
                    prefix=void_action.key,
                    auto_id=f"id_void{letter.pk}_%s",
                )
    letters = [
        {"letter": ltr, "form": delivery_forms.get(ltr.pk), "void_form": void_forms.get(ltr.pk)}
        for ltr in case.letters
    ]
    return render(
        request,
        "applications/staff/detail.html",
        {
            "case": case,
            "app": case.app,
            "steps": steps,
            "letters": letters,
            "error_action": error_action,
            "error": error,
            "problems": problems,
            "today": today,
            "read_only": not can_write(request.user, case.app.agency),
            "review_history": list(case.app.reviews.order_by("at", "id")),
            "nav": "list",
        },
        status=status,
    )


@login_required
@require_GET
def detail(request, pk: int):
    return _render_detail(request, _case_or_404(request.user, pk))


@never_cache
@login_required
@require_POST
def step(request, pk: int, action: str):
    case = _case_or_404(request.user, pk)
    step_action = ACTIONS.get(action)
    if step_action is None:
        raise Http404("没有这个办理步骤。")
    app = case.app
    if not step_action.permitted(request.user, app):
        return forbidden(request, step_action.forbidden_message(request.user, app))
    auto_id = "id_%s"
    if action == "letter_delivery":
        auto_id = f"id_letter{request.POST.get('letter_delivery-letter', '')}_%s"
    if action == "letter_void":
        auto_id = f"id_void{request.POST.get('letter_void-letter', '')}_%s"
    return run_step(
        request,
        label=step_action.label,
        current_status=None if app.status in step_action.statuses else app.get_status_display(),
        form=step_action.form(request.POST, prefix=action, auto_id=auto_id),
        run=lambda data: step_action.run(request.user, app, data),
        rerender=lambda **kw: _render_detail(
            request, _case_or_404(request.user, pk), error_action=action, status=400, **kw
        ),
        done_url=reverse("applications:staff_detail", args=[pk]) + "#clock",
    )
