from django.urls import path

from gongkai.core import ledger_views

from . import staff, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("staff/reviews/", staff.my_reviews, name="my_reviews"),
    path("staff/ledgers/", ledger_views.ledgers, name="ledgers"),
    path("staff/ledgers/export/", ledger_views.export, name="ledgers_export"),
    path(
        "staff/ledgers/template/<slug:kind>.<slug:fmt>",
        ledger_views.blank_template,
        name="ledgers_template",
    ),
]
