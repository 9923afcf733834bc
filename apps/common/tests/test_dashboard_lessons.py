"""The lessons on the home page: a student's today and next two weeks, a teacher's today.

"Now" is Wednesday 13 January 2027, 12:00 UTC: 17:00 for the student in Yekaterinburg (UTC+5)
and 13:00 for the teacher in Paris (UTC+1).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from apps.accounts.models import Role
from apps.projects.tests.factories import make_project
from apps.scheduling import services
from apps.scheduling.models import Lesson
from apps.scheduling.tests.factories import make_lesson, utc
from conftest import make_user

URL = reverse("common:home")
NOW = utc(2027, 1, 13, 12)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen(time_machine):
    # Before the personas log in, so their sessions are fresh at the frozen time.
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def project(teacher, student):
    teacher.time_zone = "Europe/Paris"
    teacher.save(update_fields=["time_zone"])
    student.time_zone = "Asia/Yekaterinburg"
    student.save(update_fields=["time_zone"])
    return make_project(teacher, students=(student,), title="English B1")


@pytest.fixture
def others(other_teacher, other_student):
    return make_project(other_teacher, students=(other_student,), title="German for Olga")


def lesson_ids(lessons: list[Lesson]) -> list[int]:
    return [lesson.pk for lesson in lessons]


# The student's home page


def test_it_works(student_client, project, teacher):
    lesson = make_lesson(project, utc(2027, 1, 13, 15))

    response = student_client.get(URL)

    assert response.status_code == 200
    assert lesson_ids(response.context["lessons"].today) == [lesson.pk]
    assertContains(response, "20:00–21:00")  # 15:00 UTC in Yekaterinburg
    assertNotContains(response, "15:00")
    assertContains(response, "English B1")
    assertContains(response, teacher.name)
    assertContains(response, "Your teachers")  # still below


def test_it_requires_login(client, project):
    make_lesson(project, utc(2027, 1, 13, 15))

    response = client.get(URL)

    assert response.status_code == 200  # visitors get the landing page, without lessons
    assert "lessons" not in response.context
    assertNotContains(response, "English B1")


def test_days_are_the_students_own(student_client, project):
    this_morning = make_lesson(project, utc(2027, 1, 13, 3))  # 08:00 on the 13th, already over
    after_midnight = make_lesson(project, utc(2027, 1, 13, 20))  # 01:00 on the 14th
    yesterday = make_lesson(project, utc(2027, 1, 12, 18, 30))  # 23:30 on the 12th

    lessons = student_client.get(URL).context["lessons"]

    assert lesson_ids(lessons.today) == [this_morning.pk]
    assert lesson_ids(lessons.upcoming) == [after_midnight.pk]
    assert yesterday.pk not in lesson_ids(lessons.today + lessons.upcoming)


def test_upcoming_is_the_next_fourteen_days(student_client, project):
    last_day = make_lesson(project, utc(2027, 1, 27, 15))  # 20:00 on the 27th, today + 14
    too_far = make_lesson(project, utc(2027, 1, 27, 19))  # 00:00 on the 28th

    response = student_client.get(URL)

    assert lesson_ids(response.context["lessons"].upcoming) == [last_day.pk]
    assert too_far.pk not in lesson_ids(response.context["lessons"].upcoming)
    assertContains(response, "Wed 27 Jan, 20:00–21:00")


def test_upcoming_shows_at_most_twenty(student_client, project):
    for hours in range(24, 24 + 25 * 12, 12):
        make_lesson(project, NOW + timedelta(hours=hours))

    upcoming = student_client.get(URL).context["lessons"].upcoming

    assert len(upcoming) == 20
    assert upcoming == sorted(upcoming, key=lambda lesson: lesson.start)


def test_a_cancelled_lesson_has_a_badge(student_client, project):
    lesson = make_lesson(project, utc(2027, 1, 14, 15))
    services.lessons_cancel(lessons=[lesson])

    response = student_client.get(URL)

    assert lesson_ids(response.context["lessons"].upcoming) == [lesson.pk]
    assertContains(response, '<tr class="cancelled">')
    assertContains(response, '<span class="badge badge-warn">cancelled</span>')


def test_it_checks_ownership(student_client, project, others, teacher):
    mine = make_lesson(project, utc(2027, 1, 14, 15))
    theirs = make_lesson(others, utc(2027, 1, 14, 16))
    same_teacher = make_project(teacher, title="French for someone else", language="fr")
    make_lesson(same_teacher, utc(2027, 1, 13, 15))

    response = student_client.get(URL)

    lessons = response.context["lessons"]
    assert lesson_ids(lessons.today + lessons.upcoming) == [mine.pk]
    assert theirs.pk not in lesson_ids(lessons.upcoming)
    assertNotContains(response, "German for Olga")
    assertNotContains(response, "French for someone else")


def test_nothing_planned(student_client, project):
    response = student_client.get(URL)

    assertContains(response, "Nothing planned yet")
    assertNotContains(response, "No lessons today.")


def test_no_lesson_today_but_later(student_client, project):
    make_lesson(project, utc(2027, 1, 20, 15))

    response = student_client.get(URL)

    assertContains(response, "No lessons today.")
    assertNotContains(response, "Nothing planned yet")


def test_student_query_count_does_not_grow(student_client, project, other_teacher, student):
    make_lesson(project, utc(2027, 1, 13, 15))
    with CaptureQueriesContext(connection) as few:
        student_client.get(URL)
    for day in range(14, 27):
        make_lesson(project, utc(2027, 1, day, 15))
        second = make_project(other_teacher, students=(student,), title=f"Project {day}")
        make_lesson(second, utc(2027, 1, day, 9))
        make_lesson(second, utc(2027, 1, 13, 4, day))

    with CaptureQueriesContext(connection) as many:
        response = student_client.get(URL)

    assert len(response.context["lessons"].upcoming) == 20
    assert len(many) == len(few)


# The teacher's home page


def test_the_teacher_sees_todays_lessons(teacher_client, project, student, others):
    group = make_project(
        project.teacher,
        students=(student, make_user("anna@example.com", "Anna Another", Role.STUDENT)),
        title="Group",
    )
    first = make_lesson(group, utc(2027, 1, 13, 8))  # 09:00 in Paris
    second = make_lesson(project, utc(2027, 1, 13, 15))  # 16:00 in Paris
    make_lesson(project, utc(2027, 1, 13, 23, 30))  # 00:30 on the 14th in Paris
    make_lesson(others, utc(2027, 1, 13, 10))

    response = teacher_client.get(URL)

    assert lesson_ids(response.context["today_lessons"]) == [first.pk, second.pk]
    assertContains(response, "Today's lessons")
    assertContains(response, "09:00–10:00")
    assertContains(response, "16:00–17:00")
    assertContains(response, "Anna Another, Sasha Student")
    assertNotContains(response, "German for Olga")
    assertContains(
        response, f'href="{reverse("scheduling:calendar")}?view=day&amp;date=2027-01-13"'
    )


def test_the_teacher_has_no_lessons_today(teacher_client, project):
    make_lesson(project, utc(2027, 1, 14, 15))

    response = teacher_client.get(URL)

    assert response.context["today_lessons"] == []
    assertContains(response, "No lessons today.")


def test_teacher_query_count_does_not_grow(teacher_client, project, teacher):
    make_lesson(project, utc(2027, 1, 13, 8))
    with CaptureQueriesContext(connection) as few:
        teacher_client.get(URL)
    for hour in range(9, 20):
        students = tuple(
            make_user(f"s{hour}{i}@example.com", f"Student {hour}{i}", Role.STUDENT)
            for i in range(2)
        )
        group = make_project(teacher, students=students, title=f"Group {hour}")
        make_lesson(group, utc(2027, 1, 13, hour), minutes=30)

    with CaptureQueriesContext(connection) as many:
        response = teacher_client.get(URL)

    assert len(response.context["today_lessons"]) == 12
    assert len(many) == len(few)
