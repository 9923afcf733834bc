"""Helpers for the project page tests (test_views_*.py)."""

from __future__ import annotations

from datetime import date, time, timedelta

from apps.projects.forms import SLOT_PREFIX
from apps.projects.tests.factories import make_project
from apps.scheduling.services import lessons_generate
from apps.scheduling.tests.factories import make_slot, utc

# "Now" in these tests: Wednesday 13 January 2027, 12:00 UTC (15:00 in Moscow, the teacher's zone).
NOW = utc(2027, 1, 13, 12)
TODAY = date(2027, 1, 13)
HTMX = {"HX-Request": "true"}
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def project_with_lessons(teacher, students=(), **fields):
    """A project from Monday 4 January 2027 with lessons on Mondays at 18:00 Moscow time
    (15:00 UTC), two of them past, up to twelve weeks from today."""
    project = make_project(teacher, students=tuple(students), **fields)
    make_slot(project, [MON], time(18))
    lessons_generate(project=project, until=TODAY + timedelta(weeks=12))
    return project


def project_data(students, /, **changes) -> dict:
    """What the project form posts: valid unless changed."""
    data = {
        "title": "English with Sasha",
        "students": [student.pk for student in students],
        "language": "1",
        "level": "B1",
        "start_date": "2027-01-18",
        "end_date": "",
        "lesson_limit": "",
        "lesson_duration": "60",
        "price": "1500",
        "currency": "RUB",
        "colour": "#1d4ed8",
        "late_cancel_hours": "24",
        "charge_late_cancel": "on",
        "charge_no_show": "on",
        "notes": "Likes films.",
    }
    data.update(changes)
    return data


def slot_data(rows: list[dict], initial: int = 0) -> dict:
    """The timetable formset's fields: rows of weekday, start_time, duration, interval, slot."""
    data = {
        f"{SLOT_PREFIX}-TOTAL_FORMS": str(len(rows)),
        f"{SLOT_PREFIX}-INITIAL_FORMS": str(initial),
        f"{SLOT_PREFIX}-MIN_NUM_FORMS": "0",
        f"{SLOT_PREFIX}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"{SLOT_PREFIX}-{i}-{key}"] = value
    return data
