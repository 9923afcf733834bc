from __future__ import annotations

from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

URL = reverse("accounts:profile")


def test_it_works(student_client, student):
    page = student_client.get(URL)
    assertContains(page, student.email)
    assertContains(page, '<option value="Asia/Novosibirsk" selected>')

    response = student_client.post(
        URL, {"name": "Sasha Renamed", "time_zone": "America/New_York", "language": "ru"}
    )

    assertRedirects(response, URL, fetch_redirect_response=False)
    student.refresh_from_db()
    assert (student.name, student.time_zone, student.language) == (
        "Sasha Renamed",
        "America/New_York",
        "ru",
    )
    # The next page is in the chosen language.
    assertContains(student_client.get(URL), '<html lang="ru"')


def test_it_requires_login(client, db):
    response = client.get(URL)

    assertRedirects(response, f"{reverse('accounts:login')}?next={URL}")


def test_a_pending_teacher_can_edit_their_profile(client, pending_teacher):
    client.force_login(pending_teacher)

    response = client.post(URL, {"name": "Polina P.", "time_zone": "UTC", "language": "en"})

    assertRedirects(response, URL, fetch_redirect_response=False)
    pending_teacher.refresh_from_db()
    assert pending_teacher.name == "Polina P."


def test_an_unknown_time_zone_changes_nothing(student_client, student):
    response = student_client.post(
        URL, {"name": "Sasha Renamed", "time_zone": "Mars/Olympus", "language": "en"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["time_zone"]
    student.refresh_from_db()
    assert (student.name, student.time_zone) == ("Sasha Student", "Asia/Novosibirsk")


def test_role_and_address_cannot_be_changed_here(student_client, student):
    student_client.post(
        URL,
        {
            "name": "Sasha",
            "time_zone": "UTC",
            "language": "en",
            "role": "teacher",
            "email": "new@example.com",
            "approved_at": "2020-01-01 00:00",
        },
    )

    student.refresh_from_db()
    assert student.name == "Sasha"
    assert student.role == "student"
    assert student.email == "student@example.com"
    assert student.approved_at is None
