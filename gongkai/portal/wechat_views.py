"""The 复制为公众号文章 page of a published item."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.safestring import mark_safe

from gongkai.core.models import Agency

from .agency_views import item_or_404
from .wechat import wechat_article


def wechat_copy(request, agency_id: int, pk: int):
    item = item_or_404(agency_id, pk)
    agency = get_object_or_404(Agency, pk=agency_id)
    source = request.build_absolute_uri(reverse("publications:item", args=[agency.pk, item.pk]))
    meta = f"{item.publisher or agency.name} · {item.published_on:%Y-%m-%d}"
    if item.doc_number:
        meta += f" · {item.doc_number}"
    article = wechat_article(
        title=item.title,
        meta=meta,
        body=item.body,
        source_url=source,
        absolute=request.build_absolute_uri,
    )
    return render(
        request,
        "portal/wechat.html",
        {"agency": agency, "item": item, "article": mark_safe(article), "source": article},
    )
