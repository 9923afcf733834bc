"""Demo words for `manage.py seed_demo`: a list per demo project, some words already reviewed.

Idempotent: a student who has any word is left as they are. Run after the projects' demo.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.db import transaction
from django.utils import timezone
from fsrs import Card
from fsrs import Rating as FsrsRating

from apps.accounts import demo as accounts_demo
from apps.accounts.models import User
from apps.dictionary.models import fold
from apps.projects.models import Project

from . import services
from .models import Rating, ReviewLog, ReviewMode, Word, WordList

WORDS = {
    "en": [
        ("the house", "дом", "We live in a small house."),
        ("to borrow", "брать взаймы", "Can I borrow your pen?"),
        ("reliable", "надёжный", "She is a reliable friend."),
        ("the weather", "погода", "The weather is lovely today."),
        ("to look forward to", "ждать с нетерпением", "I look forward to the holidays."),
        ("the journey", "поездка", "The journey took six hours."),
        ("although", "хотя", "Although it rained, we went out."),
        ("the kitchen", "кухня", "Dinner is in the kitchen."),
        ("to afford", "позволить себе", "We can't afford a new car."),
        ("quite", "довольно", "It's quite cold."),
    ],
    "fr": [
        ("la maison", "дом", "La maison est grande.", "f"),
        ("le chat", "кошка", "Le chat dort.", "m"),
        ("la voiture", "машина", "La voiture est rouge.", "f"),
        ("le pain", "хлеб", "J'achète du pain.", "m"),
        ("la semaine", "неделя", "À la semaine prochaine !", "f"),
        ("le livre", "книга", "Ce livre est passionnant.", "m"),
        ("l'école", "школа", "Les enfants vont à l'école.", "f"),
        ("la fenêtre", "окно", "Ouvre la fenêtre, s'il te plaît.", "f"),
        ("le fromage", "сыр", "Le fromage est délicieux.", "m"),
        ("déjà", "уже", "Tu as déjà mangé ?", ""),
    ],
}
# Per word by position: grades given on earlier days (days ago, rating); none = a new word.
HISTORY = [
    [(10, Rating.GOOD), (10, Rating.GOOD), (6, Rating.GOOD)],
    [(8, Rating.GOOD), (8, Rating.GOOD), (2, Rating.HARD)],
    [(5, Rating.EASY)],
    [(4, Rating.GOOD), (4, Rating.GOOD)],
    [(3, Rating.AGAIN), (3, Rating.GOOD), (3, Rating.GOOD)],
    [(1, Rating.GOOD)],
]


def _seed_student(student: User, project: Project, now: datetime) -> int:
    """The project's words for the student, with their review history replayed through FSRS.

    Built in memory and saved with two bulk inserts: seed_demo runs this for every demo student.
    """
    code = project.language.code
    if code not in WORDS:
        return 0
    word_list, _created = WordList.objects.get_or_create(
        student=student, name=project.title[:100], defaults={"project": project}
    )
    teacher = project.teacher
    scheduler = services.scheduler_for(student)
    words: list[Word] = []
    logs: list[tuple[int, ReviewLog]] = []
    for index, item in enumerate(WORDS[code]):
        text, translation, context, *rest = item
        word = Word(
            student=student,
            added_by=teacher if index % 3 == 0 else student,
            text=text,
            text_folded=fold(text),
            translation=translation,
            context=context,
            language=project.language,
            gender=rest[0] if rest else "",
            word_list=word_list,
        )
        # An explicit id: without one fsrs sleeps a millisecond per card to keep its ids unique.
        card = Card(card_id=int(now.timestamp() * 1000) + student.pk * 1000 + index, due=now)
        for days_ago, rating in HISTORY[index] if index < len(HISTORY) else []:
            moment = (now - timedelta(days=days_ago)).astimezone(UTC)
            state_before = int(card.state)
            card, _log = scheduler.review_card(card, FsrsRating(int(rating)), moment)
            log = ReviewLog(
                rating=int(rating),
                reviewed_at=moment,
                mode=ReviewMode.RECOGNISE,
                state_before=state_before,
            )
            logs.append((index, log))
        word.set_card(card)
        words.append(word)
    Word.objects.bulk_create(words)
    for index, log in logs:
        log.word = words[index]
    ReviewLog.objects.bulk_create([log for _index, log in logs])
    return len(words)


@transaction.atomic
def seed() -> int:
    """Words for each demo student without any; returns how many were created."""
    now = timezone.now()
    emails = {email for students in accounts_demo.STUDENTS.values() for email, *_ in students}
    created = 0
    for student in User.objects.filter(email__in=emails).order_by("pk"):
        if Word.objects.filter(student=student).exists():
            continue
        projects = Project.objects.for_student(student).select_related("language", "teacher")
        for project in projects.order_by("pk")[:1]:
            created += _seed_student(student, project, now)
    return created
