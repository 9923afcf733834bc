"""Reads of students' words, each in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from fsrs import Scheduler

from apps.accounts.models import TeacherStudent, User
from apps.dictionary import selectors as dictionary
from apps.dictionary.models import Entry, fold

from .models import CardState, Rating, ReviewLog, ReviewMode, Word, WordList

# Learning steps are minutes apart: a card due within this much is shown now rather than
# ending the session (the "learn ahead" of Anki).
LEARN_AHEAD = timedelta(minutes=20)
RETENTION_DAYS = 30


def end_of_day(student: User, now: datetime) -> datetime:
    """The end of the student's day (in their time zone) that contains `now`."""
    zone = student.zone
    local = now.astimezone(zone)
    return datetime.combine(local.date() + timedelta(days=1), time.min, tzinfo=zone)


def due_today(student: User, now: datetime) -> QuerySet[Word]:
    return Word.objects.filter(student=student, due__lt=end_of_day(student, now))


def words_due_count(student: User, now: datetime | None = None) -> int:
    """How many of the student's words are due by the end of their day."""
    return due_today(student, now or timezone.now()).count()


def words_learned(student_ids: Iterable[int], language=None) -> int:
    """Words in the FSRS Review state (learned) of these students, in one language if given.

    `language` is a projects.Language, its pk or its code.
    """
    words = Word.objects.filter(student_id__in=list(student_ids), state=CardState.REVIEW)
    if language is not None:
        if isinstance(language, str):
            words = words.filter(language__code=language)
        else:
            words = words.filter(language=language)
    return words.count()


def student_lists(student: User) -> QuerySet[WordList]:
    return (
        WordList.objects.filter(student=student)
        .select_related("project")
        .annotate(word_count=Count("words"))
        .order_by("name", "pk")
    )


def student_words(
    student: User, *, word_list: WordList | None = None, no_list: bool = False, q: str = ""
) -> QuerySet[Word]:
    words = Word.objects.filter(student=student).select_related("word_list", "language")
    if word_list is not None:
        words = words.filter(word_list=word_list)
    elif no_list:
        words = words.filter(word_list__isnull=True)
    q = q.strip()
    if q:
        folded = fold(q)
        words = words.filter(Q(text_folded__contains=folded) | Q(translation__icontains=q))
    return words.order_by("due", "pk")


def exercise_words(student: User, *, word_list: WordList | None = None) -> list[Word]:
    """The words an exercise is made of: a list's, or all the student's; soonest due first."""
    words = Word.objects.filter(student=student).select_related("language")
    if word_list is not None:
        words = words.filter(word_list=word_list)
    return list(words.order_by("due", "pk"))


def review_queue(
    student: User,
    *,
    now: datetime,
    mode: str = ReviewMode.RECOGNISE,
    word_list: WordList | None = None,
) -> QuerySet[Word]:
    """The words to review now, soonest first.

    Learned words are due by the day; learning ones by the minute, a few minutes ahead.
    """
    words = Word.objects.filter(student=student).filter(
        Q(state=CardState.REVIEW, due__lt=end_of_day(student, now)) | Q(due__lte=now + LEARN_AHEAD)
    )
    if mode == ReviewMode.GENDER:
        words = words.filter(language__code="fr", gender__in=["m", "f"])
    if word_list is not None:
        words = words.filter(word_list=word_list)
    return words.select_related("language", "student").order_by("due", "pk")


@dataclass(frozen=True)
class SessionSummary:
    reviewed: int
    again: int
    remaining_today: int

    @property
    def right(self) -> int:
        return self.reviewed - self.again


def session_summary(student: User, *, since: datetime, now: datetime) -> SessionSummary:
    logs = ReviewLog.objects.filter(word__student=student, reviewed_at__gte=since)
    counts = logs.aggregate(reviewed=Count("pk"), again=Count("pk", filter=Q(rating=Rating.AGAIN)))
    return SessionSummary(
        reviewed=counts["reviewed"],
        again=counts["again"],
        remaining_today=words_due_count(student, now),
    )


@dataclass(frozen=True)
class Progress:
    total: int
    due_today: int
    learned: int
    reviews_30d: int
    retention_30d: float | None  # share of answers other than "Again"; None without answers


