from django.urls import path

from . import feed_views, views

app_name = "scheduling"

urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("lessons/new/", views.lesson_create, name="lesson_create"),
    path("lessons/<int:lesson_id>/", views.lesson_detail, name="lesson_detail"),
    path("lessons/<int:lesson_id>/move/", views.lesson_move, name="lesson_move"),
    path("lessons/<int:lesson_id>/cancel/", views.lesson_cancel, name="lesson_cancel"),
    path("lessons/<int:lesson_id>/note/", views.lesson_note, name="lesson_note"),
    path("lessons/<int:lesson_id>/status/", views.lesson_status, name="lesson_status"),
    path("lessons/<int:lesson_id>/paid/", views.lesson_paid, name="lesson_paid"),
    path("days-off/", views.days_off, name="days_off"),
    path(
        "days-off/<int:day_off_id>/cancel-lessons/",
        views.day_off_cancel_lessons,
        name="day_off_cancel_lessons",
    ),
    path("days-off/<int:day_off_id>/delete/", views.day_off_delete, name="day_off_delete"),
    path("feed/<str:token>.ics", feed_views.feed, name="feed"),
    path("feed/regenerate/", feed_views.feed_regenerate, name="feed_regenerate"),
]
