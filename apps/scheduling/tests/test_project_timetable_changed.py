"""project_timetable_changed: future untouched lessons follow the timetable, the rest stay.

Slots are in Moscow time (UTC+3). "Now" is Wednesday 13 January 2027, 12:00 UTC; the
horizon is 12 weeks, to 7 April 2027.
"""

from __future__ import annotations

from datetime import date, time

import pytest

from apps.projects.tests.factories import make_project
from apps.scheduling.models import DayOff, LessonStatus
from apps.scheduling.services import lessons_generate, project_timetable_changed
from apps.scheduling.tests.factories import make_lesson, make_slot, starts, utc

MON = 0


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(utc(2027, 1, 13, 12), tick=False)


@pytest.fixture
def project(teacher):
    project = make_project(teacher, start_date=date(2027, 1, 4))
    make_slot(project, [MON], time(18))
    lessons_generate(project=project, until=date(2027, 2, 28))
    return project


def lesson_at(project, start):
    return project.lessons.get(occurrence=start)


def test_time_change_moves_untouched_and_leaves_the_rest(project):
    held = lesson_at(project, utc(2027, 1, 4, 15))
    held.status = LessonStatus.HELD
    held.save()
    past_planned = lesson_at(project, utc(2027, 1, 11, 15))
    cancelled = lesson_at(project, utc(2027, 1, 18, 15))
    cancelled.status = LessonStatus.CANCELLED_BY_STUDENT
    cancelled.save()
    moved = lesson_at(project, utc(2027, 1, 25, 15))
    moved.start, moved.end, moved.moved_by_hand = utc(2027, 1, 26, 15), utc(2027, 1, 26, 16), True
    moved.save()
    untouched = lesson_at(project, utc(2027, 2, 1, 15))
    one_off = make_lesson(project, utc(2027, 2, 3, 10))

    project.slots.update(start_time=time(19))
    changes = project_timetable_changed(project=project, today=date(2027, 1, 13))

    for lesson in (held, past_planned, cancelled, moved, one_off):
        before = (lesson.start, lesson.end, lesson.status, lesson.sequence)
        lesson.refresh_from_db()
        assert (lesson.start, lesson.end, lesson.status, lesson.sequence) == before
    untouched.refresh_from_db()
    assert untouched.start == utc(2027, 2, 1, 16)
    assert untouched.end == utc(2027, 2, 1, 17)
    assert untouched.sequence == 1
    # No second lesson on the days whose lessons were cancelled or moved.
    assert not project.lessons.filter(start__in=[utc(2027, 1, 18, 16), utc(2027, 1, 25, 16)])
    # Every Monday from 1 February to 5 April is at 19:00 Moscow (16:00 UTC).
    mondays = [(2, 1), (2, 8), (2, 15), (2, 22), (3, 1), (3, 8), (3, 15), (3, 22), (3, 29), (4, 5)]
    assert starts(project.lessons.filter(start__gte=utc(2027, 1, 27), slot__isnull=False)) == [
        utc(2027, month, day, 16) for month, day in mondays
    ]
    assert (changes.moved, changes.created) == (4, 6)  # 1–22 February; 1 March–5 April
    assert changes.deleted == 0


def test_slot_ended_deletes_its_future_untouched_lessons(project):
    held = lesson_at(project, utc(2027, 1, 4, 15))
    held.status = LessonStatus.HELD
    held.save()
    project.slots.update(valid_until=date(2027, 1, 20))

    changes = project_timetable_changed(project=project, today=date(2027, 1, 13))

    assert starts(project.lessons.all()) == [
        utc(2027, 1, 4, 15),
        utc(2027, 1, 11, 15),
        utc(2027, 1, 18, 15),
    ]
    assert changes.deleted == 5  # 25 January to 22 February


def test_unchanged_timetable_keeps_lessons_as_they_are(project):
    before = list(project.lessons.values_list("pk", "start", "sequence"))[:8]

    changes = project_timetable_changed(project=project, today=date(2027, 1, 13))

    assert list(project.lessons.values_list("pk", "start", "sequence"))[:8] == before
    assert (changes.moved, changes.deleted) == (0, 0)
    assert changes.created == 6  # 1 March to 5 April: the horizon reaches further


def test_lesson_kept_on_a_day_off_follows_the_new_time(project):
    """A day off taken after the lessons were made: the teacher decides about its lesson
    (day_off_conflicts), so a timetable change moves it rather than deleting it."""
    DayOff.objects.create(
        teacher=project.teacher, start_date=date(2027, 2, 1), end_date=date(2027, 2, 1)
    )
    lesson = lesson_at(project, utc(2027, 2, 1, 15))

    project.slots.update(start_time=time(19))
    project_timetable_changed(project=project, today=date(2027, 1, 13))

    lesson.refresh_from_db()
    assert lesson.start == utc(2027, 2, 1, 16)


def test_no_new_lesson_on_a_day_off(project):
    DayOff.objects.create(
        teacher=project.teacher, start_date=date(2027, 3, 1), end_date=date(2027, 3, 7)
    )

    project_timetable_changed(project=project, today=date(2027, 1, 13))

    assert not project.lessons.filter(start__date=date(2027, 3, 1)).exists()
    assert project.lessons.filter(start=utc(2027, 3, 8, 15)).exists()


def test_duration_change_updates_end(project):
    project.slots.update(duration=45)

    project_timetable_changed(project=project, today=date(2027, 1, 13))

    lesson = lesson_at(project, utc(2027, 1, 18, 15))
    assert lesson.end == utc(2027, 1, 18, 15, 45)
    assert lesson.sequence == 1
    assert lesson_at(project, utc(2027, 1, 11, 15)).end == utc(2027, 1, 11, 16)
