from django.urls import path

from gongkai.reviews import views as review_views

from . import enforcement_views, inspection, staff_views, views

app_name = "annual_reports"
urlpatterns = [
    path("check/", inspection.check_upload, name="check_upload"),
    path("status/<int:year>/", views.county_status, name="county_status"),
    path("staff/", staff_views.current, name="staff_current"),
    path("staff/enforcement/", enforcement_views.enforcement, name="staff_enforcement"),
    path("staff/<int:year>/", staff_views.report_page, name="staff_report"),
    path("staff/<int:year>/<int:agency_id>/", staff_views.report_page, name="staff_report_for"),
    path(
        "staff/<int:year>/<int:agency_id>/<slug:action>/",
        review_views.step,
        {"page": staff_views.STEP_PAGE},
        name="staff_step",
    ),
    path("<int:agency_id>/", views.agency_reports, name="agency"),
    path("<int:agency_id>/<int:year>/", views.report_page, name="report"),
    path("<int:agency_id>/<int:year>/tujie/", views.tujie, name="tujie"),
    path("<int:agency_id>/<int:year>/report.<str:fmt>", views.download, name="download"),
    path("<int:agency_id>/<int:year>/draft.<str:fmt>", views.staff_download, name="staff_download"),
]
