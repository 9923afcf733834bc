"""Changes to dictionary entries: recorded and generated pronunciations, pictures."""

from __future__ import annotations

import logging
import shutil
import subprocess

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.text import slugify

from apps.accounts.models import User

from .models import Audio, Entry, Picture

logger = logging.getLogger(__name__)

# espeak-ng voices by entry language.
VOICES = {"en": "en-gb", "fr": "fr-fr", "ru": "ru"}
SPEED = 140  # words per minute; the default 175 is fast for learners
TIMEOUT = 30  # seconds, for each of espeak-ng and opusenc


class GenerationError(Exception):
    """espeak-ng or opusenc is missing or failed."""


def can_generate(entry: Entry) -> bool:
    return bool(VOICES.get(entry.language.code)) and bool(
        shutil.which("espeak-ng") and shutil.which("opusenc")
    )


def _file_stem(entry: Entry) -> str:
    return slugify(entry.headword_folded, allow_unicode=True) or f"entry-{entry.pk}"


@transaction.atomic
def audio_upload(
    *, entry: Entry, file: UploadedFile, content_type: str, extension: str, by: User
) -> Audio:
    """Store a recorded pronunciation (its type already checked by content in the form)."""
    audio = Audio(
        entry=entry, content_type=content_type, origin=Audio.Origin.RECORDED, uploaded_by=by
    )
    audio.file.save(f"{_file_stem(entry)}.{extension}", file, save=False)
    audio.save()
    return audio


@transaction.atomic
def audio_delete(*, audio: Audio) -> None:
    audio.file.delete(save=False)
    audio.delete()


def synthesize(text: str, *, voice: str) -> bytes:
    """Ogg Opus bytes of `text` spoken by espeak-ng, offline."""
    if not (shutil.which("espeak-ng") and shutil.which("opusenc")):
        raise GenerationError("espeak-ng or opusenc is not installed")
    try:
        wave = subprocess.run(
            ["espeak-ng", "-v", voice, "-s", str(SPEED), "--stdout", "--stdin"],
            input=text.encode(),
            capture_output=True,
            timeout=TIMEOUT,
            check=True,
        ).stdout
        return subprocess.run(
            ["opusenc", "--quiet", "-", "-"],
            input=wave,
            capture_output=True,
            timeout=TIMEOUT,
            check=True,
        ).stdout
    except (subprocess.SubprocessError, OSError) as error:
        raise GenerationError(str(error)) from error


def audio_generate(*, entry_id: int) -> Audio | None:
    """The entry's generated pronunciation, made once and cached as an Audio.

    Returns the audio there is when the entry already has one (recorded or generated), and
    None when the entry's language has no voice. The synthesis runs outside the transaction;
    the row lock then keeps two concurrent requests from storing two files.
    """
    entry = Entry.objects.select_related("language").filter(pk=entry_id).first()
    if entry is None or entry.language.code not in VOICES:
        return None
    existing = entry.audio.order_by("-origin", "-created_at").first()
    if existing is not None:
        return existing
    voice = VOICES[entry.language.code]
    data = synthesize(entry.headword, voice=voice)
    with transaction.atomic():
        Entry.objects.select_for_update().filter(pk=entry.pk).first()
        existing = entry.audio.order_by("-origin", "-created_at").first()
        if existing is not None:
            return existing
        audio = Audio(
            entry=entry, content_type="audio/ogg", origin=Audio.Origin.GENERATED, voice=voice
        )
        # .ogg, not .opus: nginx's mime.types knows .ogg as audio/ogg, not .opus.
        audio.file.save(f"{_file_stem(entry)}-{voice}.ogg", ContentFile(data), save=False)
        audio.save()
    logger.info("Generated the pronunciation of entry %s with %s", entry.pk, voice)
    return audio


@transaction.atomic
def picture_upload(
    *, entry: Entry, file: UploadedFile, extension: str, attribution: str, by: User
) -> Picture:
    """Store a picture (already checked with Pillow by the form)."""
    picture = Picture(entry=entry, attribution=attribution, uploaded_by=by)
    picture.file.save(f"{_file_stem(entry)}.{extension}", file, save=False)
    picture.save()
    return picture


@transaction.atomic
def picture_delete(*, picture: Picture) -> None:
    picture.file.delete(save=False)
    picture.delete()
