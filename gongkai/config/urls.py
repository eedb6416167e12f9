from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("publications/", include("gongkai.publications.urls")),
    path("requests/", include("gongkai.applications.urls")),
    path("appeals/", include("gongkai.appeals.urls")),
    path("reports/", include("gongkai.annual_reports.urls")),
    path("search/", include("gongkai.search.urls")),
    path("units/", include("gongkai.units.urls")),
    path("", include("gongkai.portal.urls")),
]
