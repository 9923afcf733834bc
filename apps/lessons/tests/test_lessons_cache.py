"""The lessons list is kept rendered in the cache (apps/scheduling/teacher_cache.py): seen again
it costs no rendering, its forms carry the viewer's own CSRF token, and every change of its
lessons or money is on the next view."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.lessons import services
from apps.scheduling.models import LessonStatus
from apps.scheduling.teacher_cache import CSRF_PLACEHOLDER

from .conftest import held_lessons

URL = reverse("lessons:lessons")


def table(client, **params) -> str:
    response = client.get(URL, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert CSRF_PLACEHOLDER not in html
    return html[html.index('<div id="lesson-table"') :]


@pytest.fixture
def teacher_client(now, teacher):
    client = Client(enforce_csrf_checks=True, headers={"Accept-Language": "en"})
    client.force_login(teacher)
    return client


@pytest.fixture
def lessons(project):
    return held_lessons(project, 3)


@pytest.fixture
def seen(teacher_client, lessons):
    table(teacher_client)  # a teacher's very first visit makes their version and is not kept
    return table(teacher_client)


def test_the_list_seen_again_is_not_rendered_again(teacher_client, seen):
    with CaptureQueriesContext(connection) as again:
        html = table(teacher_client)

    assert re.sub(r'value="[^"]{64}"', "", html) == re.sub(r'value="[^"]{64}"', "", seen)
    # The session, the user and the teacher's version: no lessons read, none rendered.
    assert len(again) == 3, [query["sql"] for query in again.captured_queries]


def test_a_kept_page_posts_with_the_viewers_own_token(teacher_client, seen, lessons):
    html = table(teacher_client)  # from the cache
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    response = teacher_client.post(
        reverse("scheduling:lesson_status", args=[lessons[0].pk]),
        {"status": LessonStatus.NO_SHOW, "from": "list", "csrfmiddlewaretoken": token},
    )

    assert response.status_code in (200, 302), response.content.decode()[:3000]
    lessons[0].refresh_from_db()
    assert lessons[0].status == LessonStatus.NO_SHOW


def test_another_browser_gets_its_own_token(seen, teacher, lessons):
    other = Client(enforce_csrf_checks=True)
    other.force_login(teacher)
    html = table(other)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    response = other.post(
        reverse("scheduling:lesson_status", args=[lessons[1].pk]),
        {"status": LessonStatus.NO_SHOW, "from": "list", "csrfmiddlewaretoken": token},
    )

    assert response.status_code in (200, 302), response.content.decode()[:3000]


def test_a_payment_shows_at_once(teacher_client, seen, project, student):
    assert seen.count(">unpaid<") == 3

    services.payment_record(
        project=project, student=student, amount=Decimal("2000"), paid_on=date(2027, 3, 1), by=None
    )

    assert table(teacher_client).count(">unpaid<") == 1


def test_a_status_set_elsewhere_shows(teacher_client, seen, lessons, teacher):
    services.lesson_set_status(lesson=lessons[0], status=LessonStatus.NO_SHOW, by=teacher)

    assert "student did not come" in table(teacher_client)


def test_filters_are_kept_apart(teacher_client, seen):
    assert "Feb. 2" in seen or "2 Feb" in seen or "02.02" in seen or "2027-02-02" in seen

    filtered = table(teacher_client, start_from="2027-02-03")

    assert filtered != seen
    assert filtered.count(">unpaid<") == 1


def test_each_teacher_has_their_own(seen, other_teacher, now):
    client = Client()
    client.force_login(other_teacher)

    assert "Sasha Student" not in table(client)
