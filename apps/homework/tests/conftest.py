"""Fixtures for the homework tests.

"Now" is Monday 1 March 2027, 12:00 UTC: 15:00 for the teacher (no zone of their own, so
Moscow, UTC+3) and 19:00 for the student in Novosibirsk (UTC+7). The project has a lesson
today at 12:00 UTC and the next one on Thursday 4 March at 12:00 UTC.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from apps.exercises.models import Exercise
from apps.exercises.tests.factories import make_exercise
from apps.homework import services
from apps.homework.models import Homework
from apps.projects.models import Project
from apps.projects.tests.factories import make_project
from apps.scheduling.models import Lesson
from apps.scheduling.tests.factories import make_lesson, utc

NOW = utc(2027, 3, 1, 12)


@pytest.fixture
def now(time_machine) -> datetime:
    time_machine.move_to(NOW, tick=False)
    return NOW


@pytest.fixture
def project(now, teacher, student) -> Project:
    return make_project(teacher, students=(student,))


@pytest.fixture
def lesson(project) -> Lesson:
    return make_lesson(project, utc(2027, 3, 1, 12))


@pytest.fixture
def next_lesson(project) -> Lesson:
    return make_lesson(project, utc(2027, 3, 4, 12))


@pytest.fixture
def quiz(teacher) -> Exercise:
    return make_exercise(
        Exercise.Kind.TRUE_FALSE,
        [{"statement": "Paris is in France.", "correct": True}],
        author=teacher,
        title="Paris quiz",
    )


@pytest.fixture
def essay(teacher) -> Exercise:
    return make_exercise(
        Exercise.Kind.FREE_ANSWER,
        [{"prompt": "Describe your holiday.", "mode": "text"}],
        author=teacher,
        title="Holiday essay",
    )


def give(project, teacher, student, *, exercises=(), lesson=None, **fields) -> Homework:
    fields.setdefault("title", "Unit 3")
    fields.setdefault("text", "Read pages 10-12.")
    fields.setdefault("due_at", utc(2027, 3, 4, 12))
    return services.homework_assign(
        teacher=teacher,
        project=project,
        student=student,
        lesson=lesson,
        exercises=list(exercises),
        **fields,
    )


@pytest.fixture
def homework(project, teacher, student, lesson, quiz) -> Homework:
    return give(project, teacher, student, lesson=lesson, exercises=[quiz])


# Log in after time is moved, so the session is not already expired in 2027.


@pytest.fixture
def teacher_client(now, client, teacher):
    client.force_login(teacher)
    return client


@pytest.fixture
def student_client(now, client, student):
    client.force_login(student)
    return client
