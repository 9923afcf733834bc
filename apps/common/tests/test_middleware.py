from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage import default_storage
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django_htmx.http import HttpResponseClientRedirect
from django_htmx.middleware import HtmxDetails
from pytest_django.asserts import assertContains, assertNotContains

from apps.accounts.models import User
from apps.common.middleware import (
    TIME_ZONE_COOKIE,
    HtmxMessagesMiddleware,
    UserPreferencesMiddleware,
)

HTMX = {"HX-Request": "true"}


# UserPreferencesMiddleware


def _seen_by_view(request) -> dict:
    """What a view sees: the active zone and language while the middleware runs it."""
    seen = {}

    def view(request):
        seen["zone"] = timezone.get_current_timezone_name()
        seen["language"] = translation.get_language()
        return HttpResponse()

    with translation.override("en"):
        UserPreferencesMiddleware(view)(request)
    return seen


def test_the_users_time_zone_shows_on_pages(client, admin_user, pending_teacher):
    User.objects.filter(pk=pending_teacher.pk).update(
        date_joined=datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    )
    admin_user.time_zone = "Asia/Tokyo"
    admin_user.save(update_fields=["time_zone"])
    client.force_login(admin_user)

    response = client.get(reverse("common:home"))

    # 12:00 UTC is 21:00 in Tokyo (and would be 15:00 in the default Europe/Moscow).
    assertContains(response, "March 1, 2026, 9 p.m.")


def test_the_users_language_wins_over_the_browser(client, student):
    student.language = "ru"
    student.save(update_fields=["language"])
    client.force_login(student)

    response = client.get(reverse("accounts:profile"))

    assertContains(response, '<html lang="ru"')


def test_a_user_without_a_language_gets_the_browsers(client, student):
    student.language = ""
    student.save(update_fields=["language"])
    client.force_login(student)

    response = client.get(reverse("accounts:profile"))

    assertContains(response, '<html lang="en"')


def test_the_user_zone_and_language_are_active_in_views(rf, student):
    request = rf.get("/")
    request.user = student
    student.language = "ru"

    assert _seen_by_view(request) == {"zone": "Asia/Novosibirsk", "language": "ru"}


@pytest.mark.parametrize(
    ("profile_zone", "cookie_zone", "active"),
    [
        ("", "America/Chicago", "America/Chicago"),
        ("Not/AZone", "America/Chicago", "America/Chicago"),
        ("", "../../etc/passwd", "Europe/Moscow"),
        ("", "", "Europe/Moscow"),
    ],
)
def test_without_a_zone_the_browsers_or_the_default_is_used(
    rf, student, settings, profile_zone, cookie_zone, active
):
    settings.TIME_ZONE = "Europe/Moscow"
    student.time_zone = profile_zone
    request = rf.get("/")
    request.COOKIES[TIME_ZONE_COOKIE] = cookie_zone
    request.user = student

    assert _seen_by_view(request)["zone"] == active


def test_a_visitor_gets_the_browsers_zone(rf, db):
    request = rf.get("/")
    request.COOKIES[TIME_ZONE_COOKIE] = "Asia/Kolkata"
    request.user = AnonymousUser()

    assert _seen_by_view(request)["zone"] == "Asia/Kolkata"


# HtmxMessagesMiddleware


def test_htmx_responses_carry_the_flash_messages(teacher_client):
    response = teacher_client.post(
        reverse("accounts:invitation_create"), {"name": "Ivan", "email": ""}, headers=HTMX
    )

    trigger = json.loads(response["HX-Trigger"])
    assert trigger["messages"]["items"] == [
        {
            "text": "Invitation created. Copy the link and send it to your student.",
            "tags": "success",
        }
    ]
    # Delivered once: the next full page does not repeat it.
    assertNotContains(teacher_client.get(reverse("accounts:students")), "Invitation created.")


def test_full_pages_keep_messages_in_the_page(teacher_client):
    response = teacher_client.post(reverse("accounts:invitation_create"), {"name": "Ivan"})

    assert "HX-Trigger" not in response
    assertContains(teacher_client.get(response.url), "Invitation created.")


def _htmx_request(rf, view_response: HttpResponse, **headers):
    request = rf.post("/", headers={**HTMX, **headers})
    SessionMiddleware(lambda r: HttpResponse()).process_request(request)
    request._messages = default_storage(request)
    request.htmx = HtmxDetails(request)
    messages.info(request, "Saved.")
    response = HtmxMessagesMiddleware(lambda r: view_response)(request)
    return request, response


@pytest.mark.parametrize(
    ("existing", "kept"),
    [
        ("lessonChanged", {"lessonChanged": None}),
        ("lessonChanged, weekChanged", {"lessonChanged": None, "weekChanged": None}),
        ('{"lessonChanged": {"id": 3}}', {"lessonChanged": {"id": 3}}),
    ],
)
def test_other_events_are_kept(rf, existing, kept):
    view_response = HttpResponse()
    view_response["HX-Trigger"] = existing

    _request, response = _htmx_request(rf, view_response)

    assert json.loads(response["HX-Trigger"]) == {
        **kept,
        "messages": {"items": [{"text": "Saved.", "tags": "info"}]},
    }


def test_navigation_leaves_messages_for_the_next_page(rf):
    request, response = _htmx_request(rf, HttpResponseClientRedirect("/next/"))

    assert "HX-Trigger" not in response
    assert [str(message) for message in messages.get_messages(request)] == ["Saved."]
