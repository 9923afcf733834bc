"""project_set_status: pausing and finishing remove future untouched lessons; resuming
generates them again from now on. Slots are in Moscow time (UTC+3)."""

from __future__ import annotations

from datetime import date, time

import pytest

from apps.projects.models import ProjectStatus
from apps.projects.tests.factories import make_project
from apps.scheduling.models import LessonStatus
from apps.scheduling.services import lessons_generate, project_set_status
from apps.scheduling.tests.factories import make_lesson, make_slot, starts, utc

MON = 0


@pytest.fixture
def project(teacher, time_machine):
    time_machine.move_to(utc(2027, 1, 13, 12), tick=False)
    project = make_project(teacher, start_date=date(2027, 1, 4))
    make_slot(project, [MON], time(18))
    lessons_generate(project=project, until=date(2027, 2, 28))
    return project


@pytest.mark.parametrize("status", [ProjectStatus.PAUSED, ProjectStatus.FINISHED])
def test_pausing_removes_future_untouched_lessons(project, status):
    project.lessons.filter(start=utc(2027, 1, 4, 15)).update(status=LessonStatus.HELD)
    project.lessons.filter(start=utc(2027, 1, 25, 15)).update(
        status=LessonStatus.CANCELLED_BY_STUDENT
    )
    project.lessons.filter(start=utc(2027, 2, 1, 15)).update(moved_by_hand=True)
    one_off = make_lesson(project, utc(2027, 2, 3, 10))

    changes = project_set_status(project=project, status=status)

    assert project.status == status
    project.refresh_from_db()
    assert project.status == status
    assert starts(project.lessons.all()) == [
        utc(2027, 1, 4, 15),  # held
        utc(2027, 1, 11, 15),  # in the past
        utc(2027, 1, 25, 15),  # cancelled
        utc(2027, 2, 1, 15),  # moved by hand
        one_off.start,
    ]
    assert changes.deleted == 4  # 18 January, 8, 15 and 22 February


def test_resuming_generates_from_now_on(project, time_machine):
    project_set_status(project=project, status=ProjectStatus.PAUSED)
    time_machine.move_to(utc(2027, 2, 10, 12), tick=False)

    changes = project_set_status(project=project, status=ProjectStatus.ACTIVE)

    lessons = starts(project.lessons.all())
    assert lessons[:4] == [
        utc(2027, 1, 4, 15),
        utc(2027, 1, 11, 15),
        utc(2027, 2, 15, 15),  # the paused weeks stay empty
        utc(2027, 2, 22, 15),
    ]
    # Horizon: 10 February + 12 weeks = 5 May, the last Monday before it is 3 May.
    assert lessons[-1] == utc(2027, 5, 3, 15)
    assert changes.created == 12


def test_unknown_status_is_refused(project):
    with pytest.raises(ValueError):
        project_set_status(project=project, status="deleted")
