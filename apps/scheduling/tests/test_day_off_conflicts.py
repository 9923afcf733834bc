"""day_off_conflicts and lessons_cancel. Lessons here are one-offs at fixed instants; the
teacher's days are in Moscow time (UTC+3), so Moscow midnight is 21:00 UTC the day before."""

from __future__ import annotations

from datetime import date, time

import pytest

from apps.projects.tests.factories import make_project
from apps.scheduling.models import DayOff, LessonStatus
from apps.scheduling.services import day_off_conflicts, lessons_cancel, lessons_generate
from apps.scheduling.tests.factories import make_lesson, make_slot, starts, utc


@pytest.fixture
def english(teacher):
    return make_project(teacher, title="English")


@pytest.fixture
def french(teacher):
    return make_project(teacher, title="French", language="fr")


def test_teacher_wide_day_off_finds_all_projects(english, french, other_teacher):
    before = make_lesson(english, utc(2027, 1, 17, 20, 30))  # 23:30 Moscow on the 17th
    inside = make_lesson(english, utc(2027, 1, 17, 21))  # 00:00 Moscow on the 18th
    other_project = make_lesson(french, utc(2027, 1, 19, 10))
    make_lesson(french, utc(2027, 1, 19, 12), status=LessonStatus.HELD)
    last = make_lesson(english, utc(2027, 1, 19, 20, 59))  # 23:59 Moscow on the 19th
    make_lesson(english, utc(2027, 1, 19, 21))  # 00:00 Moscow on the 20th
    make_lesson(make_project(other_teacher), utc(2027, 1, 18, 10))
    day_off = DayOff.objects.create(
        teacher=english.teacher, start_date=date(2027, 1, 18), end_date=date(2027, 1, 19)
    )

    found = list(day_off_conflicts(day_off=day_off))

    assert found == [inside, other_project, last]
    assert before not in found


def test_project_day_off_finds_that_project_only(english, french):
    mine = make_lesson(english, utc(2027, 1, 18, 10))
    make_lesson(french, utc(2027, 1, 18, 12))
    day_off = DayOff.objects.create(
        teacher=english.teacher,
        project=english,
        start_date=date(2027, 1, 18),
        end_date=date(2027, 1, 18),
    )

    assert list(day_off_conflicts(day_off=day_off)) == [mine]


def test_cancel_by_teacher(english):
    planned = make_lesson(english, utc(2027, 1, 18, 10))
    held = make_lesson(english, utc(2027, 1, 11, 10), status=LessonStatus.HELD)

    cancelled = lessons_cancel(lessons=[planned, held])

    assert cancelled == 1
    planned.refresh_from_db()
    held.refresh_from_db()
    assert (planned.status, planned.sequence) == (LessonStatus.CANCELLED_BY_TEACHER, 1)
    assert (held.status, held.sequence) == (LessonStatus.HELD, 0)


def test_cancel_by_student(english):
    lesson = make_lesson(english, utc(2027, 1, 18, 10))

    lessons_cancel(lessons=[lesson], by_teacher=False)

    lesson.refresh_from_db()
    assert lesson.status == LessonStatus.CANCELLED_BY_STUDENT


def test_cancelling_conflicts_of_a_day_off(english):
    lessons = [
        make_lesson(english, utc(2027, 1, 18, 10)),
        make_lesson(english, utc(2027, 1, 25, 10)),
    ]
    day_off = DayOff.objects.create(
        teacher=english.teacher, start_date=date(2027, 1, 18), end_date=date(2027, 1, 18)
    )

    assert lessons_cancel(lessons=day_off_conflicts(day_off=day_off)) == 1

    assert [lesson.status for lesson in english.lessons.all()] == [
        LessonStatus.CANCELLED_BY_TEACHER,
        LessonStatus.PLANNED,
    ]
    assert lessons[1].status == LessonStatus.PLANNED


def test_cancelling_in_a_limited_project_adds_a_lesson_at_the_end(teacher, time_machine):
    time_machine.move_to(utc(2027, 1, 4, 9), tick=False)
    project = make_project(teacher, start_date=date(2027, 1, 4), lesson_limit=3)
    make_slot(project, [0], time(18))  # Mondays 18:00 Moscow, 15:00 UTC
    lessons_generate(project=project, until=date(2027, 3, 31))
    assert starts(project.lessons.all())[-1] == utc(2027, 1, 18, 15)

    lessons_cancel(lessons=[project.lessons.get(start=utc(2027, 1, 11, 15))], by_teacher=False)

    assert starts(project.lessons.not_cancelled()) == [
        utc(2027, 1, 4, 15),
        utc(2027, 1, 18, 15),
        utc(2027, 1, 25, 15),
    ]
