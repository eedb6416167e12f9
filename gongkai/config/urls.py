from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("publications/", include("gongkai.publications.urls")),
    path("requests/", include("gongkai.applications.urls")),
    path("appeals/", include("gongkai.appeals.urls")),
    path("reports/", include("gongkai.annual_reports.urls")),
    path("staff/county/", include("gongkai.supervision.urls")),
    path("search/", include("gongkai.search.urls")),
    path("inspections/", include("gongkai.inspections.urls")),
    path("consult/", include("gongkai.consultations.urls")),
    path("units/", include("gongkai.units.urls")),
    path("", include("gongkai.portal.urls")),
]
