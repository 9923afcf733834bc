"""Cancelling from the lesson dialog: this lesson only, or this and all following (the slot ends).

See conftest.py: the teacher is in Paris, the English lessons are on Thursdays at 18:00 there.
"""

from __future__ import annotations

import json
from datetime import date

from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from apps.scheduling.models import Lesson, LessonStatus, TimetableSlot
from apps.scheduling.tests.factories import make_lesson, utc


def url(lesson) -> str:
    return reverse("scheduling:lesson_cancel", args=[lesson.pk])


def test_it_works(paris_client, english, thursday):
    response = paris_client.post(url(thursday), {"scope": "this"})

    assertRedirects(response, reverse("scheduling:calendar"), fetch_redirect_response=False)
    thursday.refresh_from_db()
    assert (thursday.status, thursday.sequence) == (LessonStatus.CANCELLED_BY_TEACHER, 1)
    # Only this one: the timetable goes on.
    assert english.slots.get().valid_until is None
    assert english.lessons.filter(status=LessonStatus.PLANNED).count() == 12
    assertContains(paris_client.get(response.url), "The lesson is cancelled.")


def test_the_cancelled_lesson_stays_in_the_calendar(paris_client, thursday):
    paris_client.post(url(thursday), {"scope": "this"})

    response = paris_client.get(reverse("scheduling:calendar"), {"date": "2027-01-14"})

    assertContains(response, "cancelled by the teacher")


def test_this_and_all_following(paris_client, english, french, time_machine):
    # Friday 22 January: the student stopped after the lesson of the 14th.
    time_machine.move_to(utc(2027, 1, 22, 12), tick=False)
    paris_client.force_login(english.teacher)
    first = english.lessons.get(occurrence=utc(2027, 1, 7, 17))
    stop = english.lessons.get(occurrence=utc(2027, 1, 14, 17))
    held = english.lessons.get(occurrence=utc(2027, 1, 21, 17))
    held.status = LessonStatus.HELD
    held.save()
    one_off = make_lesson(english, utc(2027, 2, 2, 9))
    other_project = make_lesson(french, utc(2027, 2, 4, 17))

    response = paris_client.post(url(stop), {"scope": "following"})

    assert response.status_code == 302
    assert english.slots.get().valid_until == date(2027, 1, 13)
    stop.refresh_from_db()
    assert stop.status == LessonStatus.CANCELLED_BY_TEACHER
    # The held lesson and the one-off stay; the untouched Thursdays ahead are gone.
    assert set(english.lessons.all()) == {first, stop, held, one_off}
    held.refresh_from_db()
    assert held.status == LessonStatus.HELD
    assert Lesson.objects.filter(pk=other_project.pk).exists()
    assertContains(
        paris_client.get(response.url), "The lesson is cancelled and the timetable ends here."
    )


def test_following_on_a_one_off_cancels_just_it(paris_client, english, french):
    one_off = make_lesson(french, utc(2027, 1, 15, 9))
    later = make_lesson(french, utc(2027, 1, 22, 9))

    response = paris_client.post(url(one_off), {"scope": "following"})

    assert response.status_code == 302
    one_off.refresh_from_db()
    later.refresh_from_db()
    assert (one_off.status, later.status) == (
        LessonStatus.CANCELLED_BY_TEACHER,
        LessonStatus.PLANNED,
    )
    assert english.slots.get().valid_until is None


def test_a_held_lesson_is_not_cancelled(paris_client, english, thursday):
    thursday.status = LessonStatus.HELD
    thursday.save()

    response = paris_client.post(url(thursday), {"scope": "following"})

    assert response.status_code == 200
    thursday.refresh_from_db()
    assert (thursday.status, thursday.sequence) == (LessonStatus.HELD, 0)
    assert english.slots.get().valid_until is None


def test_a_bad_scope_is_shown_and_changes_nothing(paris_client, thursday):
    for data in ({"scope": "everything"}, {}):
        response = paris_client.post(url(thursday), data)

        assert response.status_code == 200
        assert response.context["cancel_form"].errors["scope"]
        thursday.refresh_from_db()
        assert thursday.status == LessonStatus.PLANNED


def test_it_requires_login(client, thursday):
    response = client.post(url(thursday), {"scope": "this"})

    assertRedirects(response, f"{reverse('accounts:login')}?next={url(thursday)}")
    assert Lesson.objects.get(pk=thursday.pk).status == LessonStatus.PLANNED


def test_a_student_is_refused(ekb_client, thursday):
    response = ekb_client.post(url(thursday), {"scope": "this"})

    assert response.status_code == 403
    assert Lesson.objects.get(pk=thursday.pk).status == LessonStatus.PLANNED


def test_it_checks_ownership(other_client, thursday):
    response = other_client.post(url(thursday), {"scope": "following"})

    assert response.status_code == 404
    assert Lesson.objects.get(pk=thursday.pk).status == LessonStatus.PLANNED
    assert TimetableSlot.objects.get(pk=thursday.slot_id).valid_until is None


def test_it_rejects_get(paris_client, thursday):
    assert paris_client.get(url(thursday)).status_code == 405


def test_htmx_success_closes_the_dialog_and_refreshes_the_calendar(paris_client, thursday):
    response = paris_client.post(url(thursday), {"scope": "this"}, headers={"HX-Request": "true"})

    assert response.status_code == 204
    triggers = json.loads(response["HX-Trigger"])
    assert {"calendarChanged", "closeDialog"} <= triggers.keys()
    assert triggers["messages"]["items"][0]["text"] == "The lesson is cancelled."


def test_htmx_returns_fragment(paris_client, thursday):
    response = paris_client.post(url(thursday), {"scope": "never"}, headers={"HX-Request": "true"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert html.lstrip().startswith('<article class="lesson-details"')
