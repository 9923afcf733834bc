from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from apps.accounts.models import User
from apps.projects.models import Goal, GoalMeasure, Language
from apps.projects.tests.factories import make_project
from apps.scheduling.models import Lesson, LessonStatus
from apps.scheduling.tests.factories import utc
from apps.vocabulary.models import CardState, Word


@pytest.fixture
def project(teacher):
    return make_project(teacher)


def add_lessons(project, *statuses):
    for day, status in enumerate(statuses, start=4):
        start = utc(2027, 1, day, 10)
        Lesson.objects.create(
            project=project, start=start, end=start + timedelta(hours=1), status=status
        )


def test_lessons_held(project, other_teacher):
    add_lessons(
        project,
        LessonStatus.HELD,
        LessonStatus.HELD,
        LessonStatus.HELD,
        LessonStatus.PLANNED,
        LessonStatus.CANCELLED_BY_STUDENT,
        LessonStatus.NO_SHOW,
    )
    add_lessons(make_project(other_teacher), LessonStatus.HELD)
    goal = Goal.objects.create(
        project=project, text="Ten lessons", measure=GoalMeasure.LESSONS_HELD, target_value=10
    )

    assert goal.current_value() == 3
    assert goal.progress_percent() == 30


def test_lessons_held_caps_at_100(project):
    add_lessons(project, LessonStatus.HELD, LessonStatus.HELD, LessonStatus.HELD)
    goal = Goal.objects.create(
        project=project, text="Two lessons", measure=GoalMeasure.LESSONS_HELD, target_value=2
    )

    assert goal.progress_percent() == 100


def _learned(student, text, *, code="en"):
    """A word FSRS has moved to its Review state."""
    word = Word.objects.create(
        student=student, text=text, translation="x", language=Language.objects.get(code=code)
    )
    Word.objects.filter(pk=word.pk).update(state=CardState.REVIEW)
    return word


def test_words_learned_counts_the_students_learned_words_in_the_language(
    teacher, student, other_student
):
    project = make_project(teacher, students=(student, other_student), language="fr")
    _learned(student, "la maison", code="fr")
    _learned(student, "le chat", code="fr")
    _learned(other_student, "le pain", code="fr")
    _learned(student, "the house", code="en")  # another language
    Word.objects.create(  # still learning
        student=student, text="la rue", translation="x", language=project.language
    )
    stranger = User.objects.create_user(
        email="stranger@example.com", password="x", name="S", role="student"
    )
    _learned(stranger, "le vin", code="fr")  # not in the project
    goal = Goal.objects.create(
        project=project,
        text="Words",
        measure=GoalMeasure.WORDS_LEARNED,
        target_value=6,
        manual_value=Decimal("100"),  # ignored: the words are counted
    )

    assert goal.current_value() == 3
    assert goal.progress_percent() == 50


def test_words_learned_is_zero_without_words(project):
    goal = Goal.objects.create(
        project=project, text="Words", measure=GoalMeasure.WORDS_LEARNED, target_value=100
    )

    assert goal.current_value() == 0
    assert goal.progress_percent() == 0


# HOMEWORK_AVERAGE is counted from checked homework: apps/homework/tests/test_services.py.
def test_manual_uses_the_value_entered_by_hand(project):
    goal = Goal.objects.create(
        project=project,
        text="Goal",
        measure=GoalMeasure.MANUAL,
        target_value=Decimal("4.50"),
        manual_value=Decimal("3.00"),
    )

    assert goal.current_value() == Decimal("3.00")
    assert goal.progress_percent() == 66  # 3 / 4.5 = 66.7 %, rounded down


def test_nothing_entered_is_zero(project):
    goal = Goal.objects.create(project=project, text="Goal", target_value=100)

    assert goal.current_value() is None
    assert goal.progress_percent() == 0


def test_target_must_be_positive(project):
    with pytest.raises(IntegrityError), transaction.atomic():
        Goal.objects.create(project=project, text="Goal", target_value=0)
