"""Adding a one-off lesson from the calendar, for one of the teacher's own projects.

See conftest.py: the teacher is in Paris (UTC+1 in winter); the form's date and time are read there.
"""

from __future__ import annotations

import json
from datetime import date, time

from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from apps.projects.models import ProjectStatus
from apps.projects.tests.factories import make_project
from apps.scheduling.models import Lesson
from apps.scheduling.tests.factories import make_lesson, utc

URL = reverse("scheduling:lesson_create")


def lesson(project, day: str = "2027-01-15", at: str = "10:00", duration: int = 60, **extra):
    return {"project": project.pk, "date": day, "time": at, "duration": duration, **extra}


def test_it_works(paris_client, english, french):
    before = Lesson.objects.count()

    response = paris_client.post(URL, lesson(french, duration=45))

    assertRedirects(
        response,
        f"{reverse('scheduling:calendar')}?view=week&date=2027-01-15",
        fetch_redirect_response=False,
    )
    assert Lesson.objects.count() == before + 1
    added = french.lessons.get()
    assert (added.start, added.end) == (utc(2027, 1, 15, 9), utc(2027, 1, 15, 9, 45))
    assert (added.slot, added.occurrence, added.moved_by_hand) == (None, None, False)
    page = paris_client.get(response.url)
    assertContains(page, "The lesson is added.")
    assertContains(page, f'data-lesson="{added.pk}"')


def test_the_form_offers_the_teachers_open_projects(paris_client, english, french, others):
    make_project(english.teacher, title="Finished one", status=ProjectStatus.FINISHED)
    make_project(english.teacher, title="Paused one", status=ProjectStatus.PAUSED)

    response = paris_client.get(URL, {"start": "2027-01-15T10:00"})

    assert response.status_code == 200
    form = response.context["form"]
    assert [project.title for project in form.fields["project"].queryset] == [
        "English B1",
        "French A2",
        "Paused one",
    ]
    assert form.initial == {"date": date(2027, 1, 15), "time": time(10), "duration": 60}
    assertContains(response, 'name="date" value="2027-01-15"')
    assertContains(response, 'name="time" value="10:00"')
    assertNotContains(response, "German for Olga")
    assertNotContains(response, "Finished one")


def test_without_a_start_it_offers_tomorrow_evening(paris_client, english):
    response = paris_client.get(URL, {"start": "whenever"})

    assert response.context["form"].initial["date"] == date(2027, 1, 14)
    assert response.context["form"].initial["time"] == time(18)


def test_without_projects_it_says_so(paris_client):
    response = paris_client.get(URL)

    assertContains(response, "Create a project first")
    assertNotContains(response, 'name="date"')


def test_another_teachers_project_is_rejected(paris_client, english, others):
    before = Lesson.objects.count()

    response = paris_client.post(URL, lesson(others))

    assert response.status_code == 200
    assert response.context["form"].errors["project"]
    assertContains(response, "Select a valid choice.")
    assert Lesson.objects.count() == before
    assert not others.lessons.exists()


def test_bad_input_is_shown_and_changes_nothing(paris_client, english):
    before = Lesson.objects.count()
    for data, error in (
        (lesson(english, duration=5), "Ensure this value is greater than or equal to 15."),
        (lesson(english, duration=481), "Ensure this value is less than or equal to 480."),
        (lesson(english, day=""), "This field is required."),
        (lesson(english, day="15.13.2027"), "Enter a valid date."),
        ({"date": "2027-01-15", "time": "10:00", "duration": 60}, "This field is required."),
    ):
        response = paris_client.post(URL, data)

        assert response.status_code == 200
        assertContains(response, error)
        assert Lesson.objects.count() == before


def test_an_overlap_is_warned_before_saving(paris_client, thursday, french):
    before = Lesson.objects.count()

    response = paris_client.post(URL, lesson(french, day="2027-01-14", at="18:30"))

    assert response.status_code == 200
    assert Lesson.objects.count() == before
    assert response.context["conflicts"] == [thursday]
    assertContains(response, "English B1, Thu 14 Jan 18:00–19:00")
    assertContains(response, "Save anyway")
    assertContains(response, 'name="confirm_conflict" value="on"')

    confirmed = paris_client.post(
        URL, lesson(french, day="2027-01-14", at="18:30", confirm_conflict="on")
    )

    assert confirmed.status_code == 302
    assert french.lessons.get().start == utc(2027, 1, 14, 17, 30)


def test_a_cancelled_lesson_is_no_overlap(paris_client, thursday, french):
    make_lesson(french, utc(2027, 1, 15, 9), status="cancelled_by_student")

    response = paris_client.post(URL, lesson(french))

    assert response.status_code == 302


def test_it_requires_login(client, english):
    response = client.post(URL, lesson(english))

    assertRedirects(response, f"{reverse('accounts:login')}?next={URL}")
    assert not english.lessons.filter(slot__isnull=True).exists()


def test_a_student_is_refused(ekb_client, english):
    assert ekb_client.get(URL).status_code == 403
    assert ekb_client.post(URL, lesson(english)).status_code == 403
    assert not english.lessons.filter(slot__isnull=True).exists()


def test_htmx_success_closes_the_dialog_and_refreshes_the_calendar(paris_client, french):
    response = paris_client.post(URL, lesson(french), headers={"HX-Request": "true"})

    assert response.status_code == 204
    assert {"calendarChanged", "closeDialog"} <= json.loads(response["HX-Trigger"]).keys()
    assert french.lessons.count() == 1


def test_htmx_returns_fragment(paris_client, english):
    form = paris_client.get(URL, headers={"HX-Request": "true"})
    invalid = paris_client.post(URL, lesson(english, duration=5), headers={"HX-Request": "true"})

    for response in (form, invalid):
        assert response.status_code == 200
        html = response.content.decode()
        assert "<html" not in html
        assert html.lstrip().startswith('<article aria-labelledby="lesson-new-title"')
