"""Moving a lesson from its dialog: this one only, or this and all following; overlaps warned.

See conftest.py: the teacher is in Paris (UTC+1 in winter); the form's date and time are read there.
"""

from __future__ import annotations

import json
from datetime import date, time

from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from apps.scheduling.models import Lesson, LessonStatus, TimetableSlot
from apps.scheduling.services import lessons_generate, project_timetable_changed
from apps.scheduling.tests.factories import make_lesson, starts, utc


def url(lesson) -> str:
    return reverse("scheduling:lesson_move", args=[lesson.pk])


def move(date: str, time: str, duration: int = 60, scope: str = "this", **extra) -> dict:
    return {"date": date, "time": time, "duration": duration, "scope": scope, **extra}


def test_it_works(paris_client, thursday):
    response = paris_client.post(url(thursday), move("2027-01-15", "10:00", 90))

    assertRedirects(
        response,
        f"{reverse('scheduling:calendar')}?view=week&date=2027-01-15",
        fetch_redirect_response=False,
    )
    thursday.refresh_from_db()
    assert (thursday.start, thursday.end) == (utc(2027, 1, 15, 9), utc(2027, 1, 15, 10, 30))
    assert thursday.moved_by_hand
    assert thursday.sequence == 1
    assertContains(paris_client.get(response.url), "The lesson is moved.")


def test_a_later_timetable_change_leaves_the_moved_lesson_alone(paris_client, english, thursday):
    paris_client.post(url(thursday), move("2027-01-15", "10:00"))
    english.slots.update(start_time=time(19))

    project_timetable_changed(project=english)

    thursday.refresh_from_db()
    assert (thursday.start, thursday.sequence) == (utc(2027, 1, 15, 9), 1)
    assert english.lessons.filter(start=utc(2027, 1, 21, 18)).exists()


def test_this_and_all_following(paris_client, english, thursday):
    next_one = english.lessons.get(occurrence=utc(2027, 1, 21, 17))

    response = paris_client.post(url(next_one), move("2027-01-22", "17:00", 45, "following"))

    assertRedirects(
        response,
        f"{reverse('scheduling:calendar')}?view=week&date=2027-01-22",
        fetch_redirect_response=False,
    )
    # 7 and 14 January stay on Thursdays at 18:00 in Paris.
    assert starts(english.lessons.filter(start__lt=utc(2027, 1, 20))) == [
        utc(2027, 1, 7, 17),
        utc(2027, 1, 14, 17),
    ]
    thursday.refresh_from_db()
    assert (thursday.sequence, thursday.moved_by_hand) == (0, False)
    # From 22 January, Fridays at 17:00 for 45 minutes, to the horizon.
    later = english.lessons.filter(start__gte=utc(2027, 1, 20))
    assert starts(later)[:3] == [utc(2027, 1, 22, 16), utc(2027, 1, 29, 16), utc(2027, 2, 5, 16)]
    assert {
        lesson.start.astimezone(thursday.project.teacher.zone).weekday() for lesson in later
    } == {4}
    assert {lesson.duration_minutes for lesson in later} == {45}
    assert not later.filter(moved_by_hand=True).exists()
    assert english.slots.count() == 2
    assertContains(paris_client.get(response.url), "The lesson and all following ones are moved.")


def test_following_leaves_lessons_moved_by_hand(paris_client, english):
    next_one = english.lessons.get(occurrence=utc(2027, 1, 21, 17))
    by_hand = english.lessons.get(occurrence=utc(2027, 2, 4, 17))
    paris_client.post(url(by_hand), move("2027-02-03", "09:00"))

    paris_client.post(url(next_one), move("2027-01-22", "17:00", 60, "following"))

    by_hand.refresh_from_db()
    assert (by_hand.start, by_hand.moved_by_hand) == (utc(2027, 2, 3, 8), True)


def test_an_overlap_is_warned_before_saving(paris_client, thursday, french):
    other = make_lesson(french, utc(2027, 1, 15, 9), minutes=60)  # Friday 10:00–11:00 in Paris

    response = paris_client.post(url(thursday), move("2027-01-15", "10:30"))

    assert response.status_code == 200
    thursday.refresh_from_db()
    assert (thursday.start, thursday.moved_by_hand, thursday.sequence) == (
        utc(2027, 1, 14, 17),
        False,
        0,
    )
    assert response.context["conflicts"] == [other]
    assertContains(response, "This time overlaps your other lessons:")
    assertContains(response, "French A2, Fri 15 Jan 10:00–11:00")
    assertContains(response, "Save anyway")
    assertContains(response, 'name="confirm_conflict" value="on"')
    assertContains(response, 'name="time" value="10:30"')


def test_a_confirmed_overlap_is_saved(paris_client, thursday, french):
    make_lesson(french, utc(2027, 1, 15, 9))

    response = paris_client.post(url(thursday), move("2027-01-15", "10:30", confirm_conflict="on"))

    assert response.status_code == 302
    thursday.refresh_from_db()
    assert thursday.start == utc(2027, 1, 15, 9, 30)
    assert thursday.moved_by_hand


def test_its_own_time_and_other_teachers_are_no_overlap(paris_client, thursday, others):
    make_lesson(others, utc(2027, 1, 14, 17, 30))

    response = paris_client.post(url(thursday), move("2027-01-14", "18:30"))

    assert response.status_code == 302
    thursday.refresh_from_db()
    assert thursday.start == utc(2027, 1, 14, 17, 30)


