"""lessons_generate: from timetable slots to lessons.

The teacher persona has no zone of their own, so slots are in Moscow time (UTC+3, no DST):
Monday 18:00 is 15:00 UTC and Thursday 19:30 is 16:30 UTC. 4 January 2027 is a Monday.
"""

from __future__ import annotations

from datetime import date, time

import pytest

from apps.projects.models import ProjectStatus
from apps.projects.tests.factories import make_project
from apps.scheduling.models import DayOff, Lesson, LessonStatus
from apps.scheduling.services import lessons_generate
from apps.scheduling.tests.factories import make_lesson, make_slot, starts, utc

MON, THU = 0, 3


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(utc(2027, 1, 4, 9), tick=False)


@pytest.fixture
def project(teacher, student):
    project = make_project(teacher, students=(student,), start_date=date(2027, 1, 4))
    make_slot(project, [MON], time(18))
    make_slot(project, [THU], time(19, 30))
    return project


def test_two_slots_a_week(project):
    created = lessons_generate(project=project, until=date(2027, 1, 17))

    assert created == 4
    lessons = list(project.lessons.all())
    assert starts(lessons) == [
        utc(2027, 1, 4, 15),
        utc(2027, 1, 7, 16, 30),
        utc(2027, 1, 11, 15),
        utc(2027, 1, 14, 16, 30),
    ]
    assert [lesson.end for lesson in lessons] == [
        utc(2027, 1, 4, 16),
        utc(2027, 1, 7, 17, 30),
        utc(2027, 1, 11, 16),
        utc(2027, 1, 14, 17, 30),
    ]
    assert all(lesson.status == LessonStatus.PLANNED for lesson in lessons)
    assert all(lesson.occurrence == lesson.start for lesson in lessons)


def test_every_two_weeks(teacher):
    project = make_project(teacher, start_date=date(2027, 1, 7))
    make_slot(project, [THU], time(19, 30), interval=2)

    lessons_generate(project=project, until=date(2027, 2, 28))

    assert starts(project.lessons.all()) == [
        utc(2027, 1, 7, 16, 30),
        utc(2027, 1, 21, 16, 30),
        utc(2027, 2, 4, 16, 30),
        utc(2027, 2, 18, 16, 30),
    ]


def test_starts_at_the_later_of_slot_and_project(teacher):
    project = make_project(teacher, start_date=date(2027, 1, 10))
    make_slot(project, [MON], time(18), valid_from=date(2027, 1, 1))
    make_slot(project, [THU], time(19, 30), valid_from=date(2027, 1, 15))

    lessons_generate(project=project, until=date(2027, 1, 24))

    assert starts(project.lessons.all()) == [
        utc(2027, 1, 11, 15),
        utc(2027, 1, 18, 15),
        utc(2027, 1, 21, 16, 30),
    ]


def test_ends_with_the_lesson_limit(project):
    project.lesson_limit = 5
    project.save()

    created = lessons_generate(project=project, until=date(2027, 3, 31))

    assert created == 5
    assert project.lessons.last().start == utc(2027, 1, 18, 15)


def test_lesson_limit_counts_existing_lessons_but_not_cancelled(project):
    project.lesson_limit = 3
    project.save()
    make_lesson(project, utc(2027, 1, 5, 12))  # a one-off lesson counts
    make_lesson(project, utc(2027, 1, 6, 12), status=LessonStatus.CANCELLED_BY_STUDENT)

    created = lessons_generate(project=project, until=date(2027, 3, 31))

    assert created == 2
    assert starts(project.lessons.filter(slot__isnull=False)) == [
        utc(2027, 1, 4, 15),
        utc(2027, 1, 7, 16, 30),
    ]


def test_ends_with_the_end_date(project):
    project.end_date = date(2027, 1, 14)
    project.save()

    lessons_generate(project=project, until=date(2027, 3, 31))

    assert project.lessons.last().start == utc(2027, 1, 14, 16, 30)
    assert project.lessons.count() == 4


def test_slot_valid_until(project):
    project.slots.filter(rrule__contains="TH").update(valid_until=date(2027, 1, 10))

    lessons_generate(project=project, until=date(2027, 1, 17))

    assert starts(project.lessons.all()) == [
        utc(2027, 1, 4, 15),
        utc(2027, 1, 7, 16, 30),
        utc(2027, 1, 11, 15),
    ]


def test_skips_teachers_days_off(project, teacher):
    DayOff.objects.create(teacher=teacher, start_date=date(2027, 1, 7), end_date=date(2027, 1, 11))

    lessons_generate(project=project, until=date(2027, 1, 17))

    assert starts(project.lessons.all()) == [utc(2027, 1, 4, 15), utc(2027, 1, 14, 16, 30)]


def test_skips_the_projects_days_off_only(project, teacher):
    other = make_project(teacher, title="French", language="fr", start_date=date(2027, 1, 4))
    make_slot(other, [MON], time(12))
    DayOff.objects.create(
        teacher=teacher, project=project, start_date=date(2027, 1, 11), end_date=date(2027, 1, 11)
    )

    lessons_generate(project=project, until=date(2027, 1, 17))
    lessons_generate(project=other, until=date(2027, 1, 17))

    assert utc(2027, 1, 11, 15) not in starts(project.lessons.all())
    assert starts(other.lessons.all()) == [utc(2027, 1, 4, 9), utc(2027, 1, 11, 9)]


def test_ignores_other_teachers_days_off(project, other_teacher):
    DayOff.objects.create(
        teacher=other_teacher, start_date=date(2027, 1, 1), end_date=date(2027, 1, 31)
    )

    assert lessons_generate(project=project, until=date(2027, 1, 17)) == 4


def test_runs_twice_without_duplicates(project):
    assert lessons_generate(project=project, until=date(2027, 1, 31)) == 8

    assert lessons_generate(project=project, until=date(2027, 1, 31)) == 0
    assert project.lessons.count() == 8


def test_extends_when_run_with_a_later_date(project):
    lessons_generate(project=project, until=date(2027, 1, 10))

    assert lessons_generate(project=project, until=date(2027, 1, 17)) == 2
    assert project.lessons.count() == 4


def test_never_recreates_cancelled_or_moved_lessons(project):
    lessons_generate(project=project, until=date(2027, 1, 17))
    first, second, *_rest = project.lessons.all()
    first.status = LessonStatus.CANCELLED_BY_STUDENT
    first.save()
    second.start, second.end = utc(2027, 1, 8, 10), utc(2027, 1, 8, 11)
    second.moved_by_hand = True
    second.save()

    assert lessons_generate(project=project, until=date(2027, 1, 17)) == 0
    assert project.lessons.count() == 4
    assert not project.lessons.filter(start=utc(2027, 1, 7, 16, 30)).exists()


def test_not_before_leaves_out_the_past(project):
    created = lessons_generate(project=project, until=date(2027, 1, 17), not_before=utc(2027, 1, 8))

    assert created == 2
    assert starts(project.lessons.all()) == [utc(2027, 1, 11, 15), utc(2027, 1, 14, 16, 30)]


@pytest.mark.parametrize("status", [ProjectStatus.PAUSED, ProjectStatus.FINISHED])
def test_only_active_projects(project, status):
    project.status = status
    project.save()

    assert lessons_generate(project=project, until=date(2027, 1, 17)) == 0
    assert not Lesson.objects.exists()
