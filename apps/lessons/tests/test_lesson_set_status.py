"""lesson_set_status and lesson_cancel_by_student."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from apps.lessons.models import LessonStatusChange
from apps.lessons.services import lesson_cancel_by_student, lesson_set_status
from apps.projects.tests.factories import make_project
from apps.scheduling.models import LessonStatus
from apps.scheduling.services import lessons_generate
from apps.scheduling.tests.factories import make_slot, utc


def test_it_works(past_lesson, teacher, now):
    result = lesson_set_status(lesson=past_lesson, status=LessonStatus.HELD, by=teacher)

    past_lesson.refresh_from_db()
    assert result.status == past_lesson.status == LessonStatus.HELD
    assert past_lesson.sequence == 1
    change = past_lesson.status_changes.get()
    assert (change.from_status, change.to_status) == (LessonStatus.PLANNED, LessonStatus.HELD)
    assert change.changed_by == teacher
    assert change.changed_at == now


def test_the_same_status_records_nothing(past_lesson, teacher):
    lesson_set_status(lesson=past_lesson, status=LessonStatus.HELD, by=teacher)
    lesson_set_status(lesson=past_lesson, status=LessonStatus.HELD, by=teacher)

    past_lesson.refresh_from_db()
    assert past_lesson.sequence == 1
    assert past_lesson.status_changes.count() == 1


@pytest.mark.parametrize("status", [LessonStatus.HELD, LessonStatus.NO_SHOW])
def test_a_future_lesson_cannot_be_held_or_missed(lesson, teacher, status):
    with pytest.raises(ValueError, match="not started yet"):
        lesson_set_status(lesson=lesson, status=status, by=teacher)

    lesson.refresh_from_db()
    assert lesson.status == LessonStatus.PLANNED
    assert not LessonStatusChange.objects.exists()


def test_a_started_lesson_can_be_held(lesson, teacher):
    lesson_set_status(lesson=lesson, status=LessonStatus.HELD, by=teacher, at=lesson.start)
    assert lesson.status == LessonStatus.HELD


@pytest.mark.parametrize(
    "status",
    [
        LessonStatus.CANCELLED_BY_STUDENT,
        LessonStatus.CANCELLED_LATE,
        LessonStatus.CANCELLED_BY_TEACHER,
    ],
)
def test_future_lessons_can_be_cancelled_and_planned_again(lesson, teacher, status):
    lesson_set_status(lesson=lesson, status=status, by=teacher)
    lesson_set_status(lesson=lesson, status=LessonStatus.PLANNED, by=teacher)

    lesson.refresh_from_db()
    assert lesson.status == LessonStatus.PLANNED
    assert lesson.sequence == 2
    assert [c.to_status for c in lesson.status_changes.order_by("pk")] == [
        status,
        LessonStatus.PLANNED,
    ]


def test_every_transition_between_statuses_of_a_past_lesson(past_lesson, teacher):
    statuses = list(LessonStatus)
    for status in statuses + statuses[::-1]:
        lesson_set_status(lesson=past_lesson, status=status, by=teacher)
        assert past_lesson.status == status
    # planned → … → no_show, then no_show again (nothing), then back down to planned
    assert past_lesson.status_changes.count() == 2 * len(statuses) - 2


def test_an_unknown_status_is_refused(past_lesson, teacher):
    with pytest.raises(ValueError, match="Unknown"):
        lesson_set_status(lesson=past_lesson, status="paid", by=teacher)


def test_cancelling_refills_a_project_with_a_lesson_limit(now, teacher, student):
    project = make_project(
        teacher, students=(student,), start_date=date(2027, 3, 1), lesson_limit=3
    )
    make_slot(project, [3], time(18))
    lessons_generate(project=project, until=date(2027, 5, 1))
    first = project.lessons.first()

    lesson_set_status(lesson=first, status=LessonStatus.CANCELLED_BY_TEACHER, by=teacher)

    assert project.lessons.count() == 4
    assert project.lessons.not_cancelled().count() == 3


class TestCancelByStudent:
    def test_in_time(self, lesson, student):
        at = lesson.start - timedelta(hours=24)
        lesson_cancel_by_student(lesson=lesson, by=student, at=at)
        lesson.refresh_from_db()
        assert lesson.status == LessonStatus.CANCELLED_BY_STUDENT
        assert lesson.status_changes.get().changed_by == student

    def test_late(self, lesson, student):
        at = lesson.start - timedelta(hours=23, minutes=59)
        lesson_cancel_by_student(lesson=lesson, by=student, at=at)
        lesson.refresh_from_db()
        assert lesson.status == LessonStatus.CANCELLED_LATE

    def test_the_project_rule_decides(self, lesson, project, student):
        project.late_cancel_hours = 48
        project.save(update_fields=["late_cancel_hours"])
        lesson_cancel_by_student(lesson=lesson, by=student)  # now: 24 h before
        lesson.refresh_from_db()
        assert lesson.status == LessonStatus.CANCELLED_LATE

    def test_it_defaults_to_now(self, lesson, student, now):
        lesson_cancel_by_student(lesson=lesson, by=student)  # exactly 24 hours before
        lesson.refresh_from_db()
        assert lesson.status == LessonStatus.CANCELLED_BY_STUDENT

    def test_twice_changes_nothing(self, lesson, student):
        lesson_cancel_by_student(lesson=lesson, by=student)
        lesson_cancel_by_student(lesson=lesson, by=student, at=lesson.start)
        lesson.refresh_from_db()
        assert lesson.status == LessonStatus.CANCELLED_BY_STUDENT
        assert lesson.sequence == 1

    def test_a_held_lesson_cannot_be_cancelled(self, past_lesson, student, teacher):
        lesson_set_status(lesson=past_lesson, status=LessonStatus.HELD, by=teacher)
        with pytest.raises(ValueError, match="planned"):
            lesson_cancel_by_student(lesson=past_lesson, by=student)


def test_after_the_start_cancelling_is_late(project, student):
    from apps.scheduling.tests.factories import make_lesson

    lesson = make_lesson(project, utc(2027, 3, 1, 11, 30))
    lesson_cancel_by_student(lesson=lesson, by=student)
    lesson.refresh_from_db()
    assert lesson.status == LessonStatus.CANCELLED_LATE
