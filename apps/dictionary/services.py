"""Changes to dictionary entries: words members suggest and their moderation; recorded and
generated pronunciations, pictures."""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.accounts.models import User
from apps.projects.models import Language

from . import selectors
from .models import Audio, Entry, Example, Picture, Sense, Translation, fold

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
    """Delete the picture, and its file unless other pictures show it too (OpenMoji's SVGs are
    stored once for every entry with that emoji)."""
    name = picture.file.name
    picture.delete()
    if not Picture.objects.filter(file=name).exists():
        picture.file.storage.delete(name)


# Words members suggest: pending until a moderator publishes them.

MAX_PENDING = 50  # suggestions one member may have waiting at once


class SuggestionError(Exception):
    """The suggestion cannot be saved; the message says why, for its author."""


class DuplicateEntry(SuggestionError):
    """The dictionary has the word already (published, or suggested and waiting)."""

    def __init__(self, entry: Entry):
        super().__init__(entry.headword)
        self.entry = entry


@dataclass(frozen=True)
class Suggestion:
    """A suggested word as the form cleaned it (dictionary.forms.SuggestionForm)."""

    language: str  # code: "en", "fr"
    headword: str
    part_of_speech: str
    gender: str = ""
    ipa: str = ""
    translations_ru: list[str] = field(default_factory=list)
    translations_en: list[str] = field(default_factory=list)
    example: str = ""
    example_translation: str = ""


def find_duplicate(
    *, language: Language, headword: str, part_of_speech: str, exclude: Entry | None = None
) -> Entry | None:
    """The entry with this headword (whatever its letter case), language and part of speech;
    a published one rather than one waiting for moderation."""
    candidates = Entry.objects.filter(
        language=language, part_of_speech=part_of_speech, headword_folded=fold(headword)
    ).order_by("pk")
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude.pk)
    same = [entry for entry in candidates if entry.headword.casefold() == headword.casefold()]
    same.sort(key=lambda entry: entry.status != Entry.Status.PUBLISHED)
    return same[0] if same else None


def _frequency(headword: str, code: str) -> float:
    """wordfreq's Zipf frequency, as the import gives entries: search ranks by it."""
    from wordfreq import zipf_frequency

    return zipf_frequency(headword, code)


def _save_content(entry: Entry, suggestion: Suggestion) -> None:
    """The suggestion's translations (on the entry's first sense) and example, replacing what
    the form showed. Other senses and examples a moderator added stay."""
    sense = entry.senses.order_by("position", "pk").first()
    if sense is None:
        sense = Sense.objects.create(entry=entry, position=0)
    sense.translations.all().delete()
    languages = Language.objects.in_bulk(["ru", "en"], field_name="code")
    wanted = [("ru", text) for text in suggestion.translations_ru]
    wanted += [("en", text) for text in suggestion.translations_en]
    for position, (code, text) in enumerate(wanted):
        Translation(sense=sense, language=languages[code], text=text, position=position).save()
    example = entry.examples.order_by("pk").first()
    if not suggestion.example:
        if example is not None:
            example.delete()
    elif example is None:
        Example.objects.create(
            entry=entry,
            sense=sense,
            text=suggestion.example,
            translation=suggestion.example_translation,
        )
    else:
        example.text, example.translation = suggestion.example, suggestion.example_translation
        example.save(update_fields=["text", "translation"])


def _set_fields(entry: Entry, suggestion: Suggestion, language: Language) -> None:
    entry.language = language
    entry.headword = suggestion.headword
    entry.part_of_speech = suggestion.part_of_speech
    entry.gender = suggestion.gender
    entry.ipa = suggestion.ipa
    entry.frequency = _frequency(suggestion.headword, language.code)


def _save_unique(entry: Entry, **kwargs) -> None:
    """Save; a word someone saved a moment ago is a duplicate, not an error page."""
    try:
        with transaction.atomic():
            entry.save(**kwargs)
    except IntegrityError:
        duplicate = find_duplicate(
            language=entry.language,
            headword=entry.headword,
            part_of_speech=entry.part_of_speech,
            exclude=entry if entry.pk else None,
        )
        if duplicate is None:
            raise
        raise DuplicateEntry(duplicate) from None


