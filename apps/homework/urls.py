from django.urls import path

from . import views

app_name = "homework"

urlpatterns = [
    path("", views.homework_list, name="list"),
    path("new/", views.homework_create, name="create"),
    path("exercises/", views.exercise_choices, name="exercise_choices"),
    path("review/", views.review_queue, name="review_queue"),
    path("<int:homework_id>/", views.homework_detail, name="detail"),
    path("<int:homework_id>/answer/", views.homework_answer, name="answer"),
    path("<int:homework_id>/edit/", views.homework_edit, name="edit"),
    path("<int:homework_id>/delete/", views.homework_delete, name="delete"),
    path("<int:homework_id>/review/", views.homework_review, name="review"),
]
