from django.urls import path

from . import views

app_name = "publications"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:agency_id>/", views.catalogue, name="catalogue"),
    path("<int:agency_id>/<int:pk>/", views.item, name="item"),
]
