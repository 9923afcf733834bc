"""The private iCalendar feed, making a new link for it, and the link on the profile page.

Fixtures from conftest.py: "now" is Wednesday 13 January 2027, 12:00 UTC; the English project
(Paris teacher, Yekaterinburg student) has a lesson every Thursday 17:00 UTC up to 1 April.
"""

from __future__ import annotations

from datetime import timedelta

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from apps.accounts.models import Role
from apps.projects.tests.factories import make_project
from apps.scheduling import ical, services
from apps.scheduling.models import CalendarFeed, Lesson
from apps.scheduling.tests.factories import make_lesson, utc
from conftest import make_user

from .conftest import NOW

pytestmark = pytest.mark.django_db

REGENERATE = reverse("scheduling:feed_regenerate")
PROFILE = reverse("accounts:profile")


def feed_url(user) -> str:
    return reverse("scheduling:feed", args=[ical.feed_for(user=user).token])


def fetch(client, user) -> icalendar.Calendar:
    response = client.get(feed_url(user))
    assert response.status_code == 200
    return icalendar.Calendar.from_ical(response.content)


def events(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def uid(lesson: Lesson) -> str:
    return f"lesson-{lesson.pk}@verbal-voyager"


def test_it_works(client, english, paris_teacher, ekb_student, thursday):
    response = client.get(feed_url(paris_teacher))  # no login: calendar apps have none

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="verbal-voyager.ics"'
    assert set(response["Cache-Control"].split(", ")) == {"private", "max-age=300"}
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["PRODID"]) == "-//Verbal Voyager//EN"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == "Verbal Voyager"
    by_uid = events(calendar)
    assert set(by_uid) == {uid(lesson) for lesson in english.lessons.all()}
    event = by_uid[uid(thursday)]
    assert event.decoded("DTSTART") == utc(2027, 1, 14, 17)
    assert event.decoded("DTEND") == utc(2027, 1, 14, 18)
    assert event.decoded("DTSTAMP") == NOW
    assert event.decoded("LAST-MODIFIED") == thursday.updated_at.replace(microsecond=0)
    assert event["SEQUENCE"] == 0
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["SUMMARY"]) == f"English B1 — {ekb_student.name}"
    assert "Language: English" in str(event["DESCRIPTION"])
    assert b"DTSTART:20270114T170000Z" in response.content


def test_head_works(client, english, paris_teacher):
    assert client.head(feed_url(paris_teacher)).status_code == 200


def test_uids_are_stable(client, english, paris_teacher):
    first = events(fetch(client, paris_teacher))
    second = events(fetch(client, paris_teacher))

    assert len(first) == english.lessons.count() > 0
    assert list(first) == list(second)


def test_sequence_rises_after_a_move(client, paris_teacher, thursday):
    services.lesson_move(lesson=thursday, start=utc(2027, 1, 15, 9), end=utc(2027, 1, 15, 10))

    event = events(fetch(client, paris_teacher))[uid(thursday)]

    assert event["SEQUENCE"] == 1
    assert event.decoded("DTSTART") == utc(2027, 1, 15, 9)
    assert str(event["STATUS"]) == "CONFIRMED"


def test_a_cancelled_lesson_is_cancelled(client, paris_teacher, ekb_student, thursday):
    services.lessons_cancel(lessons=[thursday])

    for user in (paris_teacher, ekb_student):
        event = events(fetch(client, user))[uid(thursday)]
        assert str(event["STATUS"]) == "CANCELLED"
        assert event["SEQUENCE"] == 1


def test_the_teacher_sees_their_notes_and_all_their_projects(
    client, paris_teacher, thursday, french
):
    services.lesson_set_note(lesson=thursday, note="Bring the irregular verbs")
    one_off = make_lesson(french, utc(2027, 1, 20, 9))

    by_uid = events(fetch(client, paris_teacher))

    assert "Bring the irregular verbs" in str(by_uid[uid(thursday)]["DESCRIPTION"])
    assert str(by_uid[uid(one_off)]["SUMMARY"]) == "French A2"  # a project without students
    assert "Language: French" in str(by_uid[uid(one_off)]["DESCRIPTION"])


def test_it_checks_ownership(client, english, paris_teacher, other_teacher, others):
    theirs = make_lesson(others, utc(2027, 1, 14, 17))

    mine = events(fetch(client, paris_teacher))
    their_feed = events(fetch(client, other_teacher))

    assert uid(theirs) not in mine
    assert set(their_feed) == {uid(theirs)}


def test_a_student_sees_only_their_lessons_without_notes(
    client, english, french, paris_teacher, ekb_student, thursday, others
):
    services.lesson_set_note(lesson=thursday, note="Sasha keeps mixing up tenses")
    make_lesson(french, utc(2027, 1, 20, 9))
    make_lesson(others, utc(2027, 1, 14, 17))

    response = client.get(feed_url(ekb_student))
    by_uid = events(icalendar.Calendar.from_ical(response.content))

    assert set(by_uid) == {uid(lesson) for lesson in english.lessons.all()}
    event = by_uid[uid(thursday)]
    assert str(event["SUMMARY"]) == f"English B1 — {paris_teacher.name}"
    assert str(event["DESCRIPTION"]) == "Language: English"
    assertNotContains(response, "tenses")


