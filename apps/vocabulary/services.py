"""Changing a student's words: adding, moving, deleting, and reviewing with FSRS."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from fsrs import Rating as FsrsRating
from fsrs import Scheduler

from apps.accounts.models import User
from apps.dictionary import display
from apps.dictionary.models import Entry, PartOfSpeech
from apps.projects.models import Language, Project

from .models import (
    DEFAULT_RETENTION,
    Rating,
    ReviewLog,
    ReviewMode,
    StudentSettings,
    Word,
    WordList,
    WordSource,
)


class DuplicateWord(Exception):
    """The student already has this word."""

    def __init__(self, word: Word):
        super().__init__(str(word))
        self.word = word


# Scheduling


def desired_retention(student: User) -> float:
    settings = StudentSettings.objects.filter(student=student).first()
    return settings.desired_retention if settings else DEFAULT_RETENTION


def scheduler_for(student: User, *, fuzz: bool = True) -> Scheduler:
    """The student's FSRS scheduler. Previews use `fuzz=False` so they show the plain interval."""
    return Scheduler(desired_retention=desired_retention(student), enable_fuzzing=fuzz)


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def interval_label(interval: timedelta) -> str:
    """ "1 min", "10 min", "5 h", "3 days", "2 months", "1.5 years"."""
    minutes = max(1, round(interval.total_seconds() / 60))
    if minutes < 60:
        return ngettext("%(count)d min", "%(count)d min", minutes) % {"count": minutes}
    hours = round(minutes / 60)
    if hours < 24:
        return ngettext("%(count)d h", "%(count)d h", hours) % {"count": hours}
    days = round(interval.total_seconds() / 86400)
    if days < 31:
        return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}
    if days < 365:
        months = round(days / 30.4)
        return ngettext("%(count)d month", "%(count)d months", months) % {"count": months}
    years = round(days / 365, 1)
    if years == int(years):
        years = int(years)
        return ngettext("%(count)d year", "%(count)d years", years) % {"count": years}
    return _("%(count)s years") % {"count": years}


@dataclass(frozen=True)
class GradeOption:
    rating: int
    label: str
    interval: str
    key: int


def grade_options(word: Word, *, now: datetime | None = None) -> list[GradeOption]:
    """The four buttons with the interval each would give, as FSRS computes it."""
    now = _utc(now or timezone.now())
    scheduler = scheduler_for(word.student, fuzz=False)
    card = word.get_card()
    options = []
    for rating in Rating:
        new_card, _log = scheduler.review_card(card, FsrsRating(rating.value), now)
        options.append(
            GradeOption(
                rating=rating.value,
                label=str(rating.label),
                interval=interval_label(new_card.due - now),
                key=rating.value,
            )
        )
    return options


@transaction.atomic
def word_review(
    *,
    word: Word,
    rating: int,
    mode: str,
    duration_ms: int | None = None,
    now: datetime | None = None,
    expected_due: str | None = None,
) -> Word:
    """Grade one answer: FSRS moves the card, and the answer is logged.

    `expected_due` is the card's due time as shown with the question: when it no longer
    matches, the answer was already graded (a double click) and nothing changes.
    """
    now = _utc(now or timezone.now())
    word = Word.objects.select_for_update().select_related("student").get(pk=word.pk)
    if expected_due is not None and expected_due != word.card.get("due"):
        return word
    state_before = word.state
    card, _log = scheduler_for(word.student).review_card(
        word.get_card(), FsrsRating(int(rating)), now, duration_ms
    )
    word.set_card(card)
    word.save(update_fields=["card", "due", "state"])
    ReviewLog.objects.create(
        word=word,
        rating=int(rating),
        reviewed_at=now,
        mode=mode if mode in ReviewMode.values else ReviewMode.RECOGNISE,
        review_duration=duration_ms,
        state_before=state_before,
    )
    return word


@transaction.atomic
def settings_save(*, student: User, desired_retention: float) -> StudentSettings:
    settings, _created = StudentSettings.objects.update_or_create(
        student=student, defaults={"desired_retention": desired_retention}
    )
    return settings


# Adding words


def _check_duplicate(*, student: User, language: Language, text: str, entry: Entry | None):
    words = Word.objects.filter(student=student)
    existing = None
    if entry is not None:
        existing = words.filter(entry=entry).first()
    if existing is None:
        existing = words.filter(language=language, text__iexact=text).first()
    if existing is not None:
        raise DuplicateWord(existing)


