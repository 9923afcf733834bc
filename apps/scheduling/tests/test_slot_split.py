"""slot_split: "this and all following" changes to a slot.

Slots are in Moscow time (UTC+3). "Now" is Wednesday 13 January 2027, 12:00 UTC.
"""

from __future__ import annotations

from datetime import date, time

import pytest

from apps.projects.tests.factories import make_project
from apps.scheduling.models import LessonStatus, TimetableSlot
from apps.scheduling.services import lessons_generate, slot_split
from apps.scheduling.tests.factories import make_slot, starts, utc

MON, TUE, WED, THU = 0, 1, 2, 3


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(utc(2027, 1, 13, 12), tick=False)


def test_split_moves_following_lessons_to_new_day_and_time(teacher):
    project = make_project(teacher, start_date=date(2027, 1, 4))
    slot = make_slot(project, [MON], time(18))
    lessons_generate(project=project, until=date(2027, 2, 14))
    cancelled = project.lessons.get(occurrence=utc(2027, 2, 1, 15))
    cancelled.status = LessonStatus.CANCELLED_BY_STUDENT
    cancelled.save()

    new_slot = slot_split(
        slot=slot,
        from_date=date(2027, 1, 25),
        weekday=WED,
        start_time=time(17),
        today=date(2027, 1, 13),
    )

    slot.refresh_from_db()
    assert slot.valid_until == date(2027, 1, 24)
    assert new_slot.pk != slot.pk
    assert new_slot.rrule == "FREQ=WEEKLY;BYDAY=WE"
    assert (new_slot.start_time, new_slot.valid_from, new_slot.valid_until) == (
        time(17),
        date(2027, 1, 25),
        None,
    )
    assert (new_slot.time_zone, new_slot.duration) == (slot.time_zone, slot.duration)
    # Mondays up to 18 January stay; the cancelled lesson of 1 February stays as a record;
    # from 27 January it's Wednesdays at 17:00 Moscow (14:00 UTC), to the 12-week horizon.
    lessons = project.lessons.all()
    assert starts(lessons.filter(slot=slot)) == [
        utc(2027, 1, 4, 15),
        utc(2027, 1, 11, 15),
        utc(2027, 1, 18, 15),
        utc(2027, 2, 1, 15),
    ]
    new_starts = starts(lessons.filter(slot=new_slot))
    assert new_starts[:3] == [utc(2027, 1, 27, 14), utc(2027, 2, 3, 14), utc(2027, 2, 10, 14)]
    assert new_starts[-1] == utc(2027, 4, 7, 14)
    assert len(new_starts) == 11


def test_split_keeps_the_fortnightly_beat(teacher):
    """Every other Thursday from 7 January: 7 and 21 January, 4 and 18 February… Split from
    Monday 25 January (an off week) to Tuesdays: the next lesson week is that of 1 February."""
    project = make_project(teacher, start_date=date(2027, 1, 7))
    slot = make_slot(project, [THU], time(19, 30), interval=2)
    lessons_generate(project=project, until=date(2027, 1, 31))

    new_slot = slot_split(slot=slot, from_date=date(2027, 1, 25), weekday=TUE)

    assert new_slot.rrule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
    assert new_slot.valid_from == date(2027, 2, 1)
    assert starts(project.lessons.filter(start__lt=utc(2027, 3, 1))) == [
        utc(2027, 1, 7, 16, 30),
        utc(2027, 1, 21, 16, 30),
        utc(2027, 2, 2, 16, 30),
        utc(2027, 2, 16, 16, 30),
    ]


def test_split_in_a_lesson_week_keeps_the_date(teacher):
    project = make_project(teacher, start_date=date(2027, 1, 7))
    slot = make_slot(project, [THU], time(19, 30), interval=2)

    new_slot = slot_split(slot=slot, from_date=date(2027, 2, 4), start_time=time(10))

    assert new_slot.valid_from == date(2027, 2, 4)
    assert starts(project.lessons.filter(slot=new_slot, start__lt=utc(2027, 3, 1))) == [
        utc(2027, 2, 4, 7),
        utc(2027, 2, 18, 7),
    ]


def test_split_keeps_the_lesson_limit(teacher):
    project = make_project(teacher, start_date=date(2027, 1, 4), lesson_limit=4)
    slot = make_slot(project, [MON], time(18))
    lessons_generate(project=project, until=date(2027, 3, 31))

    slot_split(slot=slot, from_date=date(2027, 1, 14), weekday=WED)

    assert starts(project.lessons.all()) == [
        utc(2027, 1, 4, 15),
        utc(2027, 1, 11, 15),
        utc(2027, 1, 20, 15),
        utc(2027, 1, 27, 15),
    ]


def test_split_from_the_first_day_changes_the_whole_slot(teacher):
    project = make_project(teacher, start_date=date(2027, 1, 18))
    slot = make_slot(project, [MON], time(18))
    lessons_generate(project=project, until=date(2027, 1, 31))

    same = slot_split(slot=slot, from_date=date(2027, 1, 18), duration=90)

    assert same.pk == slot.pk
    assert TimetableSlot.objects.count() == 1
    lesson = project.lessons.first()
    assert (lesson.start, lesson.end) == (utc(2027, 1, 18, 15), utc(2027, 1, 18, 16, 30))


def test_split_after_the_slot_ended_is_refused(teacher):
    project = make_project(teacher, start_date=date(2027, 1, 4))
    slot = make_slot(project, [MON], time(18), valid_until=date(2027, 1, 31))

    with pytest.raises(ValueError):
        slot_split(slot=slot, from_date=date(2027, 2, 1), start_time=time(10))
