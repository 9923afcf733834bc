"""The administration site for lessons and days off."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from apps.projects.tests.factories import make_project
from apps.scheduling.models import DayOff, LessonStatus
from apps.scheduling.tests.factories import make_lesson, utc


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def lesson(teacher):
    return make_lesson(make_project(teacher), utc(2027, 1, 4, 15))


def test_lists(admin_client, lesson, teacher):
    DayOff.objects.create(teacher=teacher, start_date=date(2027, 1, 1), end_date=date(2027, 1, 3))
    lessons = reverse("admin:scheduling_lesson_changelist")

    for query in [
        "",
        "?status__exact=planned",
        f"?project__teacher__id__exact={teacher.pk}",
        f"?project__id__exact={lesson.project_id}",
        "?start__year=2027&start__month=1",
        "?q=English",
    ]:
        response = admin_client.get(lessons + query)
        assert response.status_code == 200
        assert b"English B1" in response.content
    assert admin_client.get(reverse("admin:scheduling_dayoff_changelist")).status_code == 200
    change = reverse("admin:scheduling_lesson_change", args=[lesson.pk])
    assert admin_client.get(change).status_code == 200


def test_moving_a_lesson_marks_it_moved(admin_client, lesson):
    # The admin shows times in the site's zone, Moscow (UTC+3).
    data = {
        "project": lesson.project_id,
        "start_0": "2027-01-05",
        "start_1": "18:00:00",
        "end_0": "2027-01-05",
        "end_1": "19:00:00",
        "status": "planned",
        "note": "",
    }

    response = admin_client.post(reverse("admin:scheduling_lesson_change", args=[lesson.pk]), data)

    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.start == utc(2027, 1, 5, 15)
    assert lesson.moved_by_hand
    assert lesson.sequence == 1


def test_cancel_action(admin_client, lesson):
    response = admin_client.post(
        reverse("admin:scheduling_lesson_changelist"),
        {"action": "cancel_by_teacher", "_selected_action": [lesson.pk]},
    )

    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.status == LessonStatus.CANCELLED_BY_TEACHER
