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
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.core.errors import NotFoundOrForbidden, UserError
from gongkai.core.permissions import can_write, visible_agencies, writable_agencies
from gongkai.core.responses import forbidden
from gongkai.reviews.views import StepPage

from . import letters, selectors, services
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
            if problems and hasattr(form, "add_problems"):  # next to their fields
                problems = form.add_problems(list(problems))
        else:
            initial = {"date": today}
            if action.key == "draft_reply":  # the draft as it stands (returned or approved)
                initial.update(reply_draft_initial(case.app))
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
            "draft": reply_draft_view(case.app),
            "nav": "list",
        },
        status=status,
    )


def reply_draft_initial(app) -> dict:
    if not app.proposed_outcome:
        return {}
    return {
        "outcome": app.proposed_outcome,
        "reply_letter": app.reply_letter,
        "note": app.reply_note,
        "responsible_agency": app.responsible_agency,
        "responsible_contact": app.responsible_contact,
    }


def reply_draft_view(app) -> dict | None:
    """The reply draft as 初审 and 终审 approve it: its fields and the 答复书 text it makes."""
    if not app.proposed_outcome:
        return None
    kind = letters.reply_kind_for(app)
    try:
        title, text = letters.reply_preview(app)
    except UserError as exc:
        title, text = "", ""
        problem = "；".join([exc.message, *exc.problems]) if exc.problems else exc.message
    else:
        problem = ""
    return {
        "kind_label": letters.KIND_LABELS[kind],
        "basis": letters.KINDS[kind].basis or letters.OUTCOME_RULES[app.proposed_outcome].basis,
        "title": title,
        "paragraphs": [p for p in text.split("\n") if p.strip()],
        "problem": problem,
    }


@login_required
@require_GET
def detail(request, pk: int):
    return _render_detail(request, _case_or_404(request.user, pk))


def _app_or_404(user, pk):
    try:
        return selectors.application_for_user(user, pk)
    except NotFoundOrForbidden:
        raise Http404(selectors.NOT_FOUND) from None


def _step_form_kwargs(post, action: str) -> dict:
    """The per-letter forms (one a row of the letters table) carry the letter's id in their ids."""
    if action == "letter_delivery":
        return {"auto_id": f"id_letter{post.get('letter_delivery-letter', '')}_%s"}
    if action == "letter_void":
        return {"auto_id": f"id_void{post.get('letter_void-letter', '')}_%s"}
    return {}


# Every step POST (actions.ACTIONS, 初审 and 终审 included) goes to the review engine's one view.
STEP_PAGE = StepPage(
    steps=ACTIONS,
    load=_app_or_404,
    render=lambda request, pk, **kw: _render_detail(request, _case_or_404(request.user, pk), **kw),
    done_url=lambda app, action: reverse("applications:staff_detail", args=[app.pk]) + "#clock",
    status_label=lambda app: app.get_status_display(),
    form_kwargs=_step_form_kwargs,
)
