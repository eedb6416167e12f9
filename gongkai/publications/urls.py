from django.urls import path

from gongkai.reviews import views as review_views

from . import staff_views, views

app_name = "publications"
urlpatterns = [
    path("", views.index, name="index"),
    path("staff/", staff_views.publication_list, name="staff_list"),
    path("staff/new/", staff_views.create, name="staff_create"),
    path("staff/reviews/", staff_views.review_list, name="staff_reviews"),
    path("staff/<int:pk>/", staff_views.detail, name="staff_detail"),
    path("staff/<int:pk>/edit/", staff_views.edit, name="staff_edit"),
    path("staff/attach/<int:pk>/", staff_views.attachment_upload, name="staff_attach"),
    path("staff/<int:pk>/questions/", staff_views.questions_save, name="staff_questions"),
    path("staff/<int:pk>/revise/", staff_views.start_revision, name="staff_revise"),
    path(
        "staff/<int:pk>/<slug:action>/",
        review_views.step,
        {"page": staff_views.STEP_PAGE},
        name="staff_step",
    ),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path("<int:agency_id>/", views.catalogue, name="catalogue"),
    path("<int:agency_id>/<int:pk>/", views.item, name="item"),
]