@transaction.atomic
def entry_suggest(*, suggestion: Suggestion, by: User) -> Entry:
    """A new entry waiting for moderation, with one sense, its translations and the example.

    Raises DuplicateEntry when the dictionary has the word (nothing is saved), SuggestionError
    when the member has too many suggestions waiting.
    """
    language = Language.objects.get(code=suggestion.language)
    duplicate = find_duplicate(
        language=language, headword=suggestion.headword, part_of_speech=suggestion.part_of_speech
    )
    if duplicate is not None:
        raise DuplicateEntry(duplicate)
    waiting = Entry.objects.filter(contributed_by=by, status=Entry.Status.PENDING).count()
    if waiting >= MAX_PENDING:
        raise SuggestionError(
            ngettext(
                "You have %(count)d word waiting for a moderator. Please suggest more once "
                "it is reviewed.",
                "You have %(count)d words waiting for a moderator. Please suggest more once "
                "they are reviewed.",
                waiting,
            )
            % {"count": waiting}
        )
    entry = Entry(status=Entry.Status.PENDING, contributed_by=by)
    _set_fields(entry, suggestion, language)
    _save_unique(entry)
    _save_content(entry, suggestion)
    logger.info("User %s suggested entry %s", by.pk, entry.pk)
    return entry


def _lock_pending(entry: Entry) -> Entry:
    locked = Entry.objects.select_for_update().select_related("language").get(pk=entry.pk)
    if locked.status != Entry.Status.PENDING:
        raise SuggestionError(_("This word is published already: only moderators change it now."))
    return locked


@transaction.atomic
def entry_suggestion_update(*, entry: Entry, suggestion: Suggestion) -> Entry:
    """Change a word while it waits for moderation (its author or staff)."""
    entry = _lock_pending(entry)
    language = Language.objects.get(code=suggestion.language)
    duplicate = find_duplicate(
        language=language,
        headword=suggestion.headword,
        part_of_speech=suggestion.part_of_speech,
        exclude=entry,
    )
    if duplicate is not None:
        raise DuplicateEntry(duplicate)
    _set_fields(entry, suggestion, language)
    _save_unique(entry)
    _save_content(entry, suggestion)
    return entry


@transaction.atomic
def entry_suggestion_delete(*, entry: Entry) -> None:
    """Withdraw a word waiting for moderation, with its recordings and pictures."""
    entry = _lock_pending(entry)
    for audio in entry.audio.all():
        audio.file.delete(save=False)
    for picture in entry.pictures.all():
        picture_delete(picture=picture)  # a file other entries show stays
    entry.delete()


def suggestion_of(entry: Entry) -> Suggestion:
    """The form's view of a suggested entry: its first sense and first example."""
    sense = entry.senses.order_by("position", "pk").first()
    translations = (
        list(sense.translations.select_related("language").order_by("position", "pk"))
        if sense
        else []
    )
    example = entry.examples.order_by("pk").first()
    return Suggestion(
        language=entry.language.code,
        headword=entry.headword,
        part_of_speech=entry.part_of_speech,
        gender=entry.gender,
        ipa=entry.ipa,
        translations_ru=[t.text for t in translations if t.language.code == "ru"],
        translations_en=[t.text for t in translations if t.language.code == "en"],
        example=example.text if example else "",
        example_translation=example.translation if example else "",
    )


@transaction.atomic
def entry_publish(*, entry_ids: Iterable[int], by: User | None = None) -> int:
    """Publish the entries among these that wait for moderation; each contributor is told
    by e-mail (once the publication is committed). Returns how many were published."""
    entries = list(
        Entry.objects.select_for_update()
        .filter(pk__in=list(entry_ids), status=Entry.Status.PENDING)
        .order_by("pk")
    )
    Entry.objects.filter(pk__in=[entry.pk for entry in entries]).update(
        status=Entry.Status.PUBLISHED, updated_at=timezone.now()
    )
    selectors.dictionary_changed()  # an update sends no signal
    for entry in entries:
        entry_published_tell(entry=entry, by=by)
    return len(entries)


def entry_published_tell(*, entry: Entry, by: User | None) -> None:
    """Once the transaction commits, tell the contributor (unless they published it)."""
    if entry.contributed_by_id and entry.contributed_by_id != getattr(by, "pk", None):
        transaction.on_commit(lambda pk=entry.pk: entry_published_notify(entry_id=pk))


def entry_published_notify(*, entry_id: int) -> bool:
    """Tell the contributor, in their language, that their word is in the dictionary."""
    entry = (
        Entry.objects.select_related("language", "contributed_by")
        .filter(pk=entry_id, status=Entry.Status.PUBLISHED)
        .first()
    )
    user = entry.contributed_by if entry else None
    if user is None or not user.is_active or not user.email:
        return False
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {
            "user": user,
            "entry": entry,
            "url": settings.SITE_URL + reverse("dictionary:entry", args=[entry.pk]),  # type: ignore[union-attr]
            "site_url": settings.SITE_URL,
        }
        subject = _("Your word “%(headword)s” is in the dictionary") % {
            "headword": entry.headword  # type: ignore[union-attr]
        }
        message = EmailMultiAlternatives(
            settings.EMAIL_SUBJECT_PREFIX + subject,
            render_to_string("dictionary/email/entry_published.txt", context),
            None,
            [user.email],
        )
        message.attach_alternative(
            render_to_string("dictionary/email/entry_published.html", context), "text/html"
        )
        message.send()
    return True
