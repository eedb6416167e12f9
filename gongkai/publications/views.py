"""Public pages: an agency's 政府信息公开目录 by column, and item pages. Only published items are ever
shown; drafts, review records and internal notes never reach these templates."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from gongkai.core.models import Agency

from .selectors import published_publications, withdrawn_publication


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
            "feed_url": reverse("portal:feed_column", args=[agency.pk, publication.column_id]),
        },
    )
