from __future__ import annotations

from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

URL = reverse("accounts:awaiting_approval")


def test_it_works(client, pending_teacher):
    client.force_login(pending_teacher)

    response = client.get(URL)

    assert response.status_code == 200
    assertContains(response, pending_teacher.email)
    assertContains(response, reverse("accounts:profile"))


def test_it_requires_login(client, db):
    response = client.get(URL)

    assertRedirects(response, f"{reverse('accounts:login')}?next={URL}")


def test_approved_teachers_and_students_go_home(teacher_client, student):
    assertRedirects(teacher_client.get(URL), reverse("common:home"))

    teacher_client.force_login(student)
    assertRedirects(teacher_client.get(URL), reverse("common:home"))
