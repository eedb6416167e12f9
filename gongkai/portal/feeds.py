"""Atom feeds of newly published items: the whole site, one county (its subtree), one agency, one column.
Each lists the latest FEED_SIZE published items; drafts, items under review and withdrawn items are not
in the queryset at all (selectors.public_items filters on 已发布)."""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.text import Truncator

from gongkai.core.models import Agency
from gongkai.publications.models import CatalogueColumn

from . import selectors

FEED_SIZE = 50


class _ItemsFeed(Feed):
    feed_type = Atom1Feed
    language = "zh-CN"

    def items(self, obj):
        return self.queryset(obj)[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return reverse("publications:item", args=[item.agency_id, item.pk])

    def item_description(self, item):
        return Truncator(strip_tags(item.body)).chars(200)

    def item_author_name(self, item):
        return item.publisher or item.agency.name

    def item_categories(self, item):
        return [item.column.name]

    def item_pubdate(self, item):
        return _midnight(item.published_on)

    def item_updateddate(self, item):
        return _midnight(item.published_on)


def _midnight(day: datetime.date | None):
    if day is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


class SiteFeed(_ItemsFeed):
    title = "政府信息公开 · 最新公开信息"
    subtitle = "本平台各机关最新主动公开的政府信息"

    def link(self):
        return reverse("portal:home")

    def queryset(self, obj):
        return selectors.public_items()


class CountyFeed(_ItemsFeed):
    def get_object(self, request, county_id: int):
        return get_object_or_404(Agency, pk=county_id, parent__isnull=True)

    def title(self, obj):
        return f"{obj.name}及所属机关 · 最新公开信息"

    def link(self, obj):
        return reverse("portal:agency", args=[obj.pk])

    def queryset(self, obj):
        return selectors.public_items().filter(agency__path__startswith=obj.path)


class AgencyFeed(_ItemsFeed):
    def get_object(self, request, agency_id: int):
        return get_object_or_404(Agency, pk=agency_id)

    def title(self, obj):
        return f"{obj.name} · 最新公开信息"

    def link(self, obj):
        return reverse("portal:agency", args=[obj.pk])

    def queryset(self, obj):
        return selectors.public_items().filter(agency_id=obj.pk)


class ColumnFeed(_ItemsFeed):
    def get_object(self, request, agency_id: int, column_id: int):
        return get_object_or_404(
            CatalogueColumn.objects.select_related("agency"), pk=column_id, agency_id=agency_id
        )

    def title(self, obj):
        return f"{obj.agency.name} · {obj.name}"

    def link(self, obj):
        return reverse("portal:column", args=[obj.agency_id, obj.pk])

    def queryset(self, obj):
        return selectors.public_items().filter(column_id=obj.pk)
