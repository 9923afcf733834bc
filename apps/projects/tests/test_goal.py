from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from apps.projects.models import Goal, GoalMeasure
from apps.projects.tests.factories import make_project
from apps.scheduling.models import Lesson, LessonStatus
from apps.scheduling.tests.factories import utc


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


# HOMEWORK_AVERAGE is counted from checked homework: apps/homework/tests/test_services.py.
@pytest.mark.parametrize("measure", [GoalMeasure.MANUAL, GoalMeasure.WORDS_LEARNED])
def test_other_measures_use_the_value_entered_by_hand(project, measure):
    goal = Goal.objects.create(
        project=project,
        text="Goal",
        measure=measure,
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
