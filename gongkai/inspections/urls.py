from django.urls import path

from . import views

app_name = "inspections"
urlpatterns = [
    path("", views.finding_list, name="findings"),
    path("run/", views.run, name="run"),
    path("checklist/", views.checklist, name="checklist"),
    path("demand/", views.demand, name="demand"),
    path("demand/draft/", views.demand_draft, name="demand_draft"),
    path("<int:pk>/", views.finding_detail, name="finding"),
    path("<int:pk>/<slug:action>/", views.finding_step, name="finding_step"),
]