def student_progress(student: User, now: datetime) -> Progress:
    counts = Word.objects.filter(student=student).aggregate(
        total=Count("pk"),
        due=Count("pk", filter=Q(due__lt=end_of_day(student, now))),
        learned=Count("pk", filter=Q(state=CardState.REVIEW)),
    )
    logs = ReviewLog.objects.filter(
        word__student=student, reviewed_at__gte=now - timedelta(days=RETENTION_DAYS)
    ).aggregate(total=Count("pk"), again=Count("pk", filter=Q(rating=Rating.AGAIN)))
    retention = (logs["total"] - logs["again"]) / logs["total"] if logs["total"] else None
    return Progress(
        total=counts["total"],
        due_today=counts["due"],
        learned=counts["learned"],
        reviews_30d=logs["total"],
        retention_30d=retention,
    )


def next_shared_lesson(teacher: User, student: User, now: datetime):
    """The next planned lesson of one of the teacher's projects the student is in, or None."""
    from apps.scheduling.models import Lesson, LessonStatus

    return (
        Lesson.objects.filter(
            project__teacher=teacher,
            project__students=student,
            status=LessonStatus.PLANNED,
            start__gt=now,
        )
        .select_related("project", "project__language")
        .order_by("start", "pk")
        .first()
    )


@dataclass(frozen=True)
class AtRisk:
    word: Word
    retrievability: float  # FSRS's probability of recall at the moment asked, 0..1

    @property
    def percent(self) -> int:
        return round(self.retrievability * 100)


WARM_UP_SIZE = 10


def words_at_risk(
    student: User, *, at: datetime, language_id: int | None = None, limit: int = WARM_UP_SIZE
) -> list[AtRisk]:
    """The words the student is most likely to have forgotten by `at`, least likely first.

    FSRS's retrievability of each reviewed word at `at`; only words below the student's desired
    retention are listed (the ones that will be due by then). Words never reviewed are new, not
    forgotten, and are left out.
    """
    from .services import desired_retention

    words = Word.objects.filter(student=student)
    if language_id is not None:
        words = words.filter(language_id=language_id)
    threshold = desired_retention(student)
    scheduler = Scheduler(desired_retention=threshold, enable_fuzzing=False)
    at_risk = []
    for word in words.select_related("language").order_by("pk"):
        card = word.get_card()
        if card.last_review is None:
            continue
        retrievability = scheduler.get_card_retrievability(card, at)
        if retrievability < threshold:
            at_risk.append(AtRisk(word=word, retrievability=retrievability))
    at_risk.sort(key=lambda risk: (risk.retrievability, risk.word.pk))
    return at_risk[:limit]


def teacher_students(teacher: User) -> QuerySet[User]:
    return User.objects.filter(teacher_links__teacher=teacher).order_by("name", "pk")


def students_with_counts(teacher: User, now: datetime) -> QuerySet[User]:
    """The teacher's students, each with `word_count`, `learned_count` and `due_count`.

    "Due" counts up to the end of the teacher's day (one cut-off for the whole table).
    """
    cutoff = end_of_day(teacher, now)
    return teacher_students(teacher).annotate(
        word_count=Count("words", distinct=True),
        learned_count=Count("words", filter=Q(words__state=CardState.REVIEW), distinct=True),
        due_count=Count("words", filter=Q(words__due__lt=cutoff), distinct=True),
    )


def is_teachers_student(teacher: User, student_id: int) -> bool:
    return TeacherStudent.objects.filter(teacher=teacher, student_id=student_id).exists()


def lists_of_students(student_ids: Iterable[int]) -> QuerySet[WordList]:
    return (
        WordList.objects.filter(student_id__in=list(student_ids))
        .select_related("student")
        .order_by("student__name", "name", "pk")
    )


DICTIONARY_RESULTS = 10


def dictionary_search(q: str, *, limit: int = DICTIONARY_RESULTS) -> list[Entry]:
    """The dictionary's own search (published entries, accents ignored, best matches first),
    its first `limit` entries with their senses and translations for the add box."""
    if not fold(q):
        return []
    ids = [entry.pk for entry in dictionary.search(query=q).entries[:limit]]
    entries = Entry.objects.filter(pk__in=ids).select_related("language")
    entries = entries.prefetch_related("senses__translations__language")
    by_pk = {entry.pk: entry for entry in entries}
    return [by_pk[pk] for pk in ids if pk in by_pk]