def test_it_keeps_sixty_days_of_past_lessons(client, paris_teacher, french):
    recent = make_lesson(french, NOW - timedelta(days=59))
    old = make_lesson(french, NOW - timedelta(days=61))

    by_uid = events(fetch(client, paris_teacher))

    assert uid(recent) in by_uid
    assert uid(old) not in by_uid


def test_texts_are_in_the_users_language(client, paris_teacher, french):
    paris_teacher.language = "ru"
    paris_teacher.save(update_fields=["language"])
    lesson = make_lesson(french, utc(2027, 1, 20, 9))

    event = events(fetch(client, paris_teacher))[uid(lesson)]

    assert "Французский" in str(event["DESCRIPTION"])


def test_an_administrator_has_an_empty_feed(client, admin_user):
    assert events(fetch(client, admin_user)) == {}


def test_an_unknown_token_is_not_found(client, english):
    response = client.get(reverse("scheduling:feed", args=["no-such-token"]))
    assert response.status_code == 404


def test_an_inactive_users_feed_is_not_found(client, english, paris_teacher):
    url = feed_url(paris_teacher)
    paris_teacher.is_active = False
    paris_teacher.save(update_fields=["is_active"])

    assert client.get(url).status_code == 404


def test_the_query_count_does_not_grow_with_lessons(client, english, paris_teacher, french):
    url = feed_url(paris_teacher)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for day in range(15, 30):
        make_lesson(french, utc(2027, 1, day, 9))
    more_students = make_project(
        paris_teacher,
        students=tuple(
            make_user(f"s{i}@example.com", f"Student {i}", Role.STUDENT) for i in range(3)
        ),
        title="Group",
    )
    for day in range(15, 30):
        make_lesson(more_students, utc(2027, 1, day, 12))

    with CaptureQueriesContext(connection) as many:
        response = client.get(url)

    assert len(events(icalendar.Calendar.from_ical(response.content))) > 40
    assert len(many) == len(few) == 3  # the feed with its user, the lessons, their students


# Making a new link


# `english` freezes the time first: logging in before it would leave a session that expired.
def test_regenerate_works(english, paris_teacher, client, teacher_client):
    old_url = feed_url(paris_teacher)

    response = teacher_client.post(REGENERATE, follow=True)

    assertRedirects(response, PROFILE + "#calendar-subscription")
    assertContains(response, "Your calendar has a new link.")
    new_url = feed_url(paris_teacher)
    assert new_url != old_url
    assert client.get(old_url).status_code == 404
    assert client.get(new_url).status_code == 200
    assertContains(response, new_url)


def test_regenerate_makes_a_feed_if_there_is_none(student_client, ekb_student):
    assert not CalendarFeed.objects.filter(user=ekb_student).exists()

    student_client.post(REGENERATE)

    assert CalendarFeed.objects.filter(user=ekb_student).exists()


def test_regenerate_with_htmx_reloads_the_page(teacher_client, paris_teacher):
    old_token = ical.feed_for(user=paris_teacher).token

    response = teacher_client.post(REGENERATE, headers={"HX-Request": "true"})

    assert response["HX-Redirect"] == PROFILE + "#calendar-subscription"
    assert ical.feed_for(user=paris_teacher).token != old_token


def test_regenerate_requires_login(client, teacher):
    old_token = ical.feed_for(user=teacher).token

    response = client.post(REGENERATE)

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    assert ical.feed_for(user=teacher).token == old_token


def test_regenerate_rejects_get(teacher_client, teacher):
    old_token = ical.feed_for(user=teacher).token

    assert teacher_client.get(REGENERATE).status_code == 405
    assert ical.feed_for(user=teacher).token == old_token


# The profile page


def test_the_profile_shows_the_link(teacher_client, teacher):
    response = teacher_client.get(PROFILE)

    token = CalendarFeed.objects.get(user=teacher).token
    assertContains(response, "Calendar subscription")
    assertContains(response, f'value="http://testserver/calendar/feed/{token}.ics"')
    assertContains(response, f'href="webcal://testserver/calendar/feed/{token}.ics"')
    assertContains(response, 'data-copy="calendar-feed-link"')
    assertContains(response, f'action="{REGENERATE}"')


def test_the_profile_link_is_https_behind_https(client, student, settings):
    settings.SECURE_SSL_REDIRECT = False
    client.force_login(student)

    response = client.get(PROFILE, secure=True)

    token = CalendarFeed.objects.get(user=student).token
    assertContains(response, f'value="https://testserver/calendar/feed/{token}.ics"')


def test_the_profile_of_others_has_no_link(client, admin_user, pending_teacher):
    for user in (admin_user, pending_teacher):
        client.force_login(user)
        assertNotContains(client.get(PROFILE), "Calendar subscription")
    assert not CalendarFeed.objects.exists()
