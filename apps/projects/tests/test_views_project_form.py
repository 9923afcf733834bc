"""Opening and editing a project with its weekly timetable."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from apps.accounts.models import Role
from apps.projects.models import Project
from apps.projects.tests.factories import make_project
from apps.scheduling.models import Lesson, LessonStatus, TimetableSlot
from apps.scheduling.tests.factories import make_slot, starts, utc
from conftest import make_user

from .page_helpers import (
    HTMX,
    MON,
    NOW,
    THU,
    TODAY,
    project_data,
    project_with_lessons,
    slot_data,
)

CREATE = reverse("projects:create")


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)


def edit_url(project) -> str:
    return reverse("projects:edit", args=[project.pk])


def row(weekday, at, duration="", interval="1", slot="") -> dict:
    return {
        "weekday": str(weekday),
        "start_time": at,
        "duration": str(duration),
        "interval": str(interval),
        "slot": str(slot),
    }


# Creating


def test_the_form_shows_the_teachers_students_only(teacher_client, student, other_student):
    response = teacher_client.get(CREATE)

    assert response.status_code == 200
    assert list(response.context["project_form"].fields["students"].queryset) == [student]
    assertContains(response, student.name)
    assertNotContains(response, other_student.name)
    assertContains(response, 'type="color"')
    # One empty timetable row to start with, and a button for more.
    assert response.context["formset"].total_form_count() == 1
    assertContains(response, "Add a time")
    assertContains(response, f'hx-get="{reverse("projects:slot_row")}"')


def test_it_creates_a_project_with_its_timetable_and_lessons(teacher_client, teacher, student):
    data = project_data([student]) | slot_data(
        [row(MON, "18:00"), row(THU, "19:30", duration=90, interval=2)]
    )

    response = teacher_client.post(CREATE, data)

    project = Project.objects.get()
    assertRedirects(response, reverse("projects:detail", args=[project.pk]))
    assert project.teacher == teacher
    assert list(project.students.all()) == [student]
    assert (project.price, project.notes) == (Decimal("1500"), "Likes films.")
    monday, thursday = project.slots.order_by("start_time")
    assert (monday.rrule, monday.start_time, monday.duration) == (
        "FREQ=WEEKLY;BYDAY=MO",
        time(18),
        60,
    )
    assert (thursday.rrule, thursday.duration) == ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", 90)
    assert (monday.valid_from, thursday.valid_from) == (date(2027, 1, 18), date(2027, 1, 21))
    assert {slot.time_zone for slot in (monday, thursday)} == {"Europe/Moscow"}
    # Lessons up to the horizon: Mondays 18:00 Moscow = 15:00 UTC, from 18 January.
    lessons = project.lessons.filter(slot=monday)
    assert starts(lessons)[:2] == [utc(2027, 1, 18, 15), utc(2027, 1, 25, 15)]
    assert starts(project.lessons.filter(slot=thursday))[:2] == [
        utc(2027, 1, 21, 16, 30),
        utc(2027, 2, 4, 16, 30),
    ]


def test_an_untouched_extra_row_is_ignored(teacher_client, student):
    data = project_data([student]) | slot_data([row(MON, "18:00"), row(MON, "")])

    teacher_client.post(CREATE, data)

    assert TimetableSlot.objects.count() == 1


def test_a_project_may_start_without_a_timetable(teacher_client, student):
    response = teacher_client.post(CREATE, project_data([student]) | slot_data([]))

    assert response.status_code == 302
    assert Project.objects.count() == 1
    assert Lesson.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "rows", "field", "message"),
    [
        (
            {"end_date": "2027-01-10"},
            [],
            "end_date",
            "The end date cannot be before the start date.",
        ),
        ({"price": "-5"}, [], "price", "The price cannot be negative."),
        ({"students": []}, [], "students", "Choose at least one student."),
        ({"title": ""}, [], "title", "Give the project a title"),
        ({"lesson_duration": "5"}, [], "lesson_duration", "greater than or equal to 15"),
        ({}, [row(MON, "", duration=45)], None, "Enter the time the lesson starts."),
        ({}, [row(MON, "18:00", interval=0)], None, "greater than or equal to 1"),
    ],
)
def test_validation_errors_change_nothing(teacher_client, student, changes, rows, field, message):
    data = project_data([student], **changes) | slot_data(rows)

    response = teacher_client.post(CREATE, data, headers=HTMX)

    assert response.status_code == 200
    assertContains(response, message)
    assertContains(response, "Nothing is saved yet")
    if field:
        assertContains(response, f'id="id_{field}_error"')
    assert Project.objects.count() == 0
    assert TimetableSlot.objects.count() == 0
    # htmx gets the form alone, to swap in place.
    assert response.content.decode().lstrip().startswith('<form id="project-form"')


def test_students_of_another_teacher_cannot_be_chosen(teacher_client, other_student):
    response = teacher_client.post(CREATE, project_data([other_student]) | slot_data([]))

    assert response.status_code == 200
    assert "students" in response.context["project_form"].errors
    assert Project.objects.count() == 0


def test_htmx_success_redirects_the_browser(teacher_client, student):
    response = teacher_client.post(
        CREATE, project_data([student]) | slot_data([row(MON, "18:00")]), headers=HTMX
    )

    project = Project.objects.get()
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("projects:detail", args=[project.pk])


def test_add_a_time_without_javascript_shows_one_more_row(teacher_client, student):
    data = project_data([student], title="") | slot_data([row(MON, "18:00")])
    data["add_slot"] = "1"

    response = teacher_client.post(CREATE, data)

    assert response.status_code == 200
    assert response.context["formset"].total_form_count() == 2
    assertNotContains(response, "Nothing is saved yet")
    assert Project.objects.count() == 0


def test_the_row_view_gives_one_numbered_row(teacher_client):
    response = teacher_client.get(
        reverse("projects:slot_row"), {"slots-TOTAL_FORMS": "2"}, headers=HTMX
    )

    assert response.status_code == 200
    assertContains(response, 'name="slots-2-weekday"')
    assertContains(response, 'name="slots-2-DELETE"')
    assertContains(
        response,
        '<input type="hidden" name="slots-TOTAL_FORMS" value="3" id="id_slots-TOTAL_FORMS" hx-swap-oob="true">',
    )
    assertNotContains(response, "<html")


def test_the_row_view_requires_login(client):
    assert client.get(reverse("projects:slot_row")).status_code == 302


def test_the_row_view_is_for_teachers(student_client):
    assert student_client.get(reverse("projects:slot_row")).status_code == 403


def test_create_requires_login(client):
    response = client.get(CREATE)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_create_is_for_teachers(student_client):
    assert student_client.get(CREATE).status_code == 403


# Editing


@pytest.fixture
def project(teacher, student):
    """Since Monday 4 January, Mondays at 18:00 Moscow time; today is Wednesday 13 January."""
    return project_with_lessons(teacher, [student], title="English B1", notes="Secret")


def current_rows(project, **changes) -> list[dict]:
    (slot,) = project.slots.filter(valid_until__isnull=True)
    data = row(MON, "18:00", slot=slot.pk)
    data.update(changes)
    return [data]


def test_edit_shows_the_current_timetable(teacher_client, project):
    response = teacher_client.get(edit_url(project))

    assert response.status_code == 200
    formset = response.context["formset"]
    assert formset.total_form_count() == 1
    (slot,) = project.slots.all()
    assert formset.forms[0].initial == {
        "weekday": MON,
        "start_time": time(18),
        "duration": None,  # the project's duration
        "interval": 1,
        "slot": slot.pk,
    }
    assertContains(response, 'value="English B1"')


def test_saving_without_changes_keeps_the_timetable(teacher_client, project):
    lessons = set(project.lessons.values_list("pk", "start"))

    response = teacher_client.post(
        edit_url(project),
        project_data([project.students.get()]) | slot_data(current_rows(project), 1),
    )

    assert response.status_code == 302
    assert project.slots.count() == 1
    assert set(project.lessons.values_list("pk", "start")) == lessons


def test_a_changed_time_moves_only_future_untouched_lessons(teacher_client, project):
    held = project.lessons.get(start=utc(2027, 1, 4, 15))
    held.status = LessonStatus.HELD
    held.save()
    moved = project.lessons.get(start=utc(2027, 1, 25, 15))
    moved.start, moved.end, moved.moved_by_hand = utc(2027, 1, 26, 9), utc(2027, 1, 26, 10), True
    moved.save()
    data = project_data([project.students.get()], start_date="2027-01-04")
    data |= slot_data(current_rows(project, start_time="19:00"), 1)

    response = teacher_client.post(edit_url(project), data)

    assert response.status_code == 302
    old, new = project.slots.order_by("valid_from")
    assert old.valid_until == date(2027, 1, 12)  # yesterday
    assert (new.valid_from, new.valid_until, new.start_time) == (TODAY, None, time(19))
    held.refresh_from_db()
    moved.refresh_from_db()
    assert held.start == utc(2027, 1, 4, 15)
    assert moved.start == utc(2027, 1, 26, 9)
    # The new slot has lessons of its own: the moved lesson belongs to the old one, so the week
    # of 25 January gets one at the new time too (slot_split's rule, as for cancelled ones).
    future = project.lessons.filter(start__gte=NOW, moved_by_hand=False)
    assert starts(future)[:3] == [utc(2027, 1, 18, 16), utc(2027, 1, 25, 16), utc(2027, 2, 1, 16)]
    assert all(lesson.slot == new for lesson in future)


def test_a_removed_row_ends_its_slot(teacher_client, project):
    data = project_data([project.students.get()], start_date="2027-01-04")
    data |= slot_data([*current_rows(project, DELETE="on"), row(THU, "10:00")], 1)

    response = teacher_client.post(edit_url(project), data)

    assert response.status_code == 302
    monday, thursday = project.slots.order_by("valid_from")
    assert monday.valid_until == date(2027, 1, 12)
    assert (thursday.rrule, thursday.valid_from) == ("FREQ=WEEKLY;BYDAY=TH", date(2027, 1, 14))
    future = project.lessons.filter(start__gte=NOW)
    assert all(lesson.slot == thursday for lesson in future)
    assert starts(future)[0] == utc(2027, 1, 14, 7)
    # The past stays.
    assert project.lessons.filter(start__lt=NOW, slot=monday).count() == 2


def test_an_interval_change_makes_a_new_slot(teacher_client, project):
    data = project_data([project.students.get()], start_date="2027-01-04")
    data |= slot_data(current_rows(project, interval="2"), 1)

    teacher_client.post(edit_url(project), data)

    old, new = project.slots.order_by("valid_from")
    assert old.valid_until == date(2027, 1, 12)
    # It starts with the next Monday, so that the fortnights count from that week.
    assert (new.rrule, new.valid_from) == ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", date(2027, 1, 18))
    assert starts(project.lessons.filter(start__gte=NOW))[:3] == [
        utc(2027, 1, 18, 15),
        utc(2027, 2, 1, 15),
        utc(2027, 2, 15, 15),
    ]


def test_a_project_not_begun_changes_its_slot_in_place(teacher_client, teacher, student):
    project = make_project(teacher, students=(student,), start_date=date(2027, 2, 1))
    make_slot(project, [MON], time(18))
    data = project_data([student], start_date="2027-02-08")
    data |= slot_data(current_rows(project, weekday=str(THU)), 1)

    teacher_client.post(edit_url(project), data)

    (slot,) = project.slots.all()
    assert (slot.rrule, slot.valid_from) == ("FREQ=WEEKLY;BYDAY=TH", date(2027, 2, 8))
    assert starts(project.lessons.all())[0] == utc(2027, 2, 11, 15)


def test_a_removed_row_of_a_slot_not_begun_goes(teacher_client, teacher, student):
    project = make_project(teacher, students=(student,), start_date=date(2027, 2, 1))
    slot = make_slot(project, [MON], time(18))
    data = project_data([student], start_date="2027-02-01")
    data |= slot_data(current_rows(project, DELETE="on"), 1)

    teacher_client.post(edit_url(project), data)

    assert not TimetableSlot.objects.filter(pk=slot.pk).exists()
    assert project.lessons.count() == 0


def test_a_longer_project_duration_lengthens_rows_left_empty(teacher_client, project):
    data = project_data([project.students.get()], start_date="2027-01-04", lesson_duration="90")
    data |= slot_data(current_rows(project), 1)

    teacher_client.post(edit_url(project), data)

    current = project.slots.get(valid_until__isnull=True)
    assert current.duration == 90
    lesson = project.lessons.filter(start__gte=NOW).first()
    assert lesson.duration_minutes == 90


def test_edit_validation_errors_change_nothing(teacher_client, project):
    before = (
        project.title,
        list(project.slots.values()),
        set(project.lessons.values_list("start")),
    )
    data = project_data([project.students.get()], end_date="2026-01-01")
    data |= slot_data(current_rows(project, start_time="20:00"), 1)

    response = teacher_client.post(edit_url(project), data, headers=HTMX)

    assert response.status_code == 200
    assertContains(response, "The end date cannot be before the start date.")
    project.refresh_from_db()
    after = (project.title, list(project.slots.values()), set(project.lessons.values_list("start")))
    assert after == before


def test_edit_keeps_a_former_student_choosable(teacher_client, teacher, project):
    former = make_user("former@example.com", "Fiona Former", Role.STUDENT)
    project.students.add(former)

    response = teacher_client.get(edit_url(project))

    assert former in response.context["project_form"].fields["students"].queryset


def test_edit_requires_login(client, project):
    response = client.get(edit_url(project))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_edit_checks_ownership(client, other_teacher, project):
    client.force_login(other_teacher)

    assert client.get(edit_url(project)).status_code == 404
    data = project_data([]) | slot_data([])
    assert client.post(edit_url(project), data).status_code == 404
    project.refresh_from_db()
    assert project.title == "English B1"


def test_the_cancellation_rule_is_set_on_the_project(teacher_client, student):
    data = project_data(
        [student], late_cancel_hours="12", charge_late_cancel="", charge_no_show="on"
    )
    del data["charge_late_cancel"]  # an unticked box is not posted

    teacher_client.post(reverse("projects:create"), {**data, **slot_data([])})

    project = Project.objects.get(title="English with Sasha")
    assert (project.late_cancel_hours, project.charge_late_cancel, project.charge_no_show) == (
        12,
        False,
        True,
    )
