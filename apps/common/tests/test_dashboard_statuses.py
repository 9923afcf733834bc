"""One-click lesson statuses on the teacher's dashboard: today's lessons and those not marked.

"Now" is Wednesday 13 January 2027, 12:00 UTC: 13:00 for the teacher in Paris (UTC+1).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from apps.accounts.models import Role, User
from apps.lessons.models import LessonStatusChange
from apps.projects.tests.factories import make_project
from apps.scheduling.models import LessonStatus
from apps.scheduling.tests.factories import make_lesson, utc

HOME = reverse("common:home")
NOW = utc(2027, 1, 13, 12)
HTMX = {"HX-Request": "true"}

pytestmark = pytest.mark.django_db


def status_url(lesson) -> str:
    return reverse("scheduling:lesson_status", args=[lesson.pk])


@pytest.fixture(autouse=True)
def _frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def project(teacher, student):
    teacher.time_zone = "Europe/Paris"
    teacher.save(update_fields=["time_zone"])
    return make_project(teacher, students=(student,), title="English B1")


def unmarked_ids(response) -> list[int]:
    return [lesson.pk for lesson in response.context["unmarked_lessons"]]


def test_it_works(teacher_client, project, other_teacher, other_student):
    today = make_lesson(project, utc(2027, 1, 13, 8))  # 09:00 in Paris, over
    yesterday = make_lesson(project, utc(2027, 1, 12, 8))
    last_week = make_lesson(project, utc(2027, 1, 6, 8))
    make_lesson(project, utc(2027, 1, 11, 8), status=LessonStatus.HELD)
    make_lesson(project, utc(2027, 1, 12, 9), status=LessonStatus.CANCELLED_BY_TEACHER)
    make_lesson(project, utc(2026, 12, 13, 8))  # 31 days ago: too old
    others = make_project(other_teacher, students=(other_student,), title="German for Olga")
    make_lesson(others, utc(2027, 1, 12, 8))

    response = teacher_client.get(HOME)

    assert response.status_code == 200
    assert [lesson.pk for lesson in response.context["today_lessons"]] == [today.pk]
    assert unmarked_ids(response) == [last_week.pk, yesterday.pk]  # oldest first
    assertContains(response, "Not marked yet")
    assertContains(response, f'<tr data-lesson="{yesterday.pk}"')
    assertContains(response, 'name="from" value="dashboard"', count=3 * 4)
    assertNotContains(response, "German for Olga")


def test_at_most_twenty_are_listed(teacher_client, project):
    first = utc(2026, 12, 20, 8)
    lessons = [make_lesson(project, first + timedelta(days=day)) for day in range(24)]

    response = teacher_client.get(HOME)

    assert unmarked_ids(response) == [lesson.pk for lesson in lessons[:20]]


def test_nothing_to_mark_hides_the_list(teacher_client, project):
    make_lesson(project, utc(2027, 1, 12, 8), status=LessonStatus.HELD)

    response = teacher_client.get(HOME)

    assert unmarked_ids(response) == []
    assertNotContains(response, "Not marked yet")


def test_htmx_returns_the_row(teacher_client, project, teacher):
    lesson = make_lesson(project, utc(2027, 1, 12, 8))

    response = teacher_client.post(
        status_url(lesson), {"status": "held", "from": "dashboard"}, headers=HTMX
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<tr data-lesson="{lesson.pk}"')
    assert "<html" not in html
    assertContains(response, "✓ held")
    assertContains(response, "Marked held.")
    assertNotContains(response, 'data-status="held"')
    assertContains(response, 'data-status="planned"')
    lesson.refresh_from_db()
    assert lesson.status == LessonStatus.HELD
    change = LessonStatusChange.objects.get()
    assert (change.lesson, change.changed_by, change.to_status) == (lesson, teacher, "held")


def test_without_javascript_it_goes_back_to_the_dashboard(teacher_client, project):
    lesson = make_lesson(project, utc(2027, 1, 12, 8))

    response = teacher_client.post(status_url(lesson), {"status": "no_show", "from": "dashboard"})

    assertRedirects(response, HOME)
    lesson.refresh_from_db()
    assert lesson.status == LessonStatus.NO_SHOW


def test_an_error_is_shown_in_the_row_and_nothing_changes(teacher_client, project):
    later_today = make_lesson(project, utc(2027, 1, 13, 17))  # 18:00 in Paris

    response = teacher_client.post(
        status_url(later_today), {"status": "held", "from": "dashboard"}, headers=HTMX
    )

    assert response.status_code == 200
    assertContains(response, "cannot be marked held or missed")
    later_today.refresh_from_db()
    assert later_today.status == LessonStatus.PLANNED
    assert not LessonStatusChange.objects.exists()


def test_undo_from_the_row(teacher_client, project):
    lesson = make_lesson(project, utc(2027, 1, 12, 8))
    data = {"from": "dashboard"}
    teacher_client.post(status_url(lesson), {**data, "status": "held"}, headers=HTMX)

    response = teacher_client.post(status_url(lesson), {**data, "status": "planned"}, headers=HTMX)

    lesson.refresh_from_db()
    assert lesson.status == LessonStatus.PLANNED
    assertContains(response, 'data-status="held"')


def test_it_requires_login(client, project):
    lesson = make_lesson(project, utc(2027, 1, 12, 8))

    response = client.post(status_url(lesson), {"status": "held", "from": "dashboard"})

    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.status == LessonStatus.PLANNED


def test_it_checks_ownership(client, project, other_teacher):
    lesson = make_lesson(project, utc(2027, 1, 12, 8))
    client.force_login(other_teacher)

    response = client.post(
        status_url(lesson), {"status": "held", "from": "dashboard"}, headers=HTMX
    )

    assert response.status_code == 404
    lesson.refresh_from_db()
    assert lesson.status == LessonStatus.PLANNED


def test_a_student_is_refused(student_client, project):
    lesson = make_lesson(project, utc(2027, 1, 12, 8))

    response = student_client.post(status_url(lesson), {"status": "held", "from": "dashboard"})

    assert response.status_code == 403


def test_the_query_count_does_not_grow_with_lessons(client, project, teacher):
    def add(count: int, first: int) -> None:
        for number in range(first, first + count):
            pupil = User.objects.create_user(
                email=f"pupil{number}@example.com", name=f"Pupil {number:02}", role=Role.STUDENT
            )
            other = make_project(teacher, students=(pupil,), title=f"Project {number:02}")
            make_lesson(other, utc(2027, 1, 13, 6) + timedelta(minutes=number))
            make_lesson(other, utc(2027, 1, 1, 8) + timedelta(hours=number))

    client.force_login(teacher)
    add(2, first=0)
    with CaptureQueriesContext(connection) as few:
        response = client.get(HOME)
    assert len(unmarked_ids(response)) == 2
    add(10, first=2)
    with CaptureQueriesContext(connection) as many:
        response = client.get(HOME)

    assert len(unmarked_ids(response)) == 12
    assert len(response.context["today_lessons"]) == 12
    assert len(many) == len(few), [query["sql"] for query in many.captured_queries]
