from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("preferences/", views.preferences, name="preferences"),
    path("telegram/code/", views.telegram_code, name="telegram_code"),
    path("telegram/unlink/", views.telegram_unlink, name="telegram_unlink"),
]
