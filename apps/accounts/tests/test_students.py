from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from apps.accounts.models import Invitation, Role, User
from apps.accounts.services import student_link

URL = reverse("accounts:students")


def _add_students(teacher: User, count: int, start: int = 0) -> None:
    for number in range(start, start + count):
        student = User.objects.create_user(
            email=f"pupil{number}@example.com", name=f"Pupil {number:02}", role=Role.STUDENT
        )
        student_link(teacher=teacher, student=student)
        Invitation.objects.create(teacher=teacher, name=f"Invited {number:02}")


def test_it_works(teacher_client, teacher, student):
    waiting = Invitation.objects.create(teacher=teacher, name="Ivan Invited")

    response = teacher_client.get(URL)

    assert response.status_code == 200
    assert list(response.context["students"]) == [student]
    assertContains(response, student.name)
    assertContains(response, student.email)
    assertContains(response, "Asia/Novosibirsk")
    assertContains(response, "Ivan Invited")
    assertContains(response, f"http://testserver{waiting.get_absolute_url()}")


def test_it_requires_login(client, db):
    response = client.get(URL)

    assertRedirects(response, f"{reverse('accounts:login')}?next={URL}")


def test_a_teacher_never_sees_another_teachers_students(
    teacher_client, student, other_student, other_invitation
):
    response = teacher_client.get(URL)

    assert list(response.context["students"]) == [student]
    assertNotContains(response, other_student.name)
    assertNotContains(response, other_student.email)
    assertNotContains(response, other_invitation.name)
    assertNotContains(response, other_invitation.token)


def test_a_shared_student_appears_for_both_teachers(
    teacher_client, teacher, other_teacher, student
):
    student_link(teacher=other_teacher, student=student)

    mine = teacher_client.get(URL)
    teacher_client.force_login(other_teacher)
    theirs = teacher_client.get(URL)

    assert list(mine.context["students"]) == [student]
    assert student in theirs.context["students"]


def test_accepted_and_revoked_invitations_leave_the_list(teacher_client, teacher):
    now = timezone.now()
    Invitation.objects.create(teacher=teacher, name="Accepted One", accepted_at=now)
    Invitation.objects.create(teacher=teacher, name="Revoked One", revoked_at=now)
    Invitation.objects.create(teacher=teacher, name="Waiting One")

    response = teacher_client.get(URL)

    assertContains(response, "Waiting One")
    assertNotContains(response, "Accepted One")
    assertNotContains(response, "Revoked One")


def test_a_pending_teacher_waits_for_approval(client, pending_teacher):
    client.force_login(pending_teacher)

    response = client.get(URL)

    assertRedirects(response, reverse("accounts:awaiting_approval"))


def test_a_student_is_not_allowed(student_client):
    assert student_client.get(URL).status_code == 403


def test_queries_do_not_grow_with_students(teacher_client, teacher):
    _add_students(teacher, 2)
    with CaptureQueriesContext(connection) as few:
        assert len(teacher_client.get(URL).context["students"]) == 2

    _add_students(teacher, 8, start=2)
    with CaptureQueriesContext(connection) as many:
        response = teacher_client.get(URL)

    assert len(response.context["students"]) == 10
    assert len(many) == len(few)
