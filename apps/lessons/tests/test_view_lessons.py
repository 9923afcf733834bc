from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.lessons import services
from apps.projects.tests.factories import make_project
from apps.scheduling.models import LessonStatus
from apps.scheduling.tests.factories import make_lesson, utc

from .conftest import held_lessons

URL = reverse("lessons:lessons")
EXPORT = reverse("lessons:lessons_export")


@pytest.fixture
def teacher_client(now, client, teacher):
    client.force_login(teacher)
    return client


def _csv(response) -> list[list[str]]:
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:])))


def test_it_works(teacher_client, project, past_lesson):
    past_lesson.status = LessonStatus.HELD
    past_lesson.save()
    response = teacher_client.get(URL)
    assert response.status_code == 200
    assert "English B1" in response.text
    assert "Sasha Student" in response.text
    assert "unpaid" in response.text


def test_it_requires_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_students_are_refused(now, client, student):
    client.force_login(student)
    assert client.get(URL).status_code == 403
    assert client.get(EXPORT).status_code == 403


def test_it_shows_only_own_lessons(teacher_client, project, other_teacher, other_student):
    other = make_project(other_teacher, students=(other_student,), title="Secret German")
    make_lesson(other, utc(2027, 2, 10, 10))
    make_lesson(project, utc(2027, 2, 10, 10))
    response = teacher_client.get(URL)
    assert "Secret German" not in response.text
    rows = _csv(teacher_client.get(EXPORT))
    assert len(rows) == 2


def test_htmx_returns_fragment(teacher_client, project, past_lesson):
    response = teacher_client.get(URL, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'id="lesson-table"' in response.text
    assert "<html" not in response.text


def test_it_filters_by_status_and_payment(teacher_client, project, teacher):
    held = held_lessons(project, 3)
    make_lesson(project, utc(2027, 2, 20, 10), status=LessonStatus.CANCELLED_BY_TEACHER)
    services.payment_record(
        project=project, student=project.students.get(), amount="1000", paid_on=NOW_DATE, by=teacher
    )
    response = teacher_client.get(EXPORT, {"payment": "paid"})
    rows = _csv(response)
    assert len(rows) == 2
    # In the teacher's zone (Moscow, UTC+3).
    assert rows[1][0] == "2027-02-01 13:00"
    assert held[0].start == utc(2027, 2, 1, 10)
    assert len(_csv(teacher_client.get(EXPORT, {"payment": "unpaid"}))) == 3
    assert len(_csv(teacher_client.get(EXPORT, {"payment": "none"}))) == 2
    assert len(_csv(teacher_client.get(EXPORT, {"status": "held"}))) == 4


def test_csv_equals_filtered_rows(teacher_client, project):
    held_lessons(project, 5)
    params = {"start_from": "2027-02-02", "start_to": "2027-02-03", "sort": "start"}
    page = teacher_client.get(URL, params)
    rows = _csv(teacher_client.get(EXPORT, params))
    assert rows[0] == ["Date", "Project", "Students", "Attendance", "Payment", "Price"]
    assert [row[0] for row in rows[1:]] == ["2027-02-02 13:00", "2027-02-03 13:00"]
    assert rows[1][1:] == ["English B1", "Sasha Student", "held", "unpaid", "1000.00 RUB"]
    assert len(page.context["table"].rows) == 2
    response = teacher_client.get(EXPORT, params)
    assert response["Content-Disposition"] == 'attachment; filename="lessons-2027-03-01.csv"'


def test_query_count_is_constant(teacher_client, project, django_assert_max_num_queries):
    teacher_client.get(URL, {"sort": "start"})  # a first visit makes the teacher's version
    held_lessons(project, 3)
    with django_assert_max_num_queries(100) as few:
        teacher_client.get(URL)
    held_lessons(project, 27, day=1)
    with django_assert_max_num_queries(100) as many:
        response = teacher_client.get(URL)
    assert len(response.context["table"].page.object_list) == 25
    assert len(many.captured_queries) == len(few.captured_queries)
    with django_assert_max_num_queries(100) as csv_many:
        teacher_client.get(EXPORT)
    held_lessons(project, 3, day=20)
    with django_assert_max_num_queries(100) as csv_more:
        teacher_client.get(EXPORT)
    assert len(csv_many.captured_queries) == len(csv_more.captured_queries)


NOW_DATE = utc(2027, 3, 1).date()


def test_bad_filter_values_are_ignored(teacher_client, project):
    held_lessons(project, 2)
    response = teacher_client.get(URL, {"start_from": "nonsense", "payment": "bogus"})
    assert response.status_code == 200
    assert len(response.context["table"].rows) == 2


def test_by_default_the_list_ends_today(teacher_client, project, now):
    today = timezone.localdate()
    make_lesson(project, now - timedelta(days=2))
    make_lesson(project, now + timedelta(days=7))

    default = _csv(teacher_client.get(EXPORT))
    later = _csv(teacher_client.get(EXPORT, {"start_to": (today + timedelta(days=30)).isoformat()}))

    assert len(default) == 1 + 1  # header and the lesson two days ago
    assert len(later) == 1 + 2
    assert f'value="{today.isoformat()}"' in teacher_client.get(URL).text
