from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "公开 · 政府信息公开工作平台"
admin.site.site_title = "公开平台管理"
admin.site.index_title = "工作台"
admin.site.index_template = "gongkai_admin/index.html"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("publications/", include("gongkai.publications.urls")),
    path("requests/", include("gongkai.applications.urls")),
    path("appeals/", include("gongkai.appeals.urls")),
    path("reports/", include("gongkai.annual_reports.urls")),
    path("", include("gongkai.portal.urls")),
]
