from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from . import services


@shared_task(autoretry_for=(OperationalError,), max_retries=3, retry_backoff=True)
def extend_schedules(horizon_weeks: int | None = None) -> int:
    """Generate lessons up to the horizon for every active project; run nightly.

    Idempotent (lessons already generated are not made again), so a retry after a database
    error, or a redelivery after a worker died mid-run (acks are late), is safe.
    """
    return services.schedules_extend(horizon_weeks=horizon_weeks)
