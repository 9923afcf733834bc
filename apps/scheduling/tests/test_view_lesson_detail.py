"""The lesson dialog: when, with whom, the student's own time, and the forms to change it.

See conftest.py: the teacher is in Paris (UTC+1), the student in Yekaterinburg (UTC+5).
"""

from __future__ import annotations

from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from apps.scheduling.models import LessonStatus
from apps.scheduling.tests.factories import make_lesson, utc


def url(lesson) -> str:
    return reverse("scheduling:lesson_detail", args=[lesson.pk])


def test_it_works(paris_client, thursday):
    response = paris_client.get(url(thursday))

    assert response.status_code == 200
    assertContains(response, "English B1")
    assertContains(response, "Thursday, 14 January 2027, 18:00–19:00")
    assertContains(response, "Sasha Student")
    # The student's own time, when it differs from the teacher's.
    assertContains(response, "For Sasha Student: Thu 14 Jan, 22:00 (Asia/Yekaterinburg)")
    form = response.context["move_form"]
    assert form["date"].value().isoformat() == "2027-01-14"
    assertContains(response, 'name="time" value="18:00"')
    assertContains(response, 'name="duration" value="60"')
    assertContains(response, 'value="following"')  # a timetable lesson offers "and following"
    assertContains(response, reverse("scheduling:lesson_move", args=[thursday.pk]))
    assertContains(response, reverse("scheduling:lesson_cancel", args=[thursday.pk]))
    assertContains(response, reverse("scheduling:lesson_note", args=[thursday.pk]))


def test_the_students_day_can_differ(paris_client, french, ekb_student):
    french.students.add(ekb_student)
    late = make_lesson(french, utc(2027, 1, 14, 20))  # 21:00 in Paris, 01:00 in Yekaterinburg

    response = paris_client.get(url(late))

    assertContains(response, "Thursday, 14 January 2027, 21:00–22:00")
    assertContains(response, "For Sasha Student: Fri 15 Jan, 01:00 (Asia/Yekaterinburg)")
    assertContains(response, "one-off lesson")
    assertNotContains(response, 'value="following"')


def test_a_student_in_the_teachers_zone_gets_no_second_time(paris_client, thursday, ekb_student):
    ekb_student.time_zone = "Europe/Paris"
    ekb_student.save(update_fields=["time_zone"])

    response = paris_client.get(url(thursday))

    assert response.context["other_zones"] == []
    assertNotContains(response, "For Sasha Student")


def test_a_held_lesson_cannot_be_moved_or_cancelled(paris_client, thursday):
    thursday.status = LessonStatus.HELD
    thursday.save()

    response = paris_client.get(url(thursday))

    assertContains(response, "held")
    assertNotContains(response, reverse("scheduling:lesson_move", args=[thursday.pk]))
    assertNotContains(response, reverse("scheduling:lesson_cancel", args=[thursday.pk]))
    assertContains(response, reverse("scheduling:lesson_note", args=[thursday.pk]))


def test_it_requires_login(client, thursday):
    response = client.get(url(thursday))

    assertRedirects(response, f"{reverse('accounts:login')}?next={url(thursday)}")


def test_a_student_is_refused(ekb_client, thursday):
    assert ekb_client.get(url(thursday)).status_code == 403


def test_it_checks_ownership(other_client, thursday):
    assert other_client.get(url(thursday)).status_code == 404


def test_htmx_returns_fragment(paris_client, thursday):
    response = paris_client.get(url(thursday), headers={"HX-Request": "true"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert html.lstrip().startswith('<article class="lesson-details"')
    assert "For Sasha Student: Thu 14 Jan, 22:00" in html


def test_without_htmx_it_is_a_page(paris_client, thursday):
    response = paris_client.get(url(thursday))

    assertContains(response, "<html")
    assertContains(response, '<article class="lesson-details"')


def test_the_two_scope_choices_have_their_own_ids(paris_client, thursday):
    html = paris_client.get(url(thursday)).content.decode()

    # A label of the cancel form must not tick the move form's radio button.
    assert html.count('id="id_scope_1"') == 1
    assert html.count('id="id_cancel_scope_1"') == 1
