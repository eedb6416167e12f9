"""THE step POST for every reviewed item: permission (403), status (400), form, one service."""

from __future__ import annotations

from gongkai.core.responses import forbidden
from gongkai.core.steps import run_step


def step_post(request, *, step, subject, rerender, done_url, done_message=None):
    """`step` is a BoundStep (steps.bound_steps); `rerender(**kw)` renders the item's page again
    with status 400."""
    if not step.permitted(request.user, subject):
        return forbidden(request, step.forbidden_message(request.user, subject))
    subject_type = step.subject_type
    return run_step(
        request,
        label=step.label,
        current_status=(
            None
            if step.is_open(subject)
            else subject_type.status_label(subject_type.get_status(subject))
        ),
        form=step.form(request.POST, prefix=step.key),
        run=lambda data: step.run(request.user, subject, data),
        rerender=rerender,
        done_url=done_url,
        done_message=done_message,
    )
