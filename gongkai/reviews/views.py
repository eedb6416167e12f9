"""THE step POST of every staff page that offers steps: publications, 咨询投诉 answers, annual reports
and requests (their 初审/终审 and their other steps). One view; each page plugs in with a StepPage.

The order is the same everywhere: the item, scoped to the user's agencies (404 for a missing or
another agency's item), the step (404 for an unknown one), the role (403), the status (400), the
form (400), the one service (its UserError: 400, nothing written; it writes the audit event), then
a redirect to the item's page with the done message.

The URL passes the page in its extra kwargs, keeping each app's URL name and path:
    path("staff/<int:pk>/<slug:action>/", views.step, {"page": STEP_PAGE}, name="staff_step")
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gongkai.core.responses import forbidden
from gongkai.core.steps import run_step

from .registry import SubjectType


def _no_form_kwargs(post, action: str) -> dict:
    return {}


@dataclass(frozen=True)
class StepPage:
    """How one kind of item's staff page plugs into `step`.

    A step (reviews.steps.BoundStep, or an app's own step with the same attributes) has `label`,
    `form`, `statuses` (in the subject's own status codes), `permitted(user, subject)`,
    `forbidden_message(user, subject)` and `run(actor, subject, cleaned_data)`.
    """

    steps: Mapping[str, object]  # the page's step key (the URL's `action`) -> step
    load: Callable[..., object]  # (user, **url kwargs) -> the subject; Http404 if not the user's
    render: Callable[..., object]  # (request, *, error_action, status, bound=, error=, problems=,
    #                                 **url kwargs) -> the item's page again, with the error
    done_url: Callable[[object, str], str]  # (subject, action) -> the page to go back to
    status_label: Callable[[object], str]  # (subject) -> its status as the page names it
    done_message: Callable[[object, str], str] | None = None  # default: 已办理：<label>。
    form_kwargs: Callable[[object, str], dict] = _no_form_kwargs  # (request.POST, action)


def engine_status_label(subject_type: SubjectType) -> Callable[[object], str]:
    """The status label of a subject in the review engine's terms (its adapter's overrides)."""
    return lambda subject: subject_type.status_label(subject_type.get_status(subject))


@never_cache
@login_required
@require_POST
def step(request, *, page: StepPage, action: str, **url_kwargs):
    subject = page.load(request.user, **url_kwargs)
    the_step = page.steps.get(action)
    if the_step is None:
        raise Http404("没有这个办理步骤。")
    if not the_step.permitted(request.user, subject):
        return forbidden(request, the_step.forbidden_message(request.user, subject))
    done_message = page.done_message
    return run_step(
        request,
        label=the_step.label,
        current_status=(
            None if subject.status in the_step.statuses else page.status_label(subject)
        ),
        form=the_step.form(request.POST, prefix=action, **page.form_kwargs(request.POST, action)),
        run=lambda data: the_step.run(request.user, subject, data),
        rerender=lambda **kw: page.render(
            request, error_action=action, status=400, **url_kwargs, **kw
        ),
        done_url=page.done_url(subject, action),
        done_message=(lambda: done_message(subject, action)) if done_message else None,
    )
