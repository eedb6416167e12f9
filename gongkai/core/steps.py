"""What every staff "step" POST does once the object and the step are known and permitted.

The rule is the same on every staff page: a step at the wrong status, an invalid form or a service's
refusal re-renders the page with the Chinese message and HTTP 400, and nothing is written; success
calls exactly one service and redirects.
"""

from collections.abc import Callable

from django.contrib import messages
from django.shortcuts import redirect

from .errors import UserError


def run_step(
    request,
    *,
    label: str,
    current_status: str | None,
    form,
    run: Callable[[dict], object],
    rerender: Callable[..., object],
    done_url: str,
    done_message: Callable[[], str] | None = None,
):
    """`current_status` is the status label when the step is not open from it, else None.
    `rerender(bound=…, error=…, problems=…)` renders the page again with status 400."""
    if current_status is not None:
        return rerender(error=f"当前状态为“{current_status}”，不能办理“{label}”。")
    if not form.is_valid():
        return rerender(bound=form, error=f"“{label}”未办理：请检查标出的项目。")
    try:
        run(form.cleaned_data)
    except UserError as exc:
        return rerender(bound=form, error=exc.message, problems=exc.problems)
    messages.success(request, done_message() if done_message else f"已办理：{label}。")
    return redirect(done_url)
