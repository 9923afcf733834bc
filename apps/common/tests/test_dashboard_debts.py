""" "Who owes me" on the teacher's dashboard: the first debtors with a pre-filled payment link."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from apps.accounts.models import Role
from apps.accounts.services import student_link
from apps.lessons.services import payment_record
from apps.projects.tests.factories import make_project
from apps.scheduling.models import LessonStatus
from apps.scheduling.tests.factories import make_lesson, utc
from conftest import make_user

HOME = reverse("common:home")
NOW = utc(2027, 3, 1, 12)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


def _debtor(teacher, n: int, *, held: int = 1):
    student = make_user(f"debtor{n}@example.com", f"Debtor {n}", Role.STUDENT, language="en")
    student_link(teacher=teacher, student=student)
    project = make_project(
        teacher, students=(student,), title=f"Project {n}", price=Decimal("1000.00")
    )
    for day in range(held):
        make_lesson(project, utc(2027, 2, n + day, 10), status=LessonStatus.HELD)
    return student, project


@pytest.fixture
def client_(client, teacher):
    client.force_login(teacher)
    return client


def test_it_works(client_, teacher):
    student, project = _debtor(teacher, 1, held=2)
    response = client_.get(HOME)
    assertContains(response, "Who owes me")
    assertContains(response, "Debtor 1")
    assertContains(response, "2000.00 RUB")
    link = (
        f"{reverse('lessons:payment_create')}?project={project.pk}&amp;student={student.pk}"
        "&amp;amount=2000.00"
    )
    assertContains(response, f'href="{link}"')
    assertContains(response, f'href="{reverse("lessons:payments")}"')


def test_nobody_owes(client_, teacher):
    student, project = _debtor(teacher, 1)
    payment_record(
        project=project, student=student, amount="1000", paid_on=date(2027, 2, 2), by=teacher
    )
    response = client_.get(HOME)
    assertContains(response, "Nobody owes you anything.")
    assert response.context["debtors"] == []


def test_only_the_first_five(client_, teacher):
    for n in range(1, 8):
        _debtor(teacher, n)
    response = client_.get(HOME)
    names = [debtor.student.name for debtor in response.context["debtors"]]
    assert names == [f"Debtor {n}" for n in range(1, 6)]  # oldest unpaid lesson first
    assert response.context["more_debtors"]
    assertNotContains(response, "Debtor 6")


def test_it_shows_only_own_debtors(client_, teacher, other_teacher):
    _debtor(other_teacher, 1)
    response = client_.get(HOME)
    assertNotContains(response, "Debtor 1")


def test_query_count_is_constant(client_, teacher, django_assert_max_num_queries):
    _debtor(teacher, 1)
    with django_assert_max_num_queries(100) as few:
        client_.get(HOME)
    for n in range(2, 9):
        _debtor(teacher, n, held=3)
    with django_assert_max_num_queries(100) as many:
        client_.get(HOME)
    assert len(many.captured_queries) == len(few.captured_queries)
