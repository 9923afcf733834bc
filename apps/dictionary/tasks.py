from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from . import services


@shared_task(autoretry_for=(OperationalError,), max_retries=3, retry_backoff=True)
def generate_audio(entry_id: int) -> int | None:
    """Generate and cache an entry's pronunciation with espeak-ng (offline).

    Idempotent: an entry that has a pronunciation keeps it, so a retry or a second click
    stores nothing new.
    """
    try:
        audio = services.audio_generate(entry_id=entry_id)
    except services.GenerationError:
        services.logger.exception("Could not generate the pronunciation of entry %s", entry_id)
        return None
    return audio.pk if audio else None
