from django.urls import path

from . import views

# Browsing and doing exercises; included in the "exercises" namespace by urls.py.
urlpatterns = [
    path("", views.exercise_list, name="list"),
    path("mine/", views.my_exercises, name="mine"),
    path("<int:exercise_id>/", views.exercise_detail, name="detail"),
    path("<int:exercise_id>/play/", views.exercise_play, name="play"),
    path("attempts/<int:attempt_id>/", views.attempt_detail, name="attempt"),
]
