from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

URL = reverse("accounts:set_language")
PROFILE = reverse("accounts:profile")


def test_it_works(teacher_client, teacher):
    response = teacher_client.post(URL, {"language": "ru", "next": PROFILE})

    assertRedirects(response, PROFILE, fetch_redirect_response=False)
    teacher.refresh_from_db()
    assert teacher.language == "ru"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "ru"
    assert cookie["max-age"] == settings.LANGUAGE_COOKIE_AGE
    assertContains(teacher_client.get(PROFILE), '<html lang="ru"')


def test_a_visitor_gets_the_cookie(client, db):
    response = client.post(URL, {"language": "ru", "next": reverse("accounts:login")})

    assertRedirects(response, reverse("accounts:login"), fetch_redirect_response=False)
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
    # The choice beats the browser's Accept-Language: en.
    assertContains(client.get(reverse("accounts:login")), '<html lang="ru"')


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/profile/", "javascript:alert(1)", ""]
)
def test_it_rejects_foreign_next(teacher_client, teacher, next_url):
    response = teacher_client.post(URL, {"language": "ru", "next": next_url})

    assertRedirects(response, reverse("common:home"), fetch_redirect_response=False)
    teacher.refresh_from_db()
    assert teacher.language == "ru"


def test_an_unknown_language_changes_nothing(teacher_client, teacher):
    response = teacher_client.post(URL, {"language": "xx", "next": PROFILE})

    assertRedirects(response, PROFILE, fetch_redirect_response=False)
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    teacher.refresh_from_db()
    assert teacher.language == "en"


def test_it_rejects_get(teacher_client, teacher):
    response = teacher_client.get(URL, {"language": "ru"})

    assert response.status_code == 405
    teacher.refresh_from_db()
    assert teacher.language == "en"
