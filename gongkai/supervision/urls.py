from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [
    path("", views.dashboard_page, name="dashboard"),
    path("export.<str:fmt>", views.dashboard_export, name="dashboard_export"),
    path("assessment/", views.assessment_page, name="assessment"),
    path("assessment/weights/", views.weights_page, name="weights"),
    path("records/", views.records_page, name="records"),
    path("remind/<int:agency_id>/", views.remind, name="remind"),
]
