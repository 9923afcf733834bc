from django.urls import path

from . import report_views, views

app_name = "lessons"

urlpatterns = [
    path("", views.payments, name="payments"),
    path("lessons/", views.lesson_list, name="lessons"),
    path("lessons/export/", views.lesson_export, name="lessons_export"),
    path("payments/export/", views.payment_export, name="payments_export"),
    path("payments/new/", views.payment_create, name="payment_create"),
    path("payments/<int:payment_id>/edit/", views.payment_edit, name="payment_edit"),
    path("payments/<int:payment_id>/void/", views.payment_void, name="payment_void"),
    path("packages/new/", views.package_create, name="package_create"),
    path("packages/<int:package_id>/void/", views.package_void, name="package_void"),
    path("mine/", views.student_money, name="student_money"),
    # Reports (earnings) go below.
    path("earnings/", report_views.earnings, name="earnings"),
]
