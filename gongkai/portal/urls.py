from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from gongkai.core import ledger_views

from . import agency_views, api, display, feeds, staff, staff_guide, views, wechat_views
from .sitemaps import SITEMAPS

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("display/", display.display_mode, name="display"),
    path("agencies/<int:agency_id>/", agency_views.agency_page, name="agency"),
    path(
        "agencies/<int:agency_id>/columns/<int:column_id>/",
        agency_views.column_page,
        name="column",
    ),
    path("agencies/<int:agency_id>/guide/", agency_views.guide_page, name="guide"),
    path("agencies/<int:agency_id>/system/", agency_views.system_page, name="system"),
    path(
        "agencies/<int:agency_id>/items/<int:pk>/",
        agency_views.item_redirect,
        name="item_redirect",
    ),
    path(
        "agencies/<int:agency_id>/items/<int:pk>/wechat/", wechat_views.wechat_copy, name="wechat"
    ),
    path("feeds/", feeds.SiteFeed(), name="feed_site"),
    path("feeds/county/<int:county_id>/", feeds.CountyFeed(), name="feed_county"),
    path("feeds/agency/<int:agency_id>/", feeds.AgencyFeed(), name="feed_agency"),
    path(
        "feeds/agency/<int:agency_id>/column/<int:column_id>/",
        feeds.ColumnFeed(),
        name="feed_column",
    ),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "portal:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("api/", api.index, name="api_index"),
    path("api/openapi.json", api.openapi, name="api_openapi"),
    path("api/items/", api.items, name="api_items"),
    path("api/items/<int:pk>/", api.item, name="api_item"),
    path("api/reports/", api.reports, name="api_reports"),
    path("api/reports/<int:agency_id>/<int:year>/", api.report, name="api_report"),
    path("staff/guide/", staff_guide.guide_edit, name="staff_guide"),
    path("staff/reviews/", staff.my_reviews, name="my_reviews"),
    path("staff/ledgers/", ledger_views.ledgers, name="ledgers"),
    path("staff/ledgers/export/", ledger_views.export, name="ledgers_export"),
    path(
        "staff/ledgers/template/<slug:kind>.<slug:fmt>",
        ledger_views.blank_template,
        name="ledgers_template",
    ),
]
