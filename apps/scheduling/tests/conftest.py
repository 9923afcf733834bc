"""Fixtures for the calendar tests: a teacher in Paris with a student in Yekaterinburg.

"Now" is Wednesday 13 January 2027, 12:00 UTC: 13:00 in Paris (UTC+1 in winter) and 17:00 in
Yekaterinburg (UTC+5). The English project has a lesson every Thursday at 18:00 Paris time
(17:00 UTC until Paris moves to summer time on 28 March), generated from 7 January up to the
12-week horizon, 7 April 2027.
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from apps.accounts.models import User
from apps.projects.models import Project
from apps.projects.tests.factories import make_project
from apps.scheduling.models import Lesson
from apps.scheduling.services import lessons_generate
from apps.scheduling.tests.factories import make_slot, utc

NOW = utc(2027, 1, 13, 12)
THU = 3


@pytest.fixture
def now(time_machine) -> datetime:
    time_machine.move_to(NOW, tick=False)
    return NOW


@pytest.fixture
def paris_teacher(teacher) -> User:
    teacher.time_zone = "Europe/Paris"
    teacher.save(update_fields=["time_zone"])
    return teacher


@pytest.fixture
def ekb_student(student) -> User:
    student.time_zone = "Asia/Yekaterinburg"
    student.save(update_fields=["time_zone"])
    return student


@pytest.fixture
def english(now, paris_teacher, ekb_student) -> Project:
    project = make_project(
        paris_teacher, students=(ekb_student,), title="English B1", start_date=date(2027, 1, 4)
    )
    make_slot(project, [THU], time(18))
    lessons_generate(project=project, until=date(2027, 4, 7))
    return project


@pytest.fixture
def french(now, paris_teacher) -> Project:
    """Another project of the same teacher, without a timetable: lessons are added by hand."""
    return make_project(paris_teacher, title="French A2", language="fr")


@pytest.fixture
def others(now, other_teacher, other_student) -> Project:
    return make_project(other_teacher, students=(other_student,), title="German for Olga")


@pytest.fixture
def thursday(english) -> Lesson:
    """The English lesson of Thursday 14 January, 18:00 to 19:00 in Paris."""
    return english.lessons.get(occurrence=utc(2027, 1, 14, 17))


# Clients log in after the clock is set, or their session would have expired by "now".


@pytest.fixture
def paris_client(now, client, paris_teacher):
    client.force_login(paris_teacher)
    return client


@pytest.fixture
def ekb_client(now, client, ekb_student):
    client.force_login(ekb_student)
    return client


@pytest.fixture
def other_client(now, client, other_teacher):
    client.force_login(other_teacher)
    return client
