"""Fixtures for the money tests.

"Now" is Monday 1 March 2027, 12:00 UTC. The teacher's English project costs 1000.00 RUB a
lesson, with the default rule: cancelling fewer than 24 hours before the start is late, and
late cancellations and missed lessons are charged.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from apps.accounts.models import User
from apps.projects.models import Project
from apps.projects.tests.factories import make_project
from apps.scheduling.models import Lesson, LessonStatus
from apps.scheduling.tests.factories import make_lesson, utc

NOW = utc(2027, 3, 1, 12)


@pytest.fixture
def now(time_machine) -> datetime:
    time_machine.move_to(NOW, tick=False)
    return NOW


@pytest.fixture
def project(now, teacher, student) -> Project:
    return make_project(teacher, students=(student,), price=Decimal("1000.00"))


@pytest.fixture
def lesson(project) -> Lesson:
    """A lesson tomorrow at 12:00 UTC, 24 hours from now."""
    return make_lesson(project, utc(2027, 3, 2, 12))


@pytest.fixture
def past_lesson(project) -> Lesson:
    return make_lesson(project, utc(2027, 2, 22, 12))


def held_lessons(project: Project, count: int, *, day: int = 1) -> list[Lesson]:
    """`count` held lessons, one a day in February 2027 from `day`."""
    return [
        make_lesson(project, utc(2027, 2, day + i, 10), status=LessonStatus.HELD)
        for i in range(count)
    ]


@pytest.fixture
def admin_client(now, client, admin_user: User):
    """Logged in after the clock is set, or the session would have expired by "now"."""
    client.force_login(admin_user)
    return client
