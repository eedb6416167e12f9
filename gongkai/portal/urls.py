from django.urls import path

from . import staff, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("staff/reviews/", staff.my_reviews, name="my_reviews"),
]
