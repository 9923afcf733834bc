"""Helpers that make timetable slots and lessons for tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from apps.projects.models import Project
from apps.scheduling.models import Lesson, TimetableSlot, weekly_rule


def make_slot(
    project: Project,
    weekdays: list[int],
    at: time,
    *,
    interval: int = 1,
    valid_from: date | None = None,
    **fields,
) -> TimetableSlot:
    return TimetableSlot.objects.create(
        project=project,
        rrule=weekly_rule(weekdays, interval),
        start_time=at,
        valid_from=valid_from or project.start_date,
        **fields,
    )


def make_lesson(project: Project, start: datetime, minutes: int = 60, **fields) -> Lesson:
    """A one-off lesson (no slot) unless fields say otherwise."""
    return Lesson.objects.create(
        project=project, start=start, end=start + timedelta(minutes=minutes), **fields
    )


def starts(lessons) -> list[datetime]:
    return [lesson.start for lesson in lessons]


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)
