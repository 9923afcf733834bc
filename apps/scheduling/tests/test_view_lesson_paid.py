"""Marking a lesson paid from the lesson dialog. See conftest.py for the time and the people."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from apps.accounts.models import Role, User
from apps.lessons.models import Payment
from apps.scheduling.models import Lesson, LessonStatus
from apps.scheduling.tests.factories import utc

HTMX = {"HX-Request": "true"}


def url(lesson) -> str:
    return reverse("scheduling:lesson_paid", args=[lesson.pk])


@pytest.fixture
def held(english) -> Lesson:
    english.price = Decimal("1500")
    english.save(update_fields=["price"])
    lesson = english.lessons.get(occurrence=utc(2027, 1, 7, 17))
    lesson.status = LessonStatus.HELD
    lesson.save(update_fields=["status"])
    return lesson


def test_it_works(paris_client, held, ekb_student):
    response = paris_client.post(url(held))

    assertRedirects(
        response,
        reverse("scheduling:lesson_detail", args=[held.pk]),
        fetch_redirect_response=False,
    )
    payment = Payment.objects.get()
    assert (payment.student, payment.amount, payment.project) == (
        ekb_student,
        Decimal("1500.00"),
        held.project,
    )


def test_it_requires_login(client, held):
    response = client.post(url(held))

    assert response.status_code == 302
    assert not Payment.objects.exists()


def test_it_checks_ownership(other_client, held):
    assert other_client.post(url(held)).status_code == 404
    assert not Payment.objects.exists()


def test_a_student_is_refused(ekb_client, held):
    assert ekb_client.post(url(held)).status_code == 403


def test_it_rejects_get(paris_client, held):
    assert paris_client.get(url(held)).status_code == 405


def test_htmx_returns_fragment(paris_client, held):
    before = paris_client.get(reverse("scheduling:lesson_detail", args=[held.pk]), headers=HTMX)
    assertContains(before, "unpaid")
    assertContains(before, "Mark paid")

    response = paris_client.post(url(held), headers=HTMX)

    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assertContains(response, "Payment of 1500.00 RUB recorded.")
    assertNotContains(response, "data-mark-paid")
    assertContains(response, "paid")
    assert "calendarChanged" in response.headers["HX-Trigger"]


def test_clicked_twice_it_records_one_payment(paris_client, held):
    paris_client.post(url(held), headers=HTMX)
    response = paris_client.post(url(held), headers=HTMX)

    assert Payment.objects.count() == 1
    assertContains(response, "This lesson is already paid.")


def test_a_group_has_one_button_per_student(paris_client, held, ekb_student, paris_teacher):
    friend = User.objects.create_user(email="friend@example.com", name="Friend", role=Role.STUDENT)
    held.project.students.add(friend)

    dialog = paris_client.get(reverse("scheduling:lesson_detail", args=[held.pk]), headers=HTMX)
    assertContains(dialog, "data-mark-paid", count=2)
    assertContains(dialog, "Mark paid by Friend")

    paris_client.post(url(held), {"student": friend.pk}, headers=HTMX)

    assert Payment.objects.get().student == friend


def test_a_group_without_a_student_shows_the_error(paris_client, held):
    friend = User.objects.create_user(email="friend@example.com", name="Friend", role=Role.STUDENT)
    held.project.students.add(friend)

    response = paris_client.post(url(held), headers=HTMX)

    assertContains(response, "Say which student paid")
    assert not Payment.objects.exists()


def test_a_student_of_another_project_is_not_found(paris_client, held, other_student):
    response = paris_client.post(url(held), {"student": other_student.pk}, headers=HTMX)

    assert response.status_code == 404
    assert not Payment.objects.exists()


def test_a_planned_lesson_has_no_button(paris_client, thursday):
    response = paris_client.get(reverse("scheduling:lesson_detail", args=[thursday.pk]))

    assertNotContains(response, "data-mark-paid")
    paris_client.post(url(thursday))
    assert not Payment.objects.exists()
