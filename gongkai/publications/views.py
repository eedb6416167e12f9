"""Public pages: an agency's 政府信息公开目录 by column, and item pages. Only published items are ever
shown; drafts, review records and internal notes never reach these templates."""

from pathlib import PurePosixPath
from urllib.parse import quote

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from gongkai.core.models import Agency

from . import attachments as files
from .choices import PUBLIC_STATUSES
from .selectors import (
    attachment_for_user,
    public_interpretations,
    published_publications,
    withdrawn_publication,
)


def index(request):
    agencies = Agency.objects.order_by("path")
    return render(request, "publications/index.html", {"agencies": agencies})


def catalogue(request, agency_id: int):
    """The agency's catalogue page (filters, paging) lives in the portal; this older address shows it."""
    from gongkai.portal.agency_views import agency_page

    return agency_page(request, agency_id)


def item(request, agency_id: int, pk: int):
    publication = published_publications(agency_id).filter(pk=pk).first()
    if publication is None:
        withdrawn = withdrawn_publication(agency_id, pk)
        if withdrawn is None:
            raise Http404("信息不存在或尚未发布。")
        agency = get_object_or_404(Agency, pk=agency_id)
        return render(request, "publications/withdrawn.html", {"agency": agency, "item": withdrawn})
    agency = get_object_or_404(Agency, pk=agency_id)
    return render(
        request,
        "publications/item.html",
        {
            "agency": agency,
            "item": publication,
            "attachments": list(publication.attachments.all()),
            "questions": list(publication.questions.all()),
            "interprets": publication.interprets
            if publication.interprets and publication.interprets.status in PUBLIC_STATUSES
            else None,
            "interpretations": public_interpretations(publication),
            "feed_url": reverse("portal:feed_column", args=[agency.pk, publication.column_id]),
        },
    )


def content_disposition(name: str, *, inline: bool, pk: int) -> str:
    """RFC 6266/5987: an ASCII fallback and the UTF-8 (Chinese) name. The fallback is the name itself
    when it is plain ASCII, else ``attachment-<pk>.<ext>`` (dropping the Chinese characters would
    leave a nameless “.pdf”)."""
    suffix = PurePosixPath(name).suffix
    if name.isascii() and name.isprintable() and PurePosixPath(name).stem:
        fallback = name
    else:
        fallback = f"attachment-{pk}{suffix if suffix.isascii() else ''}"
    fallback = fallback.replace("\\", "_").replace('"', "_")
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def attachment(request, pk: int):
    """Downloads a file of a public item (staff: of any item they may read) under its original name."""
    found = attachment_for_user(request.user, pk)
    if found is None:
        raise Http404("附件不存在或尚未公开。")
    path = files.path_of(found.stored_name)
    if not path.exists():
        raise Http404("附件文件缺失，请联系发布机关。")
    inline = found.is_image or found.content_type.startswith("video/")
    response = FileResponse(path.open("rb"), content_type=found.content_type)
    response["Content-Disposition"] = content_disposition(
        found.original_name, inline=inline, pk=found.pk
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
