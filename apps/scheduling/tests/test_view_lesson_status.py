"""One-click statuses in the lesson dialog: held, cancelled, no-show, back to planned, undo.

See conftest.py: "now" is Wednesday 13 January 2027, 13:00 in Paris; the English lessons are on
Thursdays at 18:00 there, so the one of 7 January is over and the one of 14 January ahead.
"""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from apps.lessons.models import LessonStatusChange
from apps.scheduling.models import Lesson, LessonStatus
from apps.scheduling.tests.factories import utc

HTMX = {"HX-Request": "true"}


def url(lesson) -> str:
    return reverse("scheduling:lesson_status", args=[lesson.pk])


@pytest.fixture
def past(english) -> Lesson:
    """The English lesson of Thursday 7 January, 18:00 in Paris: over."""
    return english.lessons.get(occurrence=utc(2027, 1, 7, 17))


def test_it_works(paris_client, past, paris_teacher):
    response = paris_client.post(url(past), {"status": "held"})

    assertRedirects(
        response,
        reverse("scheduling:lesson_detail", args=[past.pk]),
        fetch_redirect_response=False,
    )
    past.refresh_from_db()
    assert past.status == LessonStatus.HELD
    assertContains(paris_client.get(response.url), "Marked held.")


def test_it_requires_login(client, past):
    response = client.post(url(past), {"status": "held"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    past.refresh_from_db()
    assert past.status == LessonStatus.PLANNED


def test_it_checks_ownership(other_client, past):
    response = other_client.post(url(past), {"status": "held"})

    assert response.status_code == 404
    past.refresh_from_db()
    assert past.status == LessonStatus.PLANNED


def test_a_student_is_refused(ekb_client, past):
    response = ekb_client.post(url(past), {"status": "cancelled_by_student"})

    assert response.status_code == 403
    past.refresh_from_db()
    assert past.status == LessonStatus.PLANNED


def test_it_rejects_get(paris_client, past):
    assert paris_client.get(url(past)).status_code == 405


def test_htmx_returns_fragment(paris_client, past):
    response = paris_client.post(url(past), {"status": "held"}, headers=HTMX)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert html.lstrip().startswith('<article class="lesson-details"')
    assertContains(response, "Marked held.")
    assertContains(response, 'name="undo"')
    assertContains(response, 'value="planned"')
    assert "calendarChanged" in json.loads(response.headers["HX-Trigger"])
    assert "closeDialog" not in response.headers["HX-Trigger"]  # the teacher sees the change


def test_a_future_lesson_cannot_be_held(paris_client, thursday):
    response = paris_client.post(url(thursday), {"status": "held"}, headers=HTMX)

    assert response.status_code == 200
    assertContains(response, "cannot be marked held or missed")
    assertNotContains(response, "Marked held.")
    assert "calendarChanged" not in response.headers.get("HX-Trigger", "")
    thursday.refresh_from_db()
    assert (thursday.status, thursday.sequence) == (LessonStatus.PLANNED, 0)
    assert not LessonStatusChange.objects.exists()


def test_an_unknown_status_changes_nothing(paris_client, past):
    response = paris_client.post(url(past), {"status": "exploded"}, headers=HTMX)

    assertContains(response, "Unknown lesson status.")
    past.refresh_from_db()
    assert past.status == LessonStatus.PLANNED


def test_history_is_recorded_and_shown(paris_client, past, paris_teacher):
    paris_client.post(url(past), {"status": "no_show"}, headers=HTMX)
    response = paris_client.post(url(past), {"status": "held"}, headers=HTMX)

    changes = list(past.status_changes.order_by("pk"))
    assert [(c.from_status, c.to_status) for c in changes] == [
        ("planned", "no_show"),
        ("no_show", "held"),
    ]
    assert all(c.changed_by == paris_teacher for c in changes)
    assertContains(response, "Status history")
    assertContains(response, "student did not come → held")
    # 12:00 UTC is 13:00 in Paris, the teacher's zone.
    assertContains(response, "13 Jan 2027, 13:00")


def test_undo_restores_the_previous_status(paris_client, past):
    paris_client.post(url(past), {"status": "held"}, headers=HTMX)

    response = paris_client.post(url(past), {"status": "planned", "undo": "1"}, headers=HTMX)

    past.refresh_from_db()
    assert past.status == LessonStatus.PLANNED
    assertContains(response, "Marked planned.")


def test_the_student_cancelled_button_picks_late_or_in_time(paris_client, english, thursday):
    # 24 hours' notice by default: Thursday 18:00 is 29 hours away, so in time.
    paris_client.post(url(thursday), {"status": "cancelled_by_student"}, headers=HTMX)
    # With 200 hours' notice, the lesson of the 21st (197 hours away) is cancelled late.
    english.late_cancel_hours = 200
    english.save(update_fields=["late_cancel_hours"])
    later = english.lessons.get(occurrence=utc(2027, 1, 21, 17))
    paris_client.post(url(later), {"status": "cancelled_by_student"}, headers=HTMX)

    thursday.refresh_from_db()
    later.refresh_from_db()
    assert thursday.status == LessonStatus.CANCELLED_BY_STUDENT
    assert later.status == LessonStatus.CANCELLED_LATE


def test_undo_of_a_late_cancellation_back_to_it(paris_client, english, past):
    past.status = LessonStatus.CANCELLED_LATE
    past.save(update_fields=["status"])
    paris_client.post(url(past), {"status": "held"}, headers=HTMX)

    paris_client.post(url(past), {"status": "cancelled_late", "undo": "1"}, headers=HTMX)

    past.refresh_from_db()
    assert past.status == LessonStatus.CANCELLED_LATE


def test_cancelled_by_me_and_back(paris_client, thursday):
    paris_client.post(url(thursday), {"status": "cancelled_by_teacher"}, headers=HTMX)
    thursday.refresh_from_db()
    assert thursday.status == LessonStatus.CANCELLED_BY_TEACHER

    response = paris_client.post(url(thursday), {"status": "planned"}, headers=HTMX)

    thursday.refresh_from_db()
    assert thursday.status == LessonStatus.PLANNED
    assertContains(response, "Move or change length")  # the planned lesson's forms are back


def test_the_same_status_twice_changes_nothing(paris_client, past):
    paris_client.post(url(past), {"status": "held"}, headers=HTMX)

    response = paris_client.post(url(past), {"status": "held"}, headers=HTMX)

    assert past.status_changes.count() == 1
    assertNotContains(response, "Marked held.")
    assert "calendarChanged" not in response.headers.get("HX-Trigger", "")


def test_the_dialog_shows_the_buttons(paris_client, past):
    response = paris_client.get(reverse("scheduling:lesson_detail", args=[past.pk]), headers=HTMX)

    for status in ("held", "cancelled_by_student", "cancelled_by_teacher", "no_show"):
        assertContains(response, f'data-status="{status}"')
    assertNotContains(response, 'data-status="planned"')  # it is planned already
    assertContains(response, "Move or change length")


def test_the_calendar_shows_the_status_badges(paris_client, english, past):
    paris_client.post(url(past), {"status": "held"})
    after = english.lessons.get(occurrence=utc(2027, 1, 14, 17))
    paris_client.post(url(after), {"status": "cancelled_by_teacher"})

    response = paris_client.get(reverse("scheduling:calendar"), {"date": "2027-01-07"})
    assertContains(response, "✓ held")
    response = paris_client.get(reverse("scheduling:calendar"), {"date": "2027-01-14"})
    assertContains(response, "cancelled by the teacher")


def test_a_future_lesson_offers_no_held_or_no_show(paris_client, past, thursday):
    detail = reverse("scheduling:lesson_detail", args=[thursday.pk])
    ahead = paris_client.get(detail, headers=HTMX)
    over = paris_client.get(reverse("scheduling:lesson_detail", args=[past.pk]), headers=HTMX)

    assertNotContains(ahead, 'data-status="held"')
    assertNotContains(ahead, 'data-status="no_show"')
    assertContains(ahead, 'data-status="cancelled_by_student"')
    assertContains(over, 'data-status="held"')
    assertContains(over, 'data-status="no_show"')
