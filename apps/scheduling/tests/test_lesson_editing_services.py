"""The services behind the calendar's dialogs: conflicts, one-off lessons, moving, cancelling
"this and all following", notes, and generating weeks past the horizon.

See conftest.py: the teacher is in Paris (UTC+1 in winter), "now" is Wednesday 13 January 2027,
and the English project has a lesson every Thursday at 18:00 Paris time up to 7 April.
"""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, time, timedelta
from unittest import mock

import pytest

from apps.projects.models import ProjectStatus
from apps.projects.tests.factories import make_project
from apps.scheduling import services
from apps.scheduling.models import Lesson, LessonStatus
from apps.scheduling.services import (
    lesson_cancel_following,
    lesson_conflicts,
    lesson_create,
    lesson_move,
    lesson_move_following,
    lesson_set_note,
    lessons_generate,
    project_timetable_changed,
    schedules_extend_until,
)
from apps.scheduling.tests.factories import make_lesson, make_slot, starts, utc

pytestmark = pytest.mark.usefixtures("now")

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
MON, TUE, THU, FRI = 0, 1, 3, 4


def paris(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A start as the calendar's forms give it: a wall-clock time in the teacher's zone."""
    return datetime(year, month, day, hour, minute, tzinfo=PARIS)


def lesson_of(project, year: int, month: int, day: int, hour_utc: int) -> Lesson:
    return project.lessons.get(occurrence=utc(year, month, day, hour_utc))


# lesson_conflicts


def test_conflicts_are_the_teachers_overlapping_lessons(thursday, french, others):
    overlapping = make_lesson(french, utc(2027, 1, 14, 17, 30))
    make_lesson(french, utc(2027, 1, 14, 16))  # ends as the lesson starts
    make_lesson(french, utc(2027, 1, 14, 18))  # starts as it ends
    make_lesson(french, utc(2027, 1, 14, 17), status=LessonStatus.CANCELLED_BY_STUDENT)
    make_lesson(others, utc(2027, 1, 14, 17))
    teacher = thursday.project.teacher

    found = lesson_conflicts(
        teacher=teacher, start=thursday.start, end=thursday.end, exclude=thursday
    )

    assert list(found) == [overlapping]
    assert list(lesson_conflicts(teacher=teacher, start=thursday.start, end=thursday.end)) == [
        thursday,
        overlapping,
    ]


# lesson_create


def test_create_makes_a_one_off_lesson_the_timetable_leaves_alone(french):
    lesson = lesson_create(
        project=french, start=paris(2027, 1, 15, 10), end=paris(2027, 1, 15, 11), note="Trial"
    )

    lesson.refresh_from_db()
    assert (lesson.start, lesson.end) == (utc(2027, 1, 15, 9), utc(2027, 1, 15, 10))
    assert (lesson.slot, lesson.occurrence, lesson.note) == (None, None, "Trial")
    assert lesson.is_untouched()
    project_timetable_changed(project=french)
    assert Lesson.objects.filter(pk=lesson.pk).exists()


# lesson_move


def test_move_sets_moved_by_hand_and_bumps_the_sequence(thursday):
    moved = lesson_move(
        lesson=thursday, start=paris(2027, 1, 15, 10), end=paris(2027, 1, 15, 11, 30)
    )

    thursday.refresh_from_db()
    assert (thursday.start, thursday.end) == (utc(2027, 1, 15, 9), utc(2027, 1, 15, 10, 30))
    assert thursday.moved_by_hand
    assert thursday.sequence == 1
    assert thursday.occurrence == utc(2027, 1, 14, 17)  # the day the timetable gave it
    assert moved == thursday


def test_a_later_timetable_change_leaves_a_moved_lesson_alone(english, thursday):
    lesson_move(lesson=thursday, start=paris(2027, 1, 15, 10), end=paris(2027, 1, 15, 11))
    english.slots.update(start_time=time(19))

    changes = project_timetable_changed(project=english)

    thursday.refresh_from_db()
    assert (thursday.start, thursday.sequence) == (utc(2027, 1, 15, 9), 1)
    # No second lesson on its Thursday; the next Thursday follows the new time.
    assert not english.lessons.filter(start=utc(2027, 1, 14, 18)).exists()
    assert english.lessons.filter(start=utc(2027, 1, 21, 18)).exists()
    assert changes.deleted == 0


def test_moving_to_the_same_time_changes_nothing(thursday):
    lesson_move(lesson=thursday, start=paris(2027, 1, 14, 18), end=paris(2027, 1, 14, 19))

    thursday.refresh_from_db()
    assert (thursday.moved_by_hand, thursday.sequence) == (False, 0)


def test_move_takes_the_projects_lock_like_the_timetable_does(thursday):
    # Otherwise a timetable change running at the same moment could put the lesson back.
    with mock.patch.object(services, "_lock", wraps=services._lock) as lock:
        lesson_move(lesson=thursday, start=paris(2027, 1, 15, 10), end=paris(2027, 1, 15, 11))

    lock.assert_called_once_with(thursday.project)


def test_a_short_lesson_can_be_made_longer(thursday):
    lesson_move(lesson=thursday, start=thursday.start, end=thursday.end + timedelta(minutes=30))

    thursday.refresh_from_db()
    assert thursday.duration_minutes == 90
    assert thursday.moved_by_hand


# lesson_move_following


def test_move_following_moves_the_untouched_later_lessons(english, thursday):
    slot = english.slots.get()
    next_one = lesson_of(english, 2027, 1, 21, 17)
    by_hand = lesson_of(english, 2027, 2, 4, 17)
    lesson_move(lesson=by_hand, start=paris(2027, 2, 3, 9), end=paris(2027, 2, 3, 10))
    one_off = make_lesson(english, utc(2027, 1, 26, 9))

    new_slot = lesson_move_following(
        lesson=next_one, start=paris(2027, 1, 22, 17), end=paris(2027, 1, 22, 17, 45)
    )

    slot.refresh_from_db()
    assert slot.valid_until == date(2027, 1, 20)
    assert (new_slot.rrule, new_slot.start_time, new_slot.duration) == (
        "FREQ=WEEKLY;BYDAY=FR",
        time(17),
        45,
    )
    assert (new_slot.valid_from, new_slot.time_zone) == (date(2027, 1, 21), "Europe/Paris")
    # Earlier Thursdays stay, and so do the lesson moved by hand and the one-off.
    assert starts(english.lessons.filter(slot=slot)) == [
        utc(2027, 1, 7, 17),
        utc(2027, 1, 14, 17),
        utc(2027, 2, 3, 8),
    ]
    thursday.refresh_from_db()
    assert (thursday.start, thursday.sequence) == (utc(2027, 1, 14, 17), 0)
    assert Lesson.objects.filter(pk=one_off.pk).exists()
    # From 22 January: Fridays at 17:00 in Paris (16:00 UTC, 15:00 from 28 March), 45 minutes.
    fridays = english.lessons.filter(slot=new_slot)
    assert starts(fridays)[:3] == [utc(2027, 1, 22, 16), utc(2027, 1, 29, 16), utc(2027, 2, 5, 16)]
    assert starts(fridays)[-2:] == [utc(2027, 3, 26, 16), utc(2027, 4, 2, 15)]
    assert {lesson.duration_minutes for lesson in fridays} == {45}
    assert not english.lessons.filter(start__date=date(2027, 1, 21)).exists()


def test_move_following_to_an_earlier_day_of_the_week(english, thursday):
    next_one = lesson_of(english, 2027, 1, 21, 17)

    new_slot = lesson_move_following(
        lesson=next_one, start=paris(2027, 1, 19, 18), end=paris(2027, 1, 19, 19)
    )

    # This week's lesson moves to Tuesday 19 January; it does not vanish.
    assert new_slot.valid_from == date(2027, 1, 19)
    assert starts(english.lessons.filter(slot=new_slot))[:2] == [
        utc(2027, 1, 19, 17),
        utc(2027, 1, 26, 17),
    ]
    assert not english.lessons.filter(start__date=date(2027, 1, 21)).exists()
    thursday.refresh_from_db()
    assert thursday.start == utc(2027, 1, 14, 17)


def test_move_following_keeps_the_lessons_note(english):
    next_one = lesson_of(english, 2027, 1, 21, 17)
    lesson_set_note(lesson=next_one, note="Bring the book")

    new_slot = lesson_move_following(
        lesson=next_one, start=paris(2027, 1, 22, 17), end=paris(2027, 1, 22, 18)
    )

    moved = english.lessons.get(slot=new_slot, start=utc(2027, 1, 22, 16))
    assert moved.note == "Bring the book"
    assert english.lessons.filter(note="Bring the book").count() == 1


def test_move_following_of_a_lesson_moved_before(english):
    next_one = lesson_of(english, 2027, 1, 21, 17)
    lesson_move(lesson=next_one, start=paris(2027, 1, 20, 9), end=paris(2027, 1, 20, 10))

    new_slot = lesson_move_following(
        lesson=next_one, start=paris(2027, 1, 21, 19), end=paris(2027, 1, 21, 20)
    )

    # Same weekday, new time: it follows the new timetable again, like the lessons after it.
    assert new_slot.rrule == "FREQ=WEEKLY;BYDAY=TH"
    assert starts(english.lessons.filter(start__gte=utc(2027, 1, 15)))[:2] == [
        utc(2027, 1, 21, 18),
        utc(2027, 1, 28, 18),
    ]
    assert not english.lessons.filter(moved_by_hand=True).exists()


def test_move_following_keeps_the_slots_other_weekdays(paris_teacher, now):
    project = make_project(paris_teacher, title="Twice a week", start_date=date(2027, 1, 4))
    make_slot(project, [MON, THU], time(18))
    lessons_generate(project=project, until=date(2027, 2, 7))
    thursday = lesson_of(project, 2027, 1, 21, 17)

    new_slot = lesson_move_following(
        lesson=thursday, start=paris(2027, 1, 22, 18), end=paris(2027, 1, 22, 19)
    )

    # Thursdays become Fridays; the Mondays go on as before.
    assert new_slot.rrule == "FREQ=WEEKLY;BYDAY=MO,FR"
    assert starts(
        project.lessons.filter(start__gte=utc(2027, 1, 15), start__lt=utc(2027, 2, 6))
    ) == [
        utc(2027, 1, 18, 17),
        utc(2027, 1, 22, 17),
        utc(2027, 1, 25, 17),
        utc(2027, 1, 29, 17),
        utc(2027, 2, 1, 17),
        utc(2027, 2, 5, 17),
    ]


def test_a_one_off_lesson_has_no_following_lessons(french):
    one_off = make_lesson(french, utc(2027, 1, 15, 9))

    with pytest.raises(ValueError, match="no following"):
        lesson_move_following(
            lesson=one_off, start=paris(2027, 1, 16, 10), end=paris(2027, 1, 16, 11)
        )


# lesson_cancel_following


def test_cancel_following_ends_the_slot_and_keeps_the_records(english, french, time_machine):
    # Friday 22 January: the student stopped coming after the lesson of the 14th.
    time_machine.move_to(utc(2027, 1, 22, 12), tick=False)
    slot = english.slots.get()
    first = lesson_of(english, 2027, 1, 7, 17)
    stop = lesson_of(english, 2027, 1, 14, 17)
    held = lesson_of(english, 2027, 1, 21, 17)
    held.status = LessonStatus.HELD
    held.save()
    by_hand = lesson_of(english, 2027, 2, 4, 17)
    lesson_move(lesson=by_hand, start=paris(2027, 2, 3, 9), end=paris(2027, 2, 3, 10))
    one_off = make_lesson(english, utc(2027, 2, 10, 9))
    other_project = make_lesson(french, utc(2027, 2, 11, 9))

    removed = lesson_cancel_following(lesson=stop)

    slot.refresh_from_db()
    assert slot.valid_until == date(2027, 1, 13)
    stop.refresh_from_db()
    assert (stop.status, stop.sequence) == (LessonStatus.CANCELLED_BY_TEACHER, 1)
    # 28 January and 11 February to 1 April: the untouched Thursdays that were still ahead.
    assert removed == 9
    assert set(english.lessons.all()) == {first, stop, held, by_hand, one_off}
    held.refresh_from_db()
    assert held.status == LessonStatus.HELD
    assert Lesson.objects.filter(pk=other_project.pk).exists()


def test_cancel_following_from_the_slots_first_day(paris_teacher, now):
    project = make_project(paris_teacher, title="Short", start_date=date(2027, 1, 4))
    slot = make_slot(project, [THU], time(18), valid_from=date(2027, 1, 14))
    lessons_generate(project=project, until=date(2027, 2, 28))
    first = lesson_of(project, 2027, 1, 14, 17)

    removed = lesson_cancel_following(lesson=first)

    slot.refresh_from_db()
    assert slot.valid_until == slot.valid_from == date(2027, 1, 14)
    assert list(project.lessons.all()) == [first]
    assert removed == 6


def test_cancel_following_never_extends_an_ended_slot(paris_teacher, now):
    project = make_project(paris_teacher, title="Twice a week", start_date=date(2027, 1, 4))
    slot = make_slot(project, [MON, THU], time(18))
    lessons_generate(project=project, until=date(2027, 2, 7))
    monday = lesson_of(project, 2027, 1, 25, 17)
    lesson_move(lesson=monday, start=paris(2027, 1, 26, 18), end=paris(2027, 1, 26, 19))
    slot.valid_until = date(2027, 1, 19)
    slot.save()
    project_timetable_changed(project=project)  # Thursday 21 January and later go

    lesson_cancel_following(lesson=monday)

    slot.refresh_from_db()
    assert slot.valid_until == date(2027, 1, 19)
    assert not project.lessons.filter(start__date=date(2027, 1, 21)).exists()


# lesson_set_note


def test_set_note(thursday, time_machine):
    time_machine.move_to(utc(2027, 1, 13, 12, 5), tick=False)

    lesson_set_note(lesson=thursday, note="Past Simple, irregular verbs")

    assert thursday.note == "Past Simple, irregular verbs"
    thursday.refresh_from_db()
    assert thursday.note == "Past Simple, irregular verbs"
    assert thursday.updated_at == utc(2027, 1, 13, 12, 5)
    assert (thursday.sequence, thursday.moved_by_hand) == (0, False)


# schedules_extend_until


def test_extend_until_fills_the_teachers_active_projects(english, paris_teacher, others):
    make_slot(others, [MON], time(10))
    paused = make_project(paris_teacher, title="Paused", status=ProjectStatus.PAUSED)
    make_slot(paused, [MON], time(10))

    created = schedules_extend_until(teacher=paris_teacher, until=date(2027, 5, 2))

    # 8 April to 29 April: four more Thursdays, and nothing for the others.
    assert created == 4
    assert starts(english.lessons.filter(start__gte=utc(2027, 4, 8))) == [
        utc(2027, 4, day, 16) for day in (8, 15, 22, 29)
    ]
    assert not others.lessons.exists()
    assert not paused.lessons.exists()


def test_extend_until_within_the_horizon_does_nothing(english, paris_teacher):
    with mock.patch.object(services, "lessons_generate") as generate:
        created = schedules_extend_until(teacher=paris_teacher, until=date(2027, 4, 7))

    assert created == 0
    generate.assert_not_called()


def test_extend_until_never_fills_the_past(paris_teacher, now):
    project = make_project(paris_teacher, title="New", start_date=date(2027, 1, 4))
    make_slot(project, [MON], time(10))

    schedules_extend_until(teacher=paris_teacher, until=date(2027, 4, 30))

    assert starts(project.lessons.all())[0] == utc(2027, 1, 18, 9)
