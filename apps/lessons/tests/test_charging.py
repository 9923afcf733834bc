"""What each status charges, and when a student's cancellation is late."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from apps.lessons.charging import is_chargeable, is_late, money
from apps.scheduling.models import LessonStatus

CHARGED_BY_DEFAULT = {
    LessonStatus.PLANNED: False,
    LessonStatus.HELD: True,
    LessonStatus.CANCELLED_BY_STUDENT: False,
    LessonStatus.CANCELLED_LATE: True,
    LessonStatus.CANCELLED_BY_TEACHER: False,
    LessonStatus.NO_SHOW: True,
}


@pytest.mark.parametrize(("status", "charged"), CHARGED_BY_DEFAULT.items())
def test_what_each_status_charges(lesson, project, status, charged):
    lesson.status = status
    assert is_chargeable(lesson, project) is charged


@pytest.mark.parametrize(("status", "charged"), CHARGED_BY_DEFAULT.items())
def test_a_lenient_project_charges_only_held_lessons(lesson, project, status, charged):
    project.charge_late_cancel = project.charge_no_show = False
    lesson.status = status
    assert is_chargeable(lesson, project) is (status == LessonStatus.HELD)


def test_the_project_is_read_from_the_lesson_by_default(lesson):
    lesson.status = LessonStatus.NO_SHOW
    lesson.project.charge_no_show = False
    assert not is_chargeable(lesson)


def test_exactly_24_hours_before_is_in_time(lesson):
    deadline = lesson.start - timedelta(hours=24)
    assert not is_late(lesson, deadline - timedelta(seconds=1))
    assert not is_late(lesson, deadline)
    assert is_late(lesson, deadline + timedelta(seconds=1))
    assert is_late(lesson, lesson.start)
    assert is_late(lesson, lesson.start + timedelta(minutes=5))


def test_the_project_sets_the_hours(lesson, project):
    project.late_cancel_hours = 2
    assert not is_late(lesson, lesson.start - timedelta(hours=2), project)
    assert is_late(lesson, lesson.start - timedelta(hours=1, minutes=59), project)
    project.late_cancel_hours = 0
    assert not is_late(lesson, lesson.start, project)


def test_money_rounds_half_up_to_cents():
    assert money("0.005") == Decimal("0.01")
    assert money("2.675") == Decimal("2.68")
    assert money(3) == Decimal("3.00")
    with pytest.raises(TypeError):
        money(0.1)
