"""A student's own projects at /projects/mine/."""

from __future__ import annotations

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from apps.projects.tests.factories import make_project

from .page_helpers import NOW, project_with_lessons

URL = reverse("projects:student_list")


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)


def test_it_works(student_client, teacher, other_teacher, student, other_student):
    mine = project_with_lessons(teacher, [student], title="English B1")
    also_mine = make_project(other_teacher, students=(student,), title="French A2", language="fr")
    make_project(other_teacher, students=(other_student,), title="Not mine")

    response = student_client.get(URL)

    assert response.status_code == 200
    assert set(response.context["projects"]) == {mine, also_mine}
    assertContains(response, f'href="{reverse("projects:detail", args=[mine.pk])}"')
    assertContains(response, "Tatiana Teacher")
    assertContains(response, "Oleg Other")
    assertNotContains(response, "Not mine")
    # The next lesson in the student's zone: Monday 18:00 Moscow is 22:00 in Novosibirsk.
    assertContains(response, "Mon 18 Jan, 22:00")
    assertContains(response, "My projects")


def test_the_empty_state(student_client):
    response = student_client.get(URL)

    assertContains(response, "No projects yet.")


def test_it_requires_login(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_it_is_for_students(teacher_client):
    assert teacher_client.get(URL).status_code == 403


def test_the_navigation_has_it(student_client):
    response = student_client.get(URL)

    assertContains(response, f'<a href="{URL}" aria-current="page">My projects</a>', html=True)
