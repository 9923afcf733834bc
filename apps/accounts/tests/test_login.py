"""Logging in by e-mail, logging out, and the lock-out after repeated failures (django-axes).

These tests POST to the login page like a browser; the other modules use force_login.
"""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertRedirects

from apps.accounts.models import User

URL = reverse("accounts:login")
WRONG = "not-the-password"


def _login(client, email: str, password: str, **extra):
    return client.post(URL, {"username": email, "password": password}, **extra)


def _logged_in_as(client) -> User | None:
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def test_it_works(client, teacher, password):
    response = _login(client, teacher.email, password)

    assertRedirects(response, reverse("common:home"))
    assert _logged_in_as(client) == teacher


def test_the_address_is_case_insensitive(client, teacher, password):
    response = _login(client, "  Teacher@EXAMPLE.com ", password)

    assertRedirects(response, reverse("common:home"))
    assert _logged_in_as(client) == teacher


def test_it_follows_next(client, teacher, password):
    response = client.post(
        f"{URL}?next={reverse('accounts:profile')}",
        {"username": teacher.email, "password": password, "next": reverse("accounts:profile")},
    )

    assertRedirects(response, reverse("accounts:profile"))


def test_it_refuses_a_foreign_next(client, teacher, password):
    response = client.post(
        URL, {"username": teacher.email, "password": password, "next": "https://evil.example/"}
    )

    assertRedirects(response, reverse("common:home"))


def test_a_wrong_password_is_refused(client, teacher):
    response = _login(client, teacher.email, WRONG)

    assert response.status_code == 200
    assertContains(response, "The e-mail or password is wrong.")
    assert _logged_in_as(client) is None


def test_a_disabled_account_cannot_log_in(client, teacher, password):
    teacher.is_active = False
    teacher.save(update_fields=["is_active"])

    response = _login(client, teacher.email, password)

    assert response.status_code == 200
    assert _logged_in_as(client) is None


def test_logged_in_users_skip_the_form(client, teacher):
    client.force_login(teacher)

    assertRedirects(client.get(URL), reverse("common:home"))


def test_logout_works(client, teacher, password):
    _login(client, teacher.email, password)

    response = client.post(reverse("accounts:logout"))

    assertRedirects(response, URL)
    assert _logged_in_as(client) is None
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_logout_rejects_get(client, teacher, password):
    _login(client, teacher.email, password)

    response = client.get(reverse("accounts:logout"))

    assert response.status_code == 405
    assert _logged_in_as(client) == teacher


def test_five_failures_lock_the_account(client, teacher, password):
    for _ in range(4):
        assert _login(client, teacher.email, WRONG).status_code == 200
    assert _login(client, teacher.email, WRONG).status_code == 429

    response = _login(client, teacher.email, password)

    assert response.status_code == 429
    assert "15 minutes" in response.context["locked_message"]
    assertContains(response, response.context["locked_message"], status_code=429)
    assert _logged_in_as(client) is None


def test_the_lock_holds_however_the_address_is_written(client, teacher, password):
    """Failures typed as Teacher@… and TEACHER@… count against the same account."""
    spellings = ["Teacher@example.com", "TEACHER@example.com", "teacher@EXAMPLE.com"]
    # Each failure from a different address, so only the per-account limit can lock.
    for number in range(5):
        _login(client, spellings[number % 3], WRONG, REMOTE_ADDR=f"10.0.0.{number + 1}")

    response = _login(client, teacher.email, password, REMOTE_ADDR="10.0.1.1")

    assert response.status_code == 429
    assert _logged_in_as(client) is None


def test_the_lock_ends_after_the_cool_off(client, teacher, password, time_machine):
    for _ in range(5):
        _login(client, teacher.email, WRONG)

    time_machine.move_to(timezone.now() + timedelta(minutes=16))
    response = _login(client, teacher.email, password)

    assertRedirects(response, reverse("common:home"))
    assert _logged_in_as(client) == teacher


def test_other_accounts_stay_open_from_elsewhere(client, teacher, other_teacher, password):
    for _ in range(5):
        _login(client, teacher.email, WRONG, REMOTE_ADDR="10.0.0.1")

    response = _login(client, other_teacher.email, password, REMOTE_ADDR="10.0.0.2")

    assertRedirects(response, reverse("common:home"))


def test_five_failures_from_one_address_lock_it(client, teacher, password):
    for number in range(5):
        _login(client, f"someone{number}@example.com", WRONG, REMOTE_ADDR="10.9.9.9")

    locked = _login(client, teacher.email, password, REMOTE_ADDR="10.9.9.9")
    elsewhere = _login(client, teacher.email, password, REMOTE_ADDR="10.9.9.10")

    assert locked.status_code == 429
    assertContains(locked, locked.context["locked_message"], status_code=429)
    assertRedirects(elsewhere, reverse("common:home"))


def test_a_success_resets_the_count(client, teacher, password):
    for _ in range(4):
        _login(client, teacher.email, WRONG)
    _login(client, teacher.email, password)
    client.post(reverse("accounts:logout"))

    for _ in range(4):
        _login(client, teacher.email, WRONG)
    response = _login(client, teacher.email, password)

    assertRedirects(response, reverse("common:home"))


def test_behind_nginx_the_real_address_is_locked(client, teacher, password, settings):
    """Behind nginx Django sees no address of its own; X-Real-IP from nginx is what counts."""
    settings.PROXY_COUNT = 1
    for number in range(5):
        _login(
            client,
            f"someone{number}@example.com",
            WRONG,
            REMOTE_ADDR="",
            HTTP_X_REAL_IP="203.0.113.7",
        )

    locked = _login(client, teacher.email, password, REMOTE_ADDR="", HTTP_X_REAL_IP="203.0.113.7")
    elsewhere = _login(
        client, teacher.email, password, REMOTE_ADDR="", HTTP_X_REAL_IP="203.0.113.8"
    )

    assert locked.status_code == 429
    assertRedirects(elsewhere, reverse("common:home"))
