from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from apps.lessons import services
from apps.projects.tests.factories import make_project
from apps.scheduling.tests.factories import make_lesson, utc

from .conftest import held_lessons

URL = reverse("lessons:student_money")


@pytest.fixture
def student_client(now, client, student):
    client.force_login(student)
    return client


def test_it_works(student_client, project, student, teacher):
    held_lessons(project, 2)
    services.payment_record(
        project=project, student=student, amount="500", paid_on=date(2027, 2, 15), by=teacher
    )
    services.package_record(
        project=project, lessons=5, price="0", bought_on=date(2027, 2, 20), by=teacher
    )
    make_lesson(project, utc(2027, 3, 10, 10))  # future: not listed
    response = student_client.get(URL)
    assert response.status_code == 200
    text = response.text
    assert "English B1" in text and "Tatiana Teacher" in text
    assert "You have 500.00 RUB in credit" in text
    assert "3 lessons left" in text
    assert "from a package" in text
    assert len(response.context["rows"][0]["lessons"]) == 2


def test_debt_wording(student_client, project):
    held_lessons(project, 1)
    assert "You owe 1000.00 RUB." in student_client.get(URL).text


def test_it_requires_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]


def test_teachers_are_refused(now, client, teacher):
    client.force_login(teacher)
    assert client.get(URL).status_code == 403


def test_it_shows_only_own_projects(student_client, project, other_teacher, other_student):
    make_project(other_teacher, students=(other_student,), title="Secret German")
    text = student_client.get(URL).text
    assert "English B1" in text and "Secret German" not in text


def test_query_count_is_constant(student_client, project, teacher, django_assert_max_num_queries):
    held_lessons(project, 3)
    with django_assert_max_num_queries(100) as few:
        student_client.get(URL)
    held_lessons(project, 20, day=5)
    second = make_project(teacher, students=(project.students.get(),), title="Second")
    held_lessons(second, 5)
    with django_assert_max_num_queries(100) as many:
        student_client.get(URL)
    assert len(many.captured_queries) == len(few.captured_queries)
