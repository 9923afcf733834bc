"""The administration site for projects: lists, search, and saving a project with its
timetable, which brings its lessons in line."""

from __future__ import annotations

from datetime import time

import pytest
from django.urls import reverse

from apps.projects.models import Language, Project
from apps.projects.tests.factories import make_project
from apps.scheduling.models import TimetableSlot
from apps.scheduling.tests.factories import make_slot, starts, utc


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_lists_and_search(admin_client, teacher, student):
    make_project(teacher, students=(student,), title="Business English")

    for query in ["", "?q=Sasha", "?q=Business", "?status__exact=active", "?language__id__exact=1"]:
        response = admin_client.get(reverse("admin:projects_project_changelist") + query)
        assert response.status_code == 200
    assert (
        b"Business English"
        in admin_client.get(reverse("admin:projects_project_changelist") + "?q=Sasha").content
    )
    assert admin_client.get(reverse("admin:projects_language_changelist")).status_code == 200


def test_change_page_shows_goals_and_slots(admin_client, teacher):
    project = make_project(teacher)
    make_slot(project, [0], time(18))

    response = admin_client.get(reverse("admin:projects_project_change", args=[project.pk]))

    assert response.status_code == 200
    assert b'name="goals-TOTAL_FORMS"' in response.content
    assert b'name="slots-TOTAL_FORMS"' in response.content


def test_adding_a_project_with_a_slot_generates_lessons(
    admin_client, admin_user, teacher, student, time_machine
):
    time_machine.move_to(utc(2027, 1, 4, 9), tick=False)
    admin_client.force_login(admin_user)  # a fresh session in the new "now"
    data = {
        "teacher": teacher.pk,
        "students": [student.pk],
        "language": Language.objects.get(code="fr").pk,
        "level": "A2",
        "title": "French A2",
        "start_date": "2027-01-04",
        "end_date": "2027-01-31",
        "lesson_limit": "",
        "lesson_duration": "45",
        "price": "1500.00",
        "currency": "RUB",
        "status": "active",
        "late_cancel_hours": "24",
        "charge_late_cancel": "on",
        "charge_no_show": "on",
        "notes": "",
        "colour": "#1d4ed8",
        "goals-TOTAL_FORMS": "1",
        "goals-INITIAL_FORMS": "0",
        "goals-0-text": "Hold 8 lessons",
        "goals-0-measure": "lessons_held",
        "goals-0-target_value": "8",
        "slots-TOTAL_FORMS": "1",
        "slots-INITIAL_FORMS": "0",
        "slots-0-rrule": "FREQ=WEEKLY;BYDAY=TH",
        "slots-0-start_time": "19:30",
        "slots-0-duration": "",
        "slots-0-time_zone": "",
        "slots-0-valid_from": "2027-01-04",
        "slots-0-valid_until": "",
    }

    response = admin_client.post(reverse("admin:projects_project_add"), data)

    assert response.status_code == 302
    project = Project.objects.get(title="French A2")
    slot = TimetableSlot.objects.get(project=project)
    assert (slot.duration, slot.time_zone) == (45, "Europe/Moscow")
    assert project.goals.count() == 1
    # Thursdays 19:30 Moscow (16:30 UTC), 45 minutes, until the project's end.
    assert starts(project.lessons.all()) == [
        utc(2027, 1, 7, 16, 30),
        utc(2027, 1, 14, 16, 30),
        utc(2027, 1, 21, 16, 30),
        utc(2027, 1, 28, 16, 30),
    ]
    assert project.lessons.first().end == utc(2027, 1, 7, 17, 15)


def test_bad_rule_is_refused(admin_client, teacher):
    data = {
        "teacher": teacher.pk,
        "language": Language.objects.get(code="en").pk,
        "level": "B1",
        "title": "English",
        "start_date": "2027-01-04",
        "lesson_duration": "60",
        "price": "0",
        "currency": "RUB",
        "status": "active",
        "colour": "#1d4ed8",
        "goals-TOTAL_FORMS": "0",
        "goals-INITIAL_FORMS": "0",
        "slots-TOTAL_FORMS": "1",
        "slots-INITIAL_FORMS": "0",
        "slots-0-rrule": "FREQ=HOURLY",
        "slots-0-start_time": "19:30",
        "slots-0-valid_from": "2027-01-04",
    }

    response = admin_client.post(reverse("admin:projects_project_add"), data)

    assert response.status_code == 200
    assert not Project.objects.exists()
    assert b"daily, weekly, monthly or yearly" in response.content
