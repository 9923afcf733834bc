from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from django.db import IntegrityError, transaction

from apps.projects.tests.factories import make_project
from apps.scheduling.models import DayOff, Lesson, LessonStatus, TimetableSlot
from apps.scheduling.tests.factories import make_lesson, make_slot, utc


@pytest.fixture
def project(teacher, student):
    return make_project(teacher, students=(student,))


def test_untouched(project):
    planned = make_lesson(project, utc(2027, 1, 4, 10))
    moved = make_lesson(project, utc(2027, 1, 5, 10), moved_by_hand=True)
    held = make_lesson(project, utc(2027, 1, 6, 10), status=LessonStatus.HELD)

    assert planned.is_untouched()
    assert not moved.is_untouched()
    assert not held.is_untouched()
    assert list(Lesson.objects.untouched()) == [planned]


def test_duration(project):
    lesson = make_lesson(project, utc(2027, 1, 4, 10), minutes=45)

    assert lesson.duration == timedelta(minutes=45)
    assert lesson.duration_minutes == 45


def test_for_teacher_and_student(project, other_teacher, other_student, student, teacher):
    mine = make_lesson(project, utc(2027, 1, 4, 10))
    theirs = make_lesson(
        make_project(other_teacher, students=(other_student,)), utc(2027, 1, 4, 12)
    )

    assert list(Lesson.objects.for_teacher(teacher)) == [mine]
    assert list(Lesson.objects.for_teacher(other_teacher)) == [theirs]
    assert list(Lesson.objects.for_student(student)) == [mine]
    assert list(Lesson.objects.for_student(other_student)) == [theirs]


def test_between_and_overlapping(project):
    early = make_lesson(project, utc(2027, 1, 4, 9))  # 9:00–10:00
    at_ten = make_lesson(project, utc(2027, 1, 4, 10))  # 10:00–11:00
    late = make_lesson(project, utc(2027, 1, 4, 11))  # 11:00–12:00

    assert list(Lesson.objects.between(utc(2027, 1, 4, 10), utc(2027, 1, 4, 11))) == [at_ten]
    assert list(Lesson.objects.overlapping(utc(2027, 1, 4, 9, 30), utc(2027, 1, 4, 10, 30))) == [
        early,
        at_ten,
    ]
    assert list(Lesson.objects.overlapping(utc(2027, 1, 4, 12), utc(2027, 1, 4, 13))) == []
    assert late not in Lesson.objects.overlapping(utc(2027, 1, 4, 10), utc(2027, 1, 4, 11))


def test_end_must_be_after_start(project):
    with pytest.raises(IntegrityError), transaction.atomic():
        Lesson.objects.create(project=project, start=utc(2027, 1, 4, 10), end=utc(2027, 1, 4, 10))


def test_one_lesson_per_slot_occurrence(project):
    slot = make_slot(project, [0], time(18))
    start = utc(2027, 1, 4, 15)
    make_lesson(project, start, slot=slot, occurrence=start)

    with pytest.raises(IntegrityError), transaction.atomic():
        make_lesson(project, start, slot=slot, occurrence=start)


def test_one_off_lessons_may_share_a_time(project):
    make_lesson(project, utc(2027, 1, 4, 15))
    make_lesson(project, utc(2027, 1, 4, 15))

    assert project.lessons.count() == 2


def test_slot_lesson_needs_its_occurrence(project):
    slot = make_slot(project, [0], time(18))

    with pytest.raises(IntegrityError), transaction.atomic():
        make_lesson(project, utc(2027, 1, 4, 15), slot=slot)


def test_deleting_a_slot_keeps_its_lessons_as_one_offs(project):
    slot = make_slot(project, [0], time(18))
    start = utc(2027, 1, 4, 15)
    lesson = make_lesson(project, start, slot=slot, occurrence=start, status=LessonStatus.HELD)

    slot.delete()

    lesson.refresh_from_db()
    assert lesson.slot is None
    assert lesson.occurrence == start


def test_unknown_status_is_refused(project):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_lesson(project, utc(2027, 1, 4, 15), status="lost")


def test_slot_constraints(project):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_slot(project, [0], time(18), duration=10)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_slot(
            project, [0], time(18), valid_from=date(2027, 2, 1), valid_until=date(2027, 1, 31)
        )
    assert not TimetableSlot.objects.exists()


def test_day_off_must_not_end_before_it_starts(teacher):
    with pytest.raises(IntegrityError), transaction.atomic():
        DayOff.objects.create(
            teacher=teacher, start_date=date(2027, 1, 5), end_date=date(2027, 1, 4)
        )


def test_database_ignores_a_duplicate_occurrence_in_bulk(project):
    """The last safeguard of lessons_generate, on SQLite and PostgreSQL alike."""
    slot = make_slot(project, [0], time(18))
    start = utc(2027, 1, 4, 15)
    make_lesson(project, start, slot=slot, occurrence=start)
    one_hour = timedelta(hours=1)

    Lesson.objects.bulk_create(
        [
            Lesson(project=project, slot=slot, occurrence=start, start=start, end=start + one_hour),
            Lesson(project=project, start=start, end=start + one_hour),
        ],
        ignore_conflicts=True,
    )

    assert project.lessons.filter(slot=slot).count() == 1
    assert project.lessons.filter(slot__isnull=True).count() == 1
