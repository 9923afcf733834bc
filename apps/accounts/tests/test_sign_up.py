from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertRedirects

from apps.accounts.models import Role, User

URL = reverse("accounts:sign_up")


@pytest.fixture
def data(password) -> dict:
    return {
        "name": "Nadia New",
        "email": "Nadia.New@Example.com",
        "password1": password,
        "password2": password,
        "time_zone": "Asia/Yekaterinburg",
        "language": "en",
    }


@pytest.fixture
def admins(settings):
    settings.ADMINS = [("Ada Admin", "ada@example.com")]


def test_it_works(client, db, data, admins):
    response = client.post(URL, data)

    assertRedirects(response, reverse("accounts:awaiting_approval"))
    teacher = User.objects.get()
    assert teacher.email == "nadia.new@example.com"
    assert teacher.name == "Nadia New"
    assert teacher.role == Role.TEACHER
    assert teacher.is_pending_teacher
    assert teacher.time_zone == "Asia/Yekaterinburg"
    assert teacher.check_password(data["password1"])
    # Logged in straight away, on the page that says what happens next.
    page = client.get(reverse("accounts:awaiting_approval"))
    assert page.status_code == 200
    assert page.context["user"] == teacher


def test_admins_are_told(client, db, data, admins):
    client.post(URL, data)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ada@example.com"]
    assert "Nadia New" in message.subject
    assert "nadia.new@example.com" in message.body
    assert "/admin/accounts/user/?role__exact=teacher&pending=yes" in message.body


def test_sign_up_makes_only_pending_teachers(client, db, data, admins):
    """There is no student sign-up: a forged role is ignored; students come by invitation."""
    client.post(URL, {**data, "role": Role.STUDENT, "approved_at": "2020-01-01 00:00"})

    user = User.objects.get()
    assert user.role == Role.TEACHER
    assert user.approved_at is None
    assert not user.is_staff


def test_the_page_shows_the_form(client, db):
    response = client.get(URL)

    assert response.status_code == 200
    assertContains(response, 'name="password2"')
    assertContains(response, f'action="{URL}"')


def test_logged_in_users_go_home(teacher_client):
    response = teacher_client.get(URL)

    assertRedirects(response, reverse("common:home"))


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"password2": "a-different-password-42"}, "password2", "The two passwords differ."),
        ({"email": "TEACHER@example.com"}, "email", "An account with this e-mail already exists."),
        ({"email": "not-an-address"}, "email", "Enter a valid email address."),
        ({"name": ""}, "name", "This field is required."),
        ({"password1": "12345", "password2": "12345"}, "password1", "This password is too short."),
    ],
)
def test_bad_input_changes_nothing(client, teacher, data, admins, change, field, message):
    users_before = User.objects.count()

    response = client.post(URL, {**data, **change})

    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assertContains(response, escape(message))
    # The visitor's other answers are kept.
    assertContains(response, '<option value="Asia/Yekaterinburg" selected>')
    assert User.objects.count() == users_before
    assert mail.outbox == []
    assert "_auth_user_id" not in client.session
