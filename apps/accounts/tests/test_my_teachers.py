from __future__ import annotations

from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from apps.accounts.models import Role, User
from apps.accounts.services import student_link

URL = reverse("accounts:my_teachers")


def test_it_works(student_client, student, teacher, other_teacher):
    student_link(teacher=other_teacher, student=student)

    response = student_client.get(URL)

    assert response.status_code == 200
    assert list(response.context["teachers"]) == [other_teacher, teacher]
    assertContains(response, f'href="mailto:{teacher.email}"')
    assertContains(response, other_teacher.name)


def test_it_lists_only_my_teachers(student_client, other_teacher):
    response = student_client.get(URL)

    assertNotContains(response, other_teacher.name)
    assertNotContains(response, other_teacher.email)


def test_a_student_without_teachers_is_told_how_to_join(client, db):
    loner = User.objects.create_user(email="loner@example.com", name="Lone", role=Role.STUDENT)
    client.force_login(loner)

    response = client.get(URL)

    assert list(response.context["teachers"]) == []
    assertContains(response, "Ask your teacher for an invitation link")


def test_it_requires_login(client, db):
    response = client.get(URL)

    assertRedirects(response, f"{reverse('accounts:login')}?next={URL}")


def test_teachers_are_not_allowed(teacher_client):
    assert teacher_client.get(URL).status_code == 403
