"""The note on a lesson, saved from its dialog (for planned, held and cancelled lessons alike)."""

from __future__ import annotations

import json

from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from apps.scheduling.models import Lesson, LessonStatus


def url(lesson) -> str:
    return reverse("scheduling:lesson_note", args=[lesson.pk])


def test_it_works(paris_client, thursday):
    response = paris_client.post(url(thursday), {"note": "Past Simple; bring the workbook"})

    assertRedirects(response, reverse("scheduling:calendar"), fetch_redirect_response=False)
    thursday.refresh_from_db()
    assert thursday.note == "Past Simple; bring the workbook"
    assert (thursday.sequence, thursday.moved_by_hand) == (0, False)
    assertContains(paris_client.get(response.url), "The note is saved.")
    dialog = paris_client.get(reverse("scheduling:lesson_detail", args=[thursday.pk]))
    assertContains(dialog, "Past Simple; bring the workbook</textarea>")


def test_a_note_can_be_emptied(paris_client, thursday):
    thursday.note = "Old"
    thursday.save()

    paris_client.post(url(thursday), {"note": ""})

    thursday.refresh_from_db()
    assert thursday.note == ""


def test_a_held_lesson_takes_a_note(paris_client, thursday):
    thursday.status = LessonStatus.HELD
    thursday.save()

    paris_client.post(url(thursday), {"note": "Went well"})

    thursday.refresh_from_db()
    assert (thursday.note, thursday.status) == ("Went well", LessonStatus.HELD)


def test_a_too_long_note_is_shown_and_not_saved(paris_client, thursday):
    response = paris_client.post(url(thursday), {"note": "x" * 2001})

    assert response.status_code == 200
    assertContains(response, "Ensure this value has at most 2000 characters (it has 2001).")
    thursday.refresh_from_db()
    assert thursday.note == ""


def test_it_requires_login(client, thursday):
    response = client.post(url(thursday), {"note": "Hello"})

    assertRedirects(response, f"{reverse('accounts:login')}?next={url(thursday)}")
    assert Lesson.objects.get(pk=thursday.pk).note == ""


def test_a_student_is_refused(ekb_client, thursday):
    assert ekb_client.post(url(thursday), {"note": "Hello"}).status_code == 403
    assert Lesson.objects.get(pk=thursday.pk).note == ""


def test_it_checks_ownership(other_client, thursday):
    assert other_client.post(url(thursday), {"note": "Hello"}).status_code == 404
    assert Lesson.objects.get(pk=thursday.pk).note == ""


def test_it_rejects_get(paris_client, thursday):
    assert paris_client.get(url(thursday)).status_code == 405


def test_htmx_success_closes_the_dialog_and_refreshes_the_calendar(paris_client, thursday):
    response = paris_client.post(url(thursday), {"note": "Hi"}, headers={"HX-Request": "true"})

    assert response.status_code == 204
    assert {"calendarChanged", "closeDialog"} <= json.loads(response["HX-Trigger"]).keys()


def test_htmx_returns_fragment(paris_client, thursday):
    response = paris_client.post(
        url(thursday), {"note": "x" * 2001}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert html.lstrip().startswith('<article class="lesson-details"')
