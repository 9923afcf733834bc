"""The days-off page: adding holidays, cancelling the lessons already planned in them, removing."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from apps.projects.tests.factories import make_project
from apps.scheduling import services
from apps.scheduling.models import DayOff, Lesson, LessonStatus
from apps.scheduling.tests.factories import make_slot

URL = reverse("scheduling:days_off")
pytestmark = pytest.mark.django_db


@pytest.fixture
def project(teacher, student):
    teacher.time_zone = "Europe/Moscow"
    teacher.save(update_fields=["time_zone"])
    project = make_project(teacher, students=(student,), start_date=date(2027, 1, 4))
    make_slot(project, [0, 3], time(18, 0))  # Mondays and Thursdays
    services.lessons_generate(project=project, until=date(2027, 2, 28))
    return project


@pytest.fixture(autouse=True)
def _frozen(time_machine):
    time_machine.move_to("2027-01-01 09:00:00+00:00", tick=False)


def test_it_requires_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_a_student_cannot_open_it(student_client):
    assert student_client.get(URL).status_code == 403


def test_it_works(teacher_client, project):
    response = teacher_client.post(
        URL, {"start_date": "2027-01-11", "end_date": "2027-01-17", "reason": "Ski trip"}
    )

    assert response.status_code == 302
    page = teacher_client.get(URL)
    assertContains(page, "Ski trip")
    # Monday 11 and Thursday 14 January were already planned: offered for cancellation.
    assertContains(page, "2 lessons are still planned in these days")


def test_days_off_stop_new_lessons(teacher_client, project):
    teacher_client.post(URL, {"start_date": "2027-03-01", "end_date": "2027-03-07"})

    services.lessons_generate(project=project, until=date(2027, 3, 14))

    march = Lesson.objects.filter(project=project, start__date__gte=date(2027, 3, 1))
    days = sorted({lesson.start.date() for lesson in march})
    assert days == [date(2027, 3, 8), date(2027, 3, 11)]


def test_cancelling_the_planned_lessons(teacher_client, project):
    teacher_client.post(URL, {"start_date": "2027-01-11", "end_date": "2027-01-17"})
    day_off = DayOff.objects.get()

    teacher_client.post(reverse("scheduling:day_off_cancel_lessons", args=[day_off.pk]))

    inside = Lesson.objects.filter(
        project=project, start__date__range=(date(2027, 1, 11), date(2027, 1, 17))
    )
    assert {lesson.status for lesson in inside} == {LessonStatus.CANCELLED_BY_TEACHER}
    assert inside.count() == 2
    assert Lesson.objects.filter(project=project, status=LessonStatus.PLANNED).exists()
    assertNotContains(teacher_client.get(URL), "still planned in these days")


def test_the_last_day_cannot_be_before_the_first(teacher_client, project):
    response = teacher_client.post(URL, {"start_date": "2027-01-17", "end_date": "2027-01-11"})

    assertContains(response, "The last day cannot be before the first.")
    assert not DayOff.objects.exists()


def test_removing_days_off_fills_them_again(teacher_client, project):
    teacher_client.post(URL, {"start_date": "2027-03-01", "end_date": "2027-03-07"})
    day_off = DayOff.objects.get()
    services.lessons_generate(project=project, until=date(2027, 3, 14))

    teacher_client.post(reverse("scheduling:day_off_delete", args=[day_off.pk]))

    assert not DayOff.objects.exists()
    assert Lesson.objects.filter(project=project, start__date=date(2027, 3, 1)).exists()


def test_it_checks_ownership(client, other_teacher, project):
    day_off = services.day_off_create(
        teacher=project.teacher, start_date=date(2027, 1, 11), end_date=date(2027, 1, 11)
    )
    client.force_login(other_teacher)

    assert client.post(reverse("scheduling:day_off_delete", args=[day_off.pk])).status_code == 404
    assert (
        client.post(reverse("scheduling:day_off_cancel_lessons", args=[day_off.pk])).status_code
        == 404
    )
    assert DayOff.objects.filter(pk=day_off.pk).exists()
    assertNotContains(client.get(URL), "2027")


def test_another_teachers_project_cannot_be_chosen(client, other_teacher, project):
    client.force_login(other_teacher)

    response = client.post(
        URL, {"start_date": "2027-01-11", "end_date": "2027-01-11", "project": project.pk}
    )

    assert response.status_code == 200
    assert not DayOff.objects.exists()


def test_it_rejects_get_on_actions(teacher_client, project):
    day_off = services.day_off_create(
        teacher=project.teacher, start_date=date(2027, 1, 11), end_date=date(2027, 1, 11)
    )
    assert (
        teacher_client.get(reverse("scheduling:day_off_delete", args=[day_off.pk])).status_code
        == 405
    )
