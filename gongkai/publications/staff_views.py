"""Staff screens for proactive disclosure (/publications/staff/…): the office's list with the
20-working-day timeliness, the draft form, the item page with one form per allowed step and the
review history, and 待我审核 (publications and annual reports awaiting the user's stage).

Reads go through the *_for_user selectors: an item outside the user's scope is 404, like a missing
one. A user who may read but not take a step gets 403 with a Chinese message; a step the service
refuses re-renders the page with its message and HTTP 400, and nothing is written. Review notes and
drafts appear only here, never on the public pages.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.core.errors import NotFoundOrForbidden, UserError
from gongkai.core.permissions import can_write, visible_agencies
from gongkai.core.responses import forbidden
from gongkai.reviews.views import StepPage, engine_status_label

from . import rich_services, selectors, services
from .choices import PublicationStatus
from .editor import allow_importmap
from .forms import AttachmentForm, PublicationForm, QuestionsForm
from .review import PUBLICATION, STEPS


def _item_or_404(user, pk: int):
    try:
        return selectors.publication_for_user(user, pk)
    except NotFoundOrForbidden:
        raise Http404(selectors.NOT_FOUND) from None


def _status_label(publication) -> str:
    label = publication.get_status_display()
    return f"{label}（修改稿）" if publication.revises_id else label


EDITABLE = (PublicationStatus.DRAFT, PublicationStatus.APPROVED)


# ---------------------------------------------------------------------------------------------
# List and review queue


@login_required
@require_GET
def publication_list(request):
    status = request.GET.get("status", "")
    if status not in PublicationStatus.values:
        status = ""
    items, total = selectors.staff_publications_for_user(request.user, status=status)
    rows = [{"item": p, "status_label": _status_label(p), "deadline": p.deadline()} for p in items]
    agency = request.user.agency
    return render(
        request,
        "publications/staff/list.html",
        {
            "rows": rows,
            "total": total,
            "limit": selectors.STAFF_LIST_LIMIT,
            "status": status,
            "status_filters": PublicationStatus.choices,
            "many_agencies": visible_agencies(request.user).count() > 1,
            "can_create": agency is not None and can_write(request.user, agency),
            "nav": "list",
        },
    )


@login_required
@require_GET
def review_list(request):
    from gongkai.annual_reports.selectors import reports_awaiting_review

    items = selectors.publications_awaiting_review(request.user)
    return render(
        request,
        "publications/staff/reviews.html",
        {
            "rows": [
                {"item": p, "status_label": _status_label(p), "deadline": p.deadline()}
                for p in items
            ],
            "reports": reports_awaiting_review(request.user),
            "nav": "reviews",
        },
    )


# ---------------------------------------------------------------------------------------------
# Draft: create and edit


def _form_page(request, form, *, publication=None, problems=(), status=200, read_only=False):
    response = render(
        request,
        "publications/staff/form.html",
        {
            "form": form,
            "item": publication,
            "problems": problems,
            "read_only": read_only,
            "nav": "new" if publication is None else "list",
        },
        status=status,
    )
    if form is not None:
        allow_importmap(response, form.media)
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    agency = request.user.agency
    writable = agency is not None and can_write(request.user, agency)
    if request.method == "POST" and not writable:
        return forbidden(request, "您的角色为只读，不能拟稿。")
    if agency is None:
        return _form_page(request, None, read_only=True)
    form = PublicationForm(request.POST or None, agency=agency)
    problems: list[str] = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                publication = services.publication_create(
                    actor=request.user,
                    agency=agency,
                    column=form.column_value(),
                    title=data["title"],
                    body=data["body"],
                    doc_number=data["doc_number"],
                    formed_on=data["formed_on"],
                    attribute=data["attribute"],
                    withheld_reason=data["withheld_reason"],
                    **form.rich_values(),
                )
            except UserError as exc:
                problems = [exc.message, *exc.problems]
            else:
                messages.success(request, "已保存拟稿。")
                return redirect("publications:staff_detail", pk=publication.pk)
        status = 400
    return _form_page(request, form, problems=problems, status=status, read_only=not writable)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    publication = _item_or_404(request.user, pk)
    if not can_write(request.user, publication.agency):
        if request.method == "POST":
            return forbidden(request, "您的角色为只读，不能修改。")
        return _form_page(request, None, publication=publication, read_only=True)
    if publication.status not in EDITABLE:
        message = (
            f"当前状态为“{publication.get_status_display()}”，只有拟稿或已审定的信息可以修改。"
        )
        if request.method == "POST":
            return _form_page(
                request, None, publication=publication, problems=[message], status=400
            )
        messages.error(request, message)
        return redirect("publications:staff_detail", pk=pk)
    initial = {
        "column": publication.column_id,
        "title": publication.title,
        "body": publication.body,
        "doc_number": publication.doc_number,
        "formed_on": publication.formed_on,
        "attribute": publication.attribute,
        "withheld_reason": publication.withheld_reason,
        "kind": publication.kind,
        "topic": publication.topic_id,
        "validity": publication.validity,
        "normative_document": publication.normative_document_id,
        "interprets": publication.interprets_id,
        "video_embed_url": publication.video_embed_url,
    }
    form = PublicationForm(request.POST or None, agency=publication.agency, initial=initial)
    problems: list[str] = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.publication_update(
                    actor=request.user,
                    publication=publication,
                    column=form.column_value(),
                    title=data["title"],
                    body=data["body"],
                    doc_number=data["doc_number"],
                    formed_on=data["formed_on"],
                    attribute=data["attribute"],
                    withheld_reason=data["withheld_reason"],
                    **form.rich_values(),
                )
            except UserError as exc:
                problems = [exc.message, *exc.problems]
            else:
                messages.success(request, "已保存修改。")
                return redirect("publications:staff_detail", pk=pk)
        status = 400
    return _form_page(request, form, publication=publication, problems=problems, status=status)


# ---------------------------------------------------------------------------------------------
# Item page and steps


def _render_detail(
    request,
    publication,
    *,
    bound=None,
    error_action="",
    error="",
    problems=(),
    status=200,
    attachment_form=None,
):
    today = timezone.localdate()
    steps = []
    for action in STEPS.values():
        if not action.offered(request.user, publication):
            continue
        if bound is not None and action.key == error_action:
            form = bound
        else:
            form = action.form(initial={"published_on": today}, prefix=action.key)
        steps.append({"action": action, "form": form})
    writable = can_write(request.user, publication.agency)
    return render(
        request,
        "publications/staff/detail.html",
        {
            "item": publication,
            "status_label": _status_label(publication),
            "deadline": publication.deadline(),
            "timeliness": publication.timeliness(),
            "history": selectors.review_history(publication),
            "steps": steps,
            "error_action": error_action,
            "error": error,
            "problems": problems,
            "read_only": not writable,
            "can_edit": writable and publication.status in EDITABLE,
            "can_revise": writable
            and publication.status == PublicationStatus.PUBLISHED
            and not publication.revisions.exists(),
            "revisions": list(publication.revisions.all()),
            "attachments": list(publication.attachments.all()),
            "questions": list(publication.questions.all()),
            "scans": rich_services.latest_scans(publication),
            "can_attach": writable and publication.status == PublicationStatus.DRAFT,
            "attachment_form": attachment_form or AttachmentForm(),
            "questions_form": QuestionsForm(
                initial={
                    "text": "\n".join(
                        f"问：{q.question}\n答：{q.answer}" for q in publication.questions.all()
                    )
                }
            ),
            "nav": "list",
        },
        status=status,
    )


@login_required
@require_GET
def detail(request, pk: int):
    return _render_detail(request, _item_or_404(request.user, pk))


# The step POSTs (提交, 初审, 终审, 发布, 申请撤回) go to the review engine's one view (urls.py).
STEP_PAGE = StepPage(
    steps=STEPS,
    load=_item_or_404,
    render=lambda request, pk, **kw: _render_detail(request, _item_or_404(request.user, pk), **kw),
    done_url=lambda publication, action: reverse(
        "publications:staff_detail", args=[publication.pk]
    ),
    status_label=engine_status_label(PUBLICATION),
)


@never_cache
@login_required
@require_POST
def start_revision(request, pk: int):
    """修改已发布信息: a draft copy that is reviewed again before it replaces the public text."""
    publication = _item_or_404(request.user, pk)
    if not can_write(request.user, publication.agency):
        return forbidden(request, "您的角色为只读，不能修改。")
    try:
        revision = services.publication_start_revision(actor=request.user, publication=publication)
    except UserError as exc:
        return _render_detail(request, publication, error=exc.message, status=400)
    messages.success(request, "已生成修改稿：修改后提交初审，终审通过并发布后替换公开内容。")
    return redirect("publications:staff_edit", pk=revision.pk)


@never_cache
@login_required
@require_POST
def attachment_upload(request, pk: int):
    """附件、图片、视频文件或封面 of a draft; the service checks the type by content."""
    publication = _item_or_404(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_detail(
            request, publication, error="请选择文件和用途。", attachment_form=form, status=400
        )
    upload = form.cleaned_data["file"]
    try:
        rich_services.attachment_add(
            actor=request.user,
            publication=publication,
            role=form.cleaned_data["role"],
            name=upload.name,
            data=upload.read(),
            alt_text=form.cleaned_data["alt_text"],
        )
    except UserError as exc:
        return _render_detail(
            request, publication, error=exc.message, attachment_form=form, status=400
        )
    messages.success(request, f"已上传：{upload.name}")
    return redirect("publications:staff_detail", pk=pk)


@never_cache
@login_required
@require_POST
def questions_save(request, pk: int):
    publication = _item_or_404(request.user, pk)
    form = QuestionsForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, publication, error="问答内容过长。", status=400)
    try:
        count = rich_services.questions_set(
            actor=request.user, publication=publication, pairs=form.pairs()
        )
    except UserError as exc:
        return _render_detail(request, publication, error=exc.message, status=400)
    messages.success(request, f"已保存 {count} 组问答。")
    return redirect("publications:staff_detail", pk=pk)
