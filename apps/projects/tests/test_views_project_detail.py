"""The project page: the teacher's, and a student's read-only view."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from apps.lessons.services import payment_record
from apps.projects.models import Goal, GoalMeasure, ProjectStatus
from apps.projects.selectors import slot_in_words
from apps.projects.tests.factories import make_project
from apps.scheduling.models import LessonStatus
from apps.scheduling.services import lessons_generate
from apps.scheduling.tests.factories import make_slot, utc

from .page_helpers import HTMX, MON, NOW, THU, project_with_lessons


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def project(teacher, student):
    project = project_with_lessons(
        teacher, [student], title="English B1", notes="Needs encouragement", price=1500
    )
    make_slot(project, [THU], time(19, 30), interval=2, duration=90)
    lessons_generate(project=project, until=date(2027, 4, 7))
    project.lessons.filter(start=utc(2027, 1, 4, 15)).update(status=LessonStatus.HELD)
    Goal.objects.create(
        project=project, text="Twenty lessons", measure=GoalMeasure.LESSONS_HELD, target_value=20
    )
    Goal.objects.create(project=project, text="500 words", target_value=500, manual_value=125)
    return project


def url(project) -> str:
    return reverse("projects:detail", args=[project.pk])


def test_it_works(teacher_client, project):
    response = teacher_client.get(url(project))

    assert response.status_code == 200
    assertContains(response, "English B1")
    assertContains(response, "Sasha Student")
    assertContains(response, "1,500 RUB")
    assertContains(response, '<span class="badge badge-active">active</span>', html=True)
    assertContains(response, "--project-colour: ")
    # The timetable in words.
    assertContains(response, "Mondays at 18:00, 60 min")
    assertContains(response, "Every 2 weeks on Thursday at 19:30, 90 min")
    # Goals with their progress: 1 of 20 lessons held, 125 of 500 words.
    assertContains(response, '<progress value="5" max="100"')
    assertContains(response, '<progress value="25" max="100"')
    assertContains(response, "25%")
    # Notes and the controls are the teacher's.
    assertContains(response, "Needs encouragement")
    assertContains(response, f'href="{reverse("projects:edit", args=[project.pk])}"')
    assertContains(response, reverse("projects:status", args=[project.pk]))
    assertContains(response, reverse("projects:goal_create", args=[project.pk]))


def test_lessons_are_shown_in_the_teachers_zone(teacher_client, project):
    response = teacher_client.get(url(project))

    upcoming, past = response.context["upcoming"], response.context["past"]
    assert len(upcoming) == 10
    assert [lesson.start for lesson in upcoming[:2]] == [
        utc(2027, 1, 18, 15),  # Monday 18:00 Moscow
        utc(2027, 1, 21, 16, 30),  # Thursday 19:30 Moscow, every other week
    ]
    assert [lesson.start for lesson in past] == [
        utc(2027, 1, 11, 15),
        utc(2027, 1, 7, 16, 30),
        utc(2027, 1, 4, 15),
    ]
    assertContains(response, "Thu 21 Jan 2027, 19:30")
    assertContains(response, "Mon 4 Jan 2027, 18:00")
    assertContains(response, "held")


def test_only_the_last_ten_past_lessons(teacher_client, teacher):
    project = make_project(teacher, start_date=NOW.date() - timedelta(weeks=20))
    make_slot(project, [MON], time(18))
    lessons_generate(project=project, until=NOW.date())

    response = teacher_client.get(url(project))

    past = response.context["past"]
    assert len(past) == 10
    assert past[0].start == utc(2027, 1, 11, 15)


def test_it_requires_login(client, project):
    response = client.get(url(project))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_it_checks_ownership(client, other_teacher, project):
    client.force_login(other_teacher)

    assert client.get(url(project)).status_code == 404


def test_a_student_of_the_project_reads_it(student_client, project):
    response = student_client.get(url(project))

    assert response.status_code == 200
    assertContains(response, "English B1")
    assertContains(response, "Teacher: Tatiana Teacher")
    assertContains(response, "500 words")
    assertContains(response, '<progress value="25" max="100"')
    # Their own zone (Novosibirsk, UTC+7) for lessons; the timetable says whose time it is.
    assertContains(response, "Thu 21 Jan 2027, 23:30")
    assertContains(response, "Mondays at 18:00 Europe/Moscow time, 60 min")
    # Nothing to change, and not the teacher's notes.
    assertNotContains(response, "Needs encouragement")
    assertNotContains(response, reverse("projects:edit", args=[project.pk]))
    assertNotContains(response, reverse("projects:status", args=[project.pk]))
    assertNotContains(response, reverse("projects:goal_create", args=[project.pk]))
    assertNotContains(response, "/goals/")
    assertNotContains(response, "hx-post")
    assertNotContains(
        response, reverse("scheduling:lesson_detail", args=[project.lessons.first().pk])
    )


def test_a_student_not_in_the_project_gets_404(client, other_student, project):
    client.force_login(other_student)

    assert client.get(url(project)).status_code == 404


def test_an_administrator_gets_404(client, admin_user, project):
    client.force_login(admin_user)

    assert client.get(url(project)).status_code == 404


def test_htmx_returns_the_fragment(teacher_client, project):
    response = teacher_client.get(url(project), headers=HTMX)

    content = response.content.decode()
    assert content.lstrip().startswith('<div id="project"')
    assert "<html" not in content


def test_the_query_count_is_fixed(teacher_client, project, django_assert_max_num_queries):
    for i in range(5):
        Goal.objects.create(
            project=project, text=f"Goal {i}", measure=GoalMeasure.LESSONS_HELD, target_value=5
        )
    with django_assert_max_num_queries(13):  # 13th: the homework section (apps.homework)
        teacher_client.get(url(project))


# The timetable in words


@pytest.mark.parametrize(
    ("weekdays", "interval", "at", "minutes", "words"),
    [
        ([MON], 1, time(18), 60, "Mondays at 18:00, 60 min"),
        ([THU], 2, time(19, 30), 60, "every 2 weeks on Thursday at 19:30, 60 min"),
        ([6], 3, time(9, 5), 45, "every 3 weeks on Sunday at 09:05, 45 min"),
    ],
)
def test_slot_in_words(teacher, weekdays, interval, at, minutes, words):
    slot = make_slot(make_project(teacher), weekdays, at, interval=interval, duration=minutes)

    assert slot_in_words(slot) == words


# Status


def status_url(project) -> str:
    return reverse("projects:status", args=[project.pk])


def test_pausing_removes_future_lessons(teacher_client, project):
    response = teacher_client.post(status_url(project), {"status": ProjectStatus.PAUSED})

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == ProjectStatus.PAUSED
    assert not project.lessons.filter(start__gte=NOW).exists()
    assert project.lessons.filter(start__lt=NOW).count() == 3


def test_resuming_plans_lessons_again(teacher_client, project):
    teacher_client.post(status_url(project), {"status": ProjectStatus.PAUSED})

    response = teacher_client.post(
        status_url(project), {"status": ProjectStatus.ACTIVE}, headers=HTMX
    )

    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith('<div id="project"')
    assertContains(response, "badge-active")
    project.refresh_from_db()
    assert project.status == ProjectStatus.ACTIVE
    assert project.lessons.filter(start__gte=NOW).exists()


def test_the_status_buttons_ask_first(teacher_client, project):
    response = teacher_client.get(url(project))

    assertContains(response, "Pause this project?")
    assertContains(response, "Finish this project?")
    assertContains(response, 'hx-confirm="Pause this project?', count=1)
    assertContains(response, 'hx-confirm="Finish this project?', count=1)
    assertNotContains(response, "Make this project active again?")


def test_an_unknown_status_is_refused(teacher_client, project):
    response = teacher_client.post(status_url(project), {"status": "deleted"})

    assert response.status_code == 400
    project.refresh_from_db()
    assert project.status == ProjectStatus.ACTIVE


def test_status_rejects_get(teacher_client, project):
    assert teacher_client.get(status_url(project)).status_code == 405


def test_status_checks_ownership(client, other_teacher, student, project):
    client.force_login(other_teacher)
    assert client.post(status_url(project), {"status": "paused"}).status_code == 404
    client.force_login(student)
    assert client.post(status_url(project), {"status": "paused"}).status_code == 403
    project.refresh_from_db()
    assert project.status == ProjectStatus.ACTIVE


def test_the_balance_follows_lessons_and_payments(teacher_client, project, student, teacher):
    # One lesson held at 1,500 RUB and nothing paid yet.
    response = teacher_client.get(url(project))
    assertContains(response, "Owed: 1500.00 RUB")
    assertContains(response, f"{reverse('lessons:payment_create')}?project={project.pk}")

    payment_record(
        project=project,
        student=student,
        amount=Decimal("2000"),
        paid_on=date(2027, 1, 5),
        method="cash",
        comment="",
        by=teacher,
    )

    assertContains(teacher_client.get(url(project)), "In credit: 500.00 RUB")


def test_a_student_sees_the_balance_but_no_payment_button(student_client, project):
    response = student_client.get(url(project))

    assertContains(response, "Owed: 1500.00 RUB")
    assertNotContains(response, reverse("lessons:payment_create"))
