from django.urls import path

from . import views

app_name = "appeals"
urlpatterns = [
    path("staff/", views.appeal_list, name="staff_list"),
    path("staff/register/", views.appeal_register, name="staff_register"),
    path("staff/<int:pk>/", views.appeal_detail, name="staff_detail"),
    path("staff/<int:pk>/result/", views.appeal_result, name="staff_result"),
]
