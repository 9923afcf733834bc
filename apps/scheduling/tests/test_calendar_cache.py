"""The rendered calendar is kept in the cache (teacher_cache.py): a week seen again costs no
rendering, and every change of what it shows is on the next view, whichever way it was made."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.homework import services as homework_services
from apps.scheduling import services
from apps.scheduling.models import Lesson
from apps.scheduling.tests.factories import make_lesson, make_slot, utc

URL = reverse("scheduling:calendar")
WEEK = {"date": "2027-01-13"}


def week(client) -> str:
    """The calendar of the page (the page around it has a fresh CSRF token each time)."""
    response = client.get(URL, WEEK)
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index('<section id="calendar"') : html.rindex("</section>")]


@pytest.fixture
def seen(paris_client, thursday, french):
    """The week has been looked at, so it is in the cache (a teacher's very first visit makes
    their calendar version, and is not kept)."""
    week(paris_client)
    return week(paris_client)


def test_a_week_seen_again_is_not_rendered_again(paris_client, seen):
    with CaptureQueriesContext(connection) as again:
        html = week(paris_client)

    assert html == seen
    # The session, the user and the teacher's calendar version: no lessons read, none rendered.
    assert len(again) == 3, [query["sql"] for query in again.captured_queries]


def test_htmx_gets_the_same_calendar_from_the_cache(paris_client, seen):
    fragment = paris_client.get(URL, WEEK, headers={"HX-Request": "true"}).content.decode()

    assert fragment.startswith('<section id="calendar"')
    assert seen in fragment
    assert "<html" not in fragment


def test_a_new_lesson_shows_at_once(paris_client, seen, french):
    services.lesson_create(project=french, start=utc(2027, 1, 15, 9), end=utc(2027, 1, 15, 10))

    assert "<strong>10:00</strong>" in week(paris_client)


def test_a_moved_lesson_shows_at_its_new_time(paris_client, seen, thursday):
    services.lesson_move(lesson=thursday, start=utc(2027, 1, 14, 14), end=utc(2027, 1, 14, 15))

    html = week(paris_client)
    assert "<strong>15:00</strong>" in html
    assert "<strong>18:00</strong>" not in html


def test_a_cancelled_lesson_shows_cancelled(paris_client, seen, thursday):
    assert "cal-lesson cancelled" not in seen

    services.lessons_cancel(lessons=[thursday])  # one UPDATE, no signal

    assert "cal-lesson cancelled" in week(paris_client)


def test_a_status_set_in_the_dialog_shows(paris_client, seen, thursday, now, time_machine):
    time_machine.move_to(utc(2027, 1, 14, 19), tick=False)  # after the lesson
    fresh = week(paris_client)
    assert "✓ held" not in fresh

    response = paris_client.post(
        reverse("scheduling:lesson_status", args=[thursday.pk]), {"status": "held"}
    )
    assert response.status_code in (200, 302)

    assert "✓ held" in week(paris_client)


def test_a_deleted_lesson_goes(paris_client, seen, french):
    extra = make_lesson(french, utc(2027, 1, 12, 7))
    assert f'data-lesson="{extra.pk}"' in week(paris_client)

    Lesson.objects.filter(pk=extra.pk).delete()

    assert f'data-lesson="{extra.pk}"' not in week(paris_client)


def test_a_timetable_change_moves_the_lessons(paris_client, seen, english):
    slot = english.slots.get()
    slot.start_time = time(9)
    slot.save()
    services.project_timetable_changed(project=english, today=date(2027, 1, 13))

    html = week(paris_client)
    assert "<strong>09:00</strong>" in html
    assert "<strong>18:00</strong>" not in html


def test_homework_given_shows_its_badge(paris_client, seen, thursday):
    assert "homework given" not in seen

    homework_services.homework_assign(
        teacher=thursday.project.teacher,
        project=thursday.project,
        student=thursday.project.students.get(),
        lesson=thursday,
        title="Unit 3",
        due_at=thursday.start + timedelta(days=7),
        exercises=[],
    )

    assert "homework given" in week(paris_client)


def test_a_renamed_project_and_student_show(paris_client, seen, english, ekb_student):
    english.title = "Business English"
    english.save()
    ekb_student.name = "Alexandra Student"
    ekb_student.save()

    html = week(paris_client)
    assert "Business English" in html
    assert "Alexandra Student" in html


def test_a_student_added_to_the_project_shows(paris_client, seen, english, other_student):
    english.students.add(other_student)

    assert other_student.name in week(paris_client)


def test_the_clock_moves_the_page_on(paris_client, seen, time_machine):
    """The line of the current time (and "today", and overdue homework) follow the clock."""
    time_machine.move_to(utc(2027, 1, 13, 15), tick=False)

    html = week(paris_client)
    assert html != seen
    assert 'class="cal-now" style="top: 61.538%"' in html  # 16:00 in Paris, 8:00 to 21:00


def test_each_teacher_and_language_has_its_own(client, seen, paris_teacher, other_teacher, now):
    client.force_login(other_teacher)
    assert "English B1" not in week(client)

    paris_teacher.language = "ru"
    paris_teacher.save(update_fields=["language"])
    client.force_login(paris_teacher)
    assert "Сегодня" in week(client)


def test_a_failed_change_leaves_the_cached_page_right(paris_client, seen, french):
    """The version goes up in the change's own transaction, so it never runs ahead of it."""
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        make_lesson(french, utc(2027, 1, 15, 9))
        raise RuntimeError

    assert week(paris_client) == seen


def test_a_new_slot_makes_its_lessons_show(paris_client, seen, french):
    make_slot(french, [0], time(7))
    services.lessons_generate(project=french, until=date(2027, 1, 20))

    assert "<strong>07:00</strong>" in week(paris_client)
