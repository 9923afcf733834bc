from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from . import services


@shared_task(autoretry_for=(OperationalError,), max_retries=3, retry_backoff=True)
def send_lesson_reminders() -> int:
    """Mail the reminders due now (in an hour, tomorrow, moved or cancelled); every 10 minutes.

    Idempotent: each mail is recorded under its event's key before it is sent, so a retry or a
    redelivery sends only what was not sent yet.
    """
    return services.lesson_reminders_send()


@shared_task(autoretry_for=(OperationalError,), max_retries=3, retry_backoff=True)
def send_package_low() -> int:
    """Tell teachers whose students' packages are running out; daily, idempotent as above."""
    return services.package_low_send()


@shared_task(autoretry_for=(OperationalError,), max_retries=3, retry_backoff=True)
def send_homework_due() -> int:
    """Remind students of homework due tomorrow; hourly (each student's evening comes at its
    own hour), idempotent as above."""
    return services.homework_due_send()
