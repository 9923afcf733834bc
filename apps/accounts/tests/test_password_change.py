from __future__ import annotations

from django.urls import reverse
from pytest_django.asserts import assertRedirects

URL = reverse("accounts:password_change")
NEW_PASSWORD = "a-brand-new-passphrase-9"


def test_it_works(teacher_client, teacher, password):
    response = teacher_client.post(
        URL,
        {"old_password": password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assertRedirects(response, reverse("accounts:password_change_done"))
    teacher.refresh_from_db()
    assert teacher.check_password(NEW_PASSWORD)
    # Still logged in on this device.
    assert teacher_client.get(reverse("accounts:profile")).status_code == 200


def test_it_requires_login(client, db):
    response = client.get(URL)

    assertRedirects(response, f"{reverse('accounts:login')}?next={URL}")


def test_a_wrong_old_password_changes_nothing(teacher_client, teacher, password):
    response = teacher_client.post(
        URL,
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["old_password"]
    teacher.refresh_from_db()
    assert teacher.check_password(password)


def test_a_weak_password_is_refused(teacher_client, teacher, password):
    response = teacher_client.post(
        URL, {"old_password": password, "new_password1": "123456", "new_password2": "123456"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    teacher.refresh_from_db()
    assert teacher.check_password(password)
