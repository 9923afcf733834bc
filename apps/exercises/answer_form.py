"""What the player's form sends, read into the answers the checker takes.

Field names, per item (`p` is `i<item id>`):
- single_choice `p` (stored choice index); multiple_choice `p` (repeated); true_false `p` (true/false)
- gap kinds `p-g0`, `p-g1`, ... (one per gap)
- matching `p-m0`, ... (per left side: the stored index of the chosen right side)
- word_order `p-w0`, ... (the tiles in the chosen order)
- categorise `p-c0`, ... (per item, flattened stored order: the chosen group index)
- free_answer `p-text`, or the file `p-audio`
"""

from __future__ import annotations

import uuid

import filetype
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from . import markup
from .models import Exercise, Item, Kind

MAX_TEXT = 200  # one gap or tile
MAX_FREE_TEXT = 20_000
MAX_AUDIO_BYTES = 10 * 1024 * 1024
AUDIO_TYPES = {"mp3", "ogg", "webm", "wav", "m4a", "mp4"}


class BadInput(ValueError):
    """The form cannot be read; str(error) is a message for the student."""


def field_prefix(item: Item) -> str:
    return f"i{item.pk}"


def _int_or_none(value: str | None, *, limit: int) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise BadInput(
            _("The form was sent in a way it cannot be read. Please try again.")
        ) from None
    if not 0 <= number < limit:
        raise BadInput(_("The form was sent in a way it cannot be read. Please try again."))
    return number


def _text(value: str | None, *, limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise BadInput(
            _("An answer is too long: at most %(limit)s characters, please.") % {"limit": limit}
        )
    return value


def tile_count(item: Item) -> int:
    answers = item.data.get("answers") or [""]
    return len(str(answers[0]).split())


def sort_count(item: Item) -> int:
    return sum(len(group.get("items", [])) for group in item.data.get("groups", []))


def read_item(item: Item, kind: str, data, files) -> object:
    """One item's answer from the POST data (no files: see `audio_upload`)."""
    p = field_prefix(item)
    d = item.data
    if kind == Kind.SINGLE_CHOICE:
        return _int_or_none(data.get(p), limit=len(d.get("choices", [])))
    if kind == Kind.MULTIPLE_CHOICE:
        values = data.getlist(p)[:50]
        chosen = {_int_or_none(v, limit=len(d.get("choices", []))) for v in values}
        return sorted(i for i in chosen if i is not None)
    if kind == Kind.TRUE_FALSE:
        value = data.get(p)
        return {"true": True, "false": False}.get(value)
    if kind in (Kind.GAP_FILL, Kind.GAP_SELECT, Kind.GAP_DRAG):
        count = markup.gap_count(d.get("text", ""))
        return [_text(data.get(f"{p}-g{n}")) for n in range(count)]
    if kind == Kind.MATCHING:
        pairs = d.get("pairs", [])
        return [_int_or_none(data.get(f"{p}-m{n}"), limit=len(pairs)) for n in range(len(pairs))]
    if kind == Kind.WORD_ORDER:
        tiles = [_text(data.get(f"{p}-w{n}")) for n in range(tile_count(item))]
        return [t for t in tiles if t]
    if kind == Kind.CATEGORISE:
        groups = len(d.get("groups", []))
        return [_int_or_none(data.get(f"{p}-c{n}"), limit=groups) for n in range(sort_count(item))]
    if kind == Kind.FREE_ANSWER:
        return {"text": _text(data.get(f"{p}-text"), limit=MAX_FREE_TEXT)}
    raise BadInput(_("This exercise cannot be done here."))


def is_audio_item(item: Item, kind: str) -> bool:
    return kind == Kind.FREE_ANSWER and item.data.get("mode") == "audio"


def check_audio(upload: UploadedFile) -> str:
    """The file's type (extension) judged by its content; BadInput for anything else."""
    if upload.size > MAX_AUDIO_BYTES:
        raise BadInput(_("The recording is too large: at most 10 MB, please."))
    head = upload.read(8192)
    upload.seek(0)
    guess = filetype.guess(head)
    if guess is None or guess.extension not in AUDIO_TYPES:
        raise BadInput(
            _("This file is not a recording we can play. Send MP3, OGG, WebM, WAV or M4A, please.")
        )
    return guess.extension


def read_answers(exercise: Exercise, items: list[Item], data, files) -> tuple[dict, dict]:
    """All answers (keyed by item id as a string) and the audio uploads still to be stored
    (item id -> (upload, extension)). Raises BadInput."""
    answers: dict[str, object] = {}
    uploads: dict[str, tuple[UploadedFile, str]] = {}
    for item in items:
        key = str(item.pk)
        if is_audio_item(item, exercise.kind):
            upload = files.get(f"{field_prefix(item)}-audio")
            if upload is None:
                answers[key] = {"audio": ""}
            else:
                uploads[key] = (upload, check_audio(upload))
                answers[key] = {"audio": ""}  # the path is filled in once stored
        else:
            answers[key] = read_item(item, exercise.kind, data, files)
    return answers, uploads


def store_uploads(*, answers: dict, uploads: dict, student_id: int, exercise_id: int) -> list[str]:
    """Save the recordings and put their storage paths into `answers`; returns the paths."""
    paths = []
    for key, (upload, extension) in uploads.items():
        name = f"exercises/answers/{exercise_id}/{student_id}/{uuid.uuid4().hex}.{extension}"
        path = default_storage.save(name, ContentFile(upload.read()))
        answers[key] = {"audio": path}
        paths.append(path)
    return paths


def delete_uploads(paths: list[str]) -> None:
    for path in paths:
        default_storage.delete(path)
