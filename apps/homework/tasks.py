from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from . import services


@shared_task(autoretry_for=(OperationalError,), max_retries=3, retry_backoff=True)
def mark_overdue() -> int:
    """Record homework that became overdue; daily. Idempotent: each is recorded once."""
    return services.homework_mark_overdue()
