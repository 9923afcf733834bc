from django.urls import path

from . import views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("mine/", views.student_list, name="student_list"),
    path("new/", views.project_create, name="create"),
    path("timetable-row/", views.slot_row, name="slot_row"),
    path("<int:project_id>/", views.project_detail, name="detail"),
    path("<int:project_id>/edit/", views.project_edit, name="edit"),
    path("<int:project_id>/status/", views.project_status, name="status"),
    path("<int:project_id>/goals/", views.goal_list, name="goals"),
    path("<int:project_id>/goals/new/", views.goal_create, name="goal_create"),
    path("<int:project_id>/goals/<int:goal_id>/edit/", views.goal_edit, name="goal_edit"),
    path("<int:project_id>/goals/<int:goal_id>/delete/", views.goal_delete, name="goal_delete"),
]
