"""sitemap.xml: an index of sections (pages, agencies, items, annual reports), each paged by Django at
50,000 URLs. Items come from selectors.public_items (已发布 only); reports from published snapshots."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from gongkai.core.models import Agency

from . import selectors


class PagesSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["portal:home", "publications:index", "portal:api_index"]

    def location(self, name):
        return reverse(name)


class AgenciesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return list(Agency.objects.order_by("path").only("pk"))

    def location(self, agency):
        return reverse("portal:agency", args=[agency.pk])


class GuidesSitemap(AgenciesSitemap):
    changefreq = "monthly"

    def location(self, agency):
        return reverse("portal:guide", args=[agency.pk])


class ItemsSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return selectors.public_items().select_related(None).only("id", "agency_id", "published_on")

    def location(self, item):
        return reverse("publications:item", args=[item.agency_id, item.pk])

    def lastmod(self, item):
        return item.published_on


class ReportsSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        return selectors.public_snapshots()

    def location(self, snapshot):
        return reverse(
            "annual_reports:report", args=[snapshot.report.agency_id, snapshot.report.year]
        )

    def lastmod(self, snapshot):
        return snapshot.published_at


SITEMAPS = {
    "pages": PagesSitemap,
    "agencies": AgenciesSitemap,
    "guides": GuidesSitemap,
    "items": ItemsSitemap,
    "reports": ReportsSitemap,
}
