"""Where a slot's lessons land in time, across daylight-saving changes.

Expected instants are written out by hand from the zones' rules: Paris is UTC+1 in winter and
UTC+2 from the last Sunday of March (28 March 2027) to the last Sunday of October (31 October
2027); New York is UTC-5 / UTC-4 from 14 March to 7 November 2027; Moscow is UTC+3 and
Yekaterinburg UTC+5 all year.
"""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, time

import pytest

from apps.projects.tests.factories import make_project
from apps.scheduling.services import lessons_generate
from apps.scheduling.tests.factories import make_slot, starts, utc

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")
SUNDAY = 6


@pytest.fixture
def paris_teacher(teacher):
    teacher.time_zone = "Europe/Paris"
    teacher.save()
    return teacher


def test_paris_spring_forward_keeps_local_time(paris_teacher):
    project = make_project(paris_teacher, start_date=date(2027, 3, 1))
    slot = make_slot(project, [SUNDAY], time(18))

    got = slot.occurrences(date(2027, 3, 20), date(2027, 4, 5))

    assert got == [utc(2027, 3, 21, 17), utc(2027, 3, 28, 16), utc(2027, 4, 4, 16)]
    assert [dt.astimezone(PARIS).strftime("%d %H:%M") for dt in got] == [
        "21 18:00",
        "28 18:00",
        "04 18:00",
    ]
    # Seen from Moscow the lesson moves an hour earlier.
    assert [dt.astimezone(MOSCOW).hour for dt in got] == [20, 19, 19]


def test_paris_fall_back_keeps_local_time(paris_teacher):
    project = make_project(paris_teacher, start_date=date(2027, 10, 1))
    slot = make_slot(project, [SUNDAY], time(18))

    got = slot.occurrences(date(2027, 10, 23), date(2027, 11, 8))

    assert got == [utc(2027, 10, 24, 16), utc(2027, 10, 31, 17), utc(2027, 11, 7, 17)]
    assert [dt.astimezone(MOSCOW).hour for dt in got] == [19, 20, 20]


def test_new_york_both_changes(teacher):
    project = make_project(teacher, start_date=date(2027, 3, 1))
    slot = make_slot(project, [SUNDAY], time(18), time_zone="America/New_York")

    spring = slot.occurrences(date(2027, 3, 6), date(2027, 3, 15))
    autumn = slot.occurrences(date(2027, 10, 30), date(2027, 11, 8))

    assert spring == [utc(2027, 3, 7, 23), utc(2027, 3, 14, 22)]
    assert autumn == [utc(2027, 10, 31, 22), utc(2027, 11, 7, 23)]


def test_lessons_keep_paris_time_through_the_year(paris_teacher):
    project = make_project(paris_teacher, start_date=date(2027, 3, 1))
    make_slot(project, [0], time(18))  # Mondays

    lessons_generate(project=project, until=date(2027, 11, 30))

    lessons = list(project.lessons.all())
    assert len(lessons) == 40  # every Monday from 1 March to 29 November
    assert {lesson.start.astimezone(PARIS).time() for lesson in lessons} == {time(18)}
    assert lessons[3].start == utc(2027, 3, 22, 17)
    assert lessons[4].start == utc(2027, 3, 29, 16)


def test_spring_forward_gap_moves_lesson_by_the_gap(paris_teacher):
    """02:30 does not exist in Paris on 28 March 2027: the lesson is at 03:30 summer time
    (01:30 UTC), as RFC 5545 reads such a time; a week later it is 02:30 again."""
    project = make_project(paris_teacher, start_date=date(2027, 3, 1))
    make_slot(project, [SUNDAY], time(2, 30))

    lessons_generate(project=project, until=date(2027, 4, 4))

    lessons = list(project.lessons.filter(start__gte=utc(2027, 3, 20)))
    assert starts(lessons) == [
        utc(2027, 3, 21, 1, 30),
        utc(2027, 3, 28, 1, 30),
        utc(2027, 4, 4, 0, 30),
    ]
    gap_lesson = lessons[1]
    assert gap_lesson.local_start(PARIS).replace(tzinfo=None) == datetime(2027, 3, 28, 3, 30)
    assert gap_lesson.end == utc(2027, 3, 28, 2, 30)
    assert gap_lesson.occurrence == gap_lesson.start


def test_repeated_autumn_hour_takes_the_first(paris_teacher):
    """02:30 happens twice in Paris on 31 October 2027: the first one, still summer time."""
    project = make_project(paris_teacher, start_date=date(2027, 10, 1))
    slot = make_slot(project, [SUNDAY], time(2, 30))

    assert slot.occurrences(date(2027, 10, 31), date(2027, 10, 31)) == [utc(2027, 10, 31, 0, 30)]


def test_student_sees_lesson_in_own_zone(paris_teacher, student):
    student.time_zone = "Asia/Yekaterinburg"
    student.save()
    project = make_project(paris_teacher, students=(student,), start_date=date(2027, 3, 22))
    make_slot(project, [0], time(18))

    lessons_generate(project=project, until=date(2027, 3, 29))

    local = [lesson.local_start(student.zone) for lesson in project.lessons.for_student(student)]
    assert [dt.replace(tzinfo=None) for dt in local] == [
        datetime(2027, 3, 22, 22, 0),
        datetime(2027, 3, 29, 21, 0),
    ]


def test_occurrences_stay_within_validity(teacher):
    project = make_project(teacher)
    slot = make_slot(
        project, [0], time(18), valid_from=date(2027, 1, 11), valid_until=date(2027, 1, 25)
    )

    got = slot.occurrences(date(2027, 1, 1), date(2027, 12, 31))

    # Mondays 11, 18 and 25 January at 18:00 Moscow (15:00 UTC).
    assert got == [utc(2027, 1, 11, 15), utc(2027, 1, 18, 15), utc(2027, 1, 25, 15)]
