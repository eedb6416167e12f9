from django.urls import path

from . import views

app_name = "applications"
urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("lookup/", views.lookup, name="lookup"),
    path("staff/", views.staff_office, name="staff_office"),
    path("staff/county/", views.staff_county, name="staff_county"),
    path("staff/letters/<int:pk>.<str:fmt>", views.letter_download, name="letter_download"),
]
