from django.urls import path

from gongkai.reviews import views as review_views

from . import staff_views, views
from .receipts import CORRECTION, WITHDRAWAL

app_name = "applications"
urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("apply/receipt/<str:token>/", views.apply_receipt, name="apply_receipt"),
    path("lookup/", views.lookup, name="lookup"),
    path("lookup/correct/", views.lookup_correct, name="lookup_correct"),
    path("lookup/withdraw/", views.lookup_withdraw, name="lookup_withdraw"),
    path(
        "lookup/correct/<str:token>/",
        views.lookup_done,
        {"kind": CORRECTION},
        name="lookup_corrected",
    ),
    path(
        "lookup/withdraw/<str:token>/",
        views.lookup_done,
        {"kind": WITHDRAWAL},
        name="lookup_withdrawn",
    ),
    path("lookup/letter/", views.lookup_letter, name="lookup_letter"),
    path("staff/", staff_views.request_list, name="staff_list"),
    path("staff/register/", staff_views.register, name="staff_register"),
    path("staff/register/<int:pk>/", staff_views.receipt, name="staff_receipt"),
    path("staff/reviews/", staff_views.review_list, name="staff_reviews"),
    path("staff/<int:pk>/", staff_views.detail, name="staff_detail"),
    path(
        "staff/<int:pk>/<slug:action>/",
        review_views.step,
        {"page": staff_views.STEP_PAGE},
        name="staff_step",
    ),
    path("staff/deadlines/", views.staff_office, name="staff_office"),
    path("staff/county/", views.staff_county, name="staff_county"),
    path("staff/letters/<int:pk>.<str:fmt>", views.letter_download, name="letter_download"),
]