def test_a_time_in_the_spring_gap_moves_forward_and_keeps_its_length(paris_client, thursday):
    # Paris skips from 02:00 to 03:00 on Sunday 28 March 2027: 02:30 is read as 03:30.
    response = paris_client.post(url(thursday), move("2027-03-28", "02:30", 60))

    assert response.status_code == 302
    thursday.refresh_from_db()
    assert (thursday.start, thursday.end) == (utc(2027, 3, 28, 1, 30), utc(2027, 3, 28, 2, 30))


def test_a_lesson_across_the_autumn_change_lasts_its_length(paris_client, thursday):
    # Paris repeats 02:00–03:00 on Sunday 31 October 2027.
    paris_client.post(url(thursday), move("2027-10-31", "01:30", 120))

    thursday.refresh_from_db()
    assert thursday.duration_minutes == 120


def test_bad_input_is_shown_and_changes_nothing(paris_client, thursday):
    for data, error in (
        (move("2027-01-15", "10:00", 5), "Ensure this value is greater than or equal to 15."),
        (move("", "10:00"), "This field is required."),
        (move("2027-01-15", "25:00"), "Enter a valid time."),
        (move("2027-01-15", "10:00", scope="always"), "Select a valid choice."),
    ):
        response = paris_client.post(url(thursday), data)

        assert response.status_code == 200
        assertContains(response, error)
        thursday.refresh_from_db()
        assert (thursday.start, thursday.sequence, thursday.moved_by_hand) == (
            utc(2027, 1, 14, 17),
            0,
            False,
        )


def test_a_one_off_lesson_has_no_scope(paris_client, french):
    one_off = make_lesson(french, utc(2027, 1, 15, 9))

    response = paris_client.post(
        url(one_off), {"date": "2027-01-16", "time": "09:00", "duration": 30}
    )

    assert response.status_code == 302
    one_off.refresh_from_db()
    assert (one_off.start, one_off.duration_minutes) == (utc(2027, 1, 16, 8), 30)


def test_a_held_lesson_is_not_moved(paris_client, thursday):
    thursday.status = LessonStatus.HELD
    thursday.save()

    response = paris_client.post(url(thursday), move("2027-01-15", "10:00"))

    assert response.status_code == 200
    assertNotContains(response, 'name="date"')
    thursday.refresh_from_db()
    assert (thursday.start, thursday.moved_by_hand) == (utc(2027, 1, 14, 17), False)


def test_it_requires_login(client, thursday):
    response = client.post(url(thursday), move("2027-01-15", "10:00"))

    assertRedirects(response, f"{reverse('accounts:login')}?next={url(thursday)}")
    assert Lesson.objects.get(pk=thursday.pk).start == thursday.start


def test_a_student_is_refused(ekb_client, thursday):
    response = ekb_client.post(url(thursday), move("2027-01-15", "10:00"))

    assert response.status_code == 403
    assert Lesson.objects.get(pk=thursday.pk).start == thursday.start


def test_it_checks_ownership(other_client, thursday):
    response = other_client.post(url(thursday), move("2027-01-15", "10:00"))

    assert response.status_code == 404
    assert Lesson.objects.get(pk=thursday.pk).start == thursday.start


def test_it_rejects_get(paris_client, thursday):
    assert paris_client.get(url(thursday)).status_code == 405


def test_htmx_success_closes_the_dialog_and_refreshes_the_calendar(paris_client, thursday):
    response = paris_client.post(
        url(thursday), move("2027-01-15", "10:00"), headers={"HX-Request": "true"}
    )

    assert response.status_code == 204
    triggers = json.loads(response["HX-Trigger"])
    assert {"calendarChanged", "closeDialog"} <= triggers.keys()
    assert triggers["messages"]["items"][0]["text"] == "The lesson is moved."


def test_htmx_returns_fragment(paris_client, thursday, french):
    make_lesson(french, utc(2027, 1, 15, 9))

    warning = paris_client.post(
        url(thursday), move("2027-01-15", "10:00"), headers={"HX-Request": "true"}
    )
    invalid = paris_client.post(
        url(thursday), move("2027-01-15", "10:00", 5), headers={"HX-Request": "true"}
    )

    for response in (warning, invalid):
        assert response.status_code == 200
        html = response.content.decode()
        assert "<html" not in html
        assert html.lstrip().startswith('<article class="lesson-details"')
    assert "Save anyway" in warning.content.decode()
    assert Lesson.objects.get(pk=thursday.pk).start == utc(2027, 1, 14, 17)


def test_following_on_a_non_weekly_timetable_is_refused_with_a_message(paris_client, french):
    """A timetable made in the admin (here: monthly) cannot be moved to a weekday from the dialog."""
    TimetableSlot.objects.create(
        project=french,
        rrule="FREQ=MONTHLY;BYMONTHDAY=20",
        start_time=time(18),
        valid_from=date(2027, 1, 1),
    )
    lessons_generate(project=french, until=date(2027, 3, 31))
    lesson = french.lessons.order_by("start").first()
    before = sorted(french.lessons.values_list("start", flat=True))

    response = paris_client.post(url(lesson), move("2027-01-22", "18:00", 60, "following"))

    assertContains(response, "This timetable cannot be moved from here.")
    assert sorted(french.lessons.values_list("start", flat=True)) == before