@transaction.atomic
def word_add(
    *,
    student: User,
    added_by: User,
    text: str,
    translation: str,
    language: Language,
    context: str = "",
    word_list: WordList | None = None,
    gender: str = "",
    entry: Entry | None = None,
    source: str = WordSource.MANUAL,
    source_note: str = "",
) -> Word:
    """A new word for the student, due at once. Raises DuplicateWord when they have it already."""
    text = " ".join(text.split())
    # Lock the student's row so that two clicks on "Add" cannot both pass the duplicate check.
    User.objects.select_for_update().filter(pk=student.pk).first()
    _check_duplicate(student=student, language=language, text=text, entry=entry)
    word = Word(
        student=student,
        added_by=added_by,
        text=text,
        translation=translation.strip(),
        language=language,
        context=context.strip(),
        word_list=word_list,
        gender=gender,
        entry=entry,
        source=source,
        source_note=source_note,
    )
    word.save()
    return word


def entry_text(entry: Entry) -> str:
    """The headword as a student learns it: French nouns with their article ("la maison",
    "l'école", "le héros"), as the dictionary shows them; "le/la" nouns without one."""
    shown = display.headword(entry)
    if shown.elided:
        return f"{shown.article}{shown.text}"
    if shown.article in ("le", "la"):
        return f"{shown.article} {shown.text}"
    return entry.headword


def entry_translation(entry: Entry, *, prefer: str = "ru", limit: int = 3) -> str:
    """The first few translations of the entry, in the preferred language when it has some."""
    translations = [
        translation
        for sense in entry.senses.all()
        for translation in sense.translations.all()
        if translation.language_id != entry.language_id
    ]
    for code in (prefer, "ru", "en"):
        chosen = [t.text for t in translations if t.language.code == code]
        if chosen:
            break
    else:
        chosen = [t.text for t in translations]
    unique = list(dict.fromkeys(chosen))[:limit]
    return ", ".join(unique)


def entry_gender(entry: Entry) -> str:
    if entry.language.code == "fr" and entry.part_of_speech == PartOfSpeech.NOUN:
        return entry.gender
    return ""


def word_add_from_entry(
    *,
    student: User,
    added_by: User,
    entry: Entry,
    word_list: WordList | None = None,
    context: str = "",
) -> Word:
    entry = (
        Entry.objects.select_related("language")
        .prefetch_related("senses__translations__language", "examples")
        .get(pk=entry.pk)
    )
    if not context:
        example = next(iter(entry.examples.all()), None)
        context = example.text if example else ""
    prefer = (student.language or "ru").split("-")[0]
    return word_add(
        student=student,
        added_by=added_by,
        text=entry_text(entry),
        translation=entry_translation(entry, prefer=prefer) or "—",
        language=entry.language,
        context=context,
        word_list=word_list,
        gender=entry_gender(entry),
        entry=entry,
        source=WordSource.ENTRY,
    )


# Lists


@transaction.atomic
def word_move(*, word: Word, word_list: WordList | None) -> Word:
    word.word_list = word_list
    word.save(update_fields=["word_list"])
    return word


@transaction.atomic
def word_delete(*, word: Word) -> None:
    word.delete()


@transaction.atomic
def word_list_create(*, student: User, name: str, project: Project | None = None) -> WordList:
    return WordList.objects.create(student=student, name=name.strip(), project=project)


@transaction.atomic
def word_list_delete(*, word_list: WordList) -> None:
    """The list goes; its words stay, without a list."""
    word_list.delete()


@transaction.atomic
def word_update(*, word: Word, text: str, translation: str, context: str) -> Word:
    """Correct a word's text, translation or context; its card and history stay."""
    text = " ".join(text.split())
    User.objects.select_for_update().filter(pk=word.student_id).first()
    clash = (
        Word.objects.filter(student_id=word.student_id, language_id=word.language_id)
        .filter(text__iexact=text)
        .exclude(pk=word.pk)
        .first()
    )
    if clash is not None:
        raise DuplicateWord(clash)
    word.text = text
    word.translation = translation.strip()
    word.context = context.strip()
    word.save(update_fields=["text", "text_folded", "translation", "context"])
    return word
