from django.urls import path

from gongkai.reviews import views as review_views

from . import staff_views, views

app_name = "consultations"
urlpatterns = [
    path("", views.ask, name="ask"),
    path("receipt/<str:token>/", views.receipt, name="receipt"),
    path("lookup/", views.lookup, name="lookup"),
    path("answers/<int:agency_id>/", views.answers, name="answers"),
    path("staff/", staff_views.case_list, name="staff_list"),
    path("staff/<int:pk>/", staff_views.case, name="staff_case"),
    path("staff/<int:pk>/answer/", staff_views.answer, name="staff_answer"),
    path(
        "staff/<int:pk>/<slug:action>/",
        review_views.step,
        {"page": staff_views.STEP_PAGE},
        name="staff_step",
    ),
]
