"""Security headers, and the templates keeping to the Content-Security-Policy.

The policy allows scripts from our own files only, so a page with an inline <script>, an
onclick= attribute or an hx-on handler would break silently in the browser; the scan below
catches that in the fast suite.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from apps.projects.tests.factories import make_project
from apps.scheduling.tests.factories import make_lesson

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
HX_ON = re.compile(r"\b(?:data-)?hx-on", re.IGNORECASE)


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


@pytest.mark.django_db
def test_login_page_sends_a_strict_policy(client):
    response = client.get("/accounts/login/")

    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]


@pytest.mark.django_db
def test_login_page_sends_the_other_security_headers(client):
    response = client.get("/accounts/login/")

    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_cookies_are_same_site_lax(settings):
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert settings.CSRF_COOKIE_SAMESITE == "Lax"
    assert settings.SESSION_COOKIE_HTTPONLY is True


def test_htmx_runs_without_eval_or_injected_styles(client, db):
    html = client.get("/accounts/login/").content.decode()

    assert '"allowEval": false' in html
    assert '"includeIndicatorStyles": false' in html


def assert_no_inline_javascript(url: str, html: str) -> None:
    assert not INLINE_SCRIPT.findall(html), f"inline <script> on {url}"
    assert not EVENT_HANDLER.findall(html), f"on*= handler on {url}: {EVENT_HANDLER.findall(html)}"
    assert not HX_ON.findall(html), f"hx-on on {url}"


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/accounts/sign-up/"])
def test_public_pages_hold_no_inline_javascript(client, db, url):
    response = client.get(url)

    assert response.status_code == 200
    assert_no_inline_javascript(url, response.content.decode())


def test_teacher_pages_hold_no_inline_javascript(teacher_client, teacher, student):
    project = make_project(teacher, students=(student,))
    start = timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=1)
    lesson = make_lesson(project, start)
    urls = [
        "/",
        "/accounts/students/",
        "/accounts/profile/",
        "/projects/",
        "/projects/new/",
        f"/projects/{project.pk}/",
        f"/calendar/?date={start.date().isoformat()}",
        "/money/",
        "/money/lessons/",
        "/money/earnings/",
    ]
    for url in urls:
        response = teacher_client.get(url)
        assert response.status_code == 200, url
        assert_no_inline_javascript(url, response.content.decode())

    dialog_url = f"/calendar/lessons/{lesson.pk}/"
    response = teacher_client.get(dialog_url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert_no_inline_javascript(dialog_url, response.content.decode())
