"""One-click statuses and "Mark paid" in the lessons list: the row is swapped in place."""

from __future__ import annotations

import pytest
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from apps.lessons.models import Payment
from apps.projects.tests.factories import make_project
from apps.scheduling.models import LessonStatus
from apps.scheduling.tests.factories import make_lesson, utc

from .conftest import held_lessons

LIST = reverse("lessons:lessons")
HTMX = {"HX-Request": "true"}


def status_url(lesson) -> str:
    return reverse("scheduling:lesson_status", args=[lesson.pk])


def paid_url(lesson) -> str:
    return reverse("scheduling:lesson_paid", args=[lesson.pk])


@pytest.fixture
def teacher_client(now, client, teacher):
    client.force_login(teacher)
    return client


def test_the_list_has_the_buttons(teacher_client, past_lesson):
    response = teacher_client.get(LIST)
    assert f'data-lesson="{past_lesson.pk}"' in response.text
    assert 'name="from" value="list"' in response.text
    assert 'data-status="held"' in response.text
    assert "data-mark-paid" not in response.text  # planned: not charged yet


def test_it_works(teacher_client, past_lesson):
    response = teacher_client.post(
        status_url(past_lesson), {"status": "held", "from": "list"}, headers=HTMX
    )
    assert response.status_code == 200
    assert response.text.strip().startswith("<tr")
    assert f'data-lesson="{past_lesson.pk}"' in response.text
    assert "<html" not in response.text
    assert "Marked held." in response.text
    assert "unpaid" in response.text  # the payment state changed with the status
    assert 'name="undo" value="1"' in response.text
    assert 'name="status" value="planned"' in response.text
    assert "data-mark-paid" in response.text
    past_lesson.refresh_from_db()
    assert past_lesson.status == LessonStatus.HELD


def test_undo(teacher_client, past_lesson):
    teacher_client.post(status_url(past_lesson), {"status": "held", "from": "list"}, headers=HTMX)
    response = teacher_client.post(
        status_url(past_lesson),
        {"status": "planned", "undo": "1", "from": "list"},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "Marked planned." in response.text
    past_lesson.refresh_from_db()
    assert past_lesson.status == LessonStatus.PLANNED
    assert past_lesson.status_changes.count() == 2


def test_an_error_is_shown_in_the_row(teacher_client, lesson):
    response = teacher_client.post(
        status_url(lesson), {"status": "held", "from": "list"}, headers=HTMX
    )
    assert response.status_code == 200
    assert "not started yet" in response.text
    assert "data-undo" not in response.text
    lesson.refresh_from_db()
    assert lesson.status == LessonStatus.PLANNED


def test_without_htmx_it_goes_back_to_the_list(teacher_client, past_lesson):
    response = teacher_client.post(status_url(past_lesson), {"status": "held", "from": "list"})
    assertRedirects(response, LIST)


def test_mark_paid_twice_records_one_payment(teacher_client, project):
    [lesson] = held_lessons(project, 1)
    for _ in range(2):
        response = teacher_client.post(paid_url(lesson), {"from": "list"}, headers=HTMX)
        assert response.status_code == 200
        assert response.text.strip().startswith("<tr")
    assert "already paid" in response.text
    assert "data-mark-paid" not in response.text
    payment = Payment.objects.get()
    assert payment.amount == project.price


def test_mark_paid_shows_the_new_state(teacher_client, project):
    [lesson] = held_lessons(project, 1)
    response = teacher_client.post(paid_url(lesson), {"from": "list"}, headers=HTMX)
    assert "Payment of 1000.00 RUB recorded." in response.text
    assert "badge-ok" in response.text


def test_it_checks_ownership(teacher_client, other_teacher, other_student):
    other = make_project(other_teacher, students=(other_student,), title="Secret German")
    lesson = make_lesson(other, utc(2027, 2, 10, 10), status=LessonStatus.HELD)
    data = {"status": "no_show", "from": "list"}
    assert teacher_client.post(status_url(lesson), data, headers=HTMX).status_code == 404
    assert teacher_client.post(paid_url(lesson), {"from": "list"}, headers=HTMX).status_code == 404
    lesson.refresh_from_db()
    assert lesson.status == LessonStatus.HELD
    assert not Payment.objects.exists()


def test_students_are_refused(now, client, student, past_lesson):
    client.force_login(student)
    data = {"status": "held", "from": "list"}
    assert client.post(status_url(past_lesson), data, headers=HTMX).status_code == 403
    assert client.post(paid_url(past_lesson), {"from": "list"}, headers=HTMX).status_code == 403


def test_it_rejects_get(teacher_client, past_lesson):
    assert teacher_client.get(status_url(past_lesson)).status_code == 405


def test_the_row_query_count_is_constant(teacher_client, project, django_assert_max_num_queries):
    lessons = held_lessons(project, 2)
    with django_assert_max_num_queries(100) as few:
        teacher_client.post(paid_url(lessons[0]), {"from": "list"}, headers=HTMX)
    held_lessons(project, 20, day=5)
    with django_assert_max_num_queries(100) as many:
        teacher_client.post(paid_url(lessons[1]), {"from": "list"}, headers=HTMX)
    assert len(many.captured_queries) == len(few.captured_queries)
