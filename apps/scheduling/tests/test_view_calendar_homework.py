"""Homework badges on the lessons of the week and day grids (the agenda and the month have them
through the lesson chip). See conftest.py: "now" is Wednesday 13 January 2027 in Paris."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.homework import services as homework_services
from apps.scheduling.tests.factories import utc

from .test_view_calendar import column

URL = reverse("scheduling:calendar")


def _lesson_block(response, day: str, lesson_id: int) -> str:
    """The HTML of one lesson's block in the grid."""
    html = column(response, day)
    start = html.index(f'data-lesson="{lesson_id}"')
    return html[start : html.index("</a>", start)]


def _give(lesson, **fields):
    return homework_services.homework_assign(
        teacher=lesson.project.teacher,
        project=lesson.project,
        student=lesson.project.students.get(),
        lesson=lesson,
        title=fields.pop("title", "Unit 3"),
        due_at=lesson.start + timedelta(days=7),
        exercises=[],
        **fields,
    )


def test_the_week_grid_shows_the_homework_state(paris_client, english, thursday, mailoutbox):
    _give(thursday)

    response = paris_client.get(URL, {"date": "2027-01-13"})

    block = _lesson_block(response, "2027-01-14", thursday.pk)
    assert "homework given" in block
    following = english.lessons.get(occurrence=utc(2027, 1, 21, 17))
    assert "homework" not in _lesson_block(
        paris_client.get(URL, {"date": "2027-01-20"}), "2027-01-21", following.pk
    )


def test_the_day_grid_shows_handed_in_homework(paris_client, thursday, mailoutbox):
    homework = _give(thursday)
    homework_services.homework_submit(homework=homework, text="Done", file=None)

    response = paris_client.get(URL, {"view": "day", "date": "2027-01-14"})

    assert "homework submitted" in _lesson_block(response, "2027-01-14", thursday.pk)


def test_badges_cost_no_query_per_lesson(paris_client, english, thursday, mailoutbox):
    paris_client.get(URL)  # a first visit makes the teacher's calendar version
    _give(thursday)
    with CaptureQueriesContext(connection) as few:
        paris_client.get(URL, {"date": "2027-01-13", "view": "month"})
    for lesson in english.lessons.filter(start__lt=utc(2027, 2, 1)).exclude(pk=thursday.pk):
        _give(lesson, title=f"Unit {lesson.pk}")
        _give(lesson, title=f"Extra {lesson.pk}")
    with CaptureQueriesContext(connection) as many:
        response = paris_client.get(URL, {"date": "2027-01-13", "view": "month"})
    assert response.content.decode().count("homework given") >= 7
    assert len(many) == len(few)

    with CaptureQueriesContext(connection) as week:
        response = paris_client.get(URL, {"date": "2027-01-13"})
    assert "homework given" in _lesson_block(response, "2027-01-14", thursday.pk)
    assert len(week) == len(few)
