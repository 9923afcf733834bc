from __future__ import annotations

from django.core import mail
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from apps.accounts.models import Invitation, Role, TeacherStudent, User

URL = reverse("accounts:student_create")
HTMX = {"HX-Request": "true"}
DATA = {"name": "Pavel Pupil", "email": "Pavel@Example.com"}


def _counts() -> tuple[int, int, int]:
    return User.objects.count(), TeacherStudent.objects.count(), Invitation.objects.count()


def test_it_works(teacher_client, teacher):
    response = teacher_client.post(URL, DATA)

    assertRedirects(response, reverse("accounts:students"), fetch_redirect_response=False)
    student = User.objects.get(email="pavel@example.com")
    assert student.role == Role.STUDENT
    assert student.name == "Pavel Pupil"
    assert not student.has_usable_password()
    assert list(student.teachers.all()) == [teacher]
    invitation = Invitation.objects.get()
    assert invitation.student == student
    assert invitation.is_open
    assert mail.outbox[0].to == ["pavel@example.com"]
    assert invitation.get_absolute_url() in mail.outbox[0].body
    page = teacher_client.get(reverse("accounts:students"))
    assertContains(page, "Account created for Pavel Pupil.")
    assertContains(page, "pavel@example.com")
    assertContains(page, "no password yet")


def test_it_requires_login(client, db):
    before = _counts()

    response = client.post(URL, DATA)

    assertRedirects(response, f"{reverse('accounts:login')}?next={URL}")
    assert _counts() == before


def test_it_rejects_get(teacher_client):
    before = _counts()

    assert teacher_client.get(URL).status_code == 405
    assert _counts() == before


def test_htmx_returns_fragment(teacher_client):
    response = teacher_client.post(URL, DATA, headers=HTMX)

    invitation = Invitation.objects.get()
    content = response.content.decode()
    assert response.status_code == 200
    assert content.lstrip().startswith('<div id="roster">')
    assert "<html" not in content
    assert invitation.get_absolute_url() in content
    assert "Pavel Pupil" in content


def test_a_taken_address_changes_nothing(teacher_client, other_student):
    before = _counts()

    response = teacher_client.post(URL, {"name": "Olga", "email": "OTHER.student@example.com"})

    assert response.status_code == 200
    assertContains(response, "An account with this e-mail already exists. Send an invitation")
    assert _counts() == before
    assert mail.outbox == []
    # Nor does the error reveal anything about the other teacher's student.
    assertNotContains(response, other_student.name)


def test_missing_name_changes_nothing(teacher_client):
    before = _counts()

    response = teacher_client.post(URL, {"name": "", "email": "pavel@example.com"}, headers=HTMX)

    assert response.status_code == 200
    assertContains(response, "This field is required.")
    assert _counts() == before


def test_a_pending_teacher_cannot_create_students(client, pending_teacher):
    client.force_login(pending_teacher)
    before = _counts()

    response = client.post(URL, DATA)

    assertRedirects(response, reverse("accounts:awaiting_approval"))
    assert _counts() == before
