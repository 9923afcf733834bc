"""Adding, editing and deleting a project's goals inline on the project page."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from apps.projects.models import Goal, GoalMeasure, Language
from apps.projects.tests.factories import make_project
from apps.vocabulary.models import CardState, Word

from .page_helpers import HTMX


@pytest.fixture
def project(teacher, student):
    return make_project(teacher, students=(student,))


@pytest.fixture
def goal(project):
    return Goal.objects.create(
        project=project, text="500 words", target_value=500, manual_value=100
    )


def create_url(project) -> str:
    return reverse("projects:goal_create", args=[project.pk])


def edit_url(goal) -> str:
    return reverse("projects:goal_edit", args=[goal.project_id, goal.pk])


def delete_url(goal) -> str:
    return reverse("projects:goal_delete", args=[goal.project_id, goal.pk])


def test_it_works(teacher_client, project):
    response = teacher_client.post(
        create_url(project),
        {"text": "Read a novel", "measure": "manual", "target_value": "10", "manual_value": "4"},
    )

    assertRedirects(
        response,
        reverse("projects:detail", args=[project.pk]) + "#goals",
        fetch_redirect_response=False,
    )
    goal = project.goals.get()
    assert (goal.text, goal.target_value, goal.manual_value) == (
        "Read a novel",
        Decimal("10"),
        Decimal("4"),
    )


def test_htmx_returns_the_goals_fragment(teacher_client, project):
    response = teacher_client.post(
        create_url(project),
        {"text": "Twenty lessons", "measure": "lessons_held", "target_value": "20"},
        headers=HTMX,
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="goals"')
    assert "<html" not in content
    assertContains(response, "Twenty lessons")
    assertContains(response, '<progress value="0" max="100"')
    goal = project.goals.get()
    assert goal.manual_value is None  # counted, not entered


def test_a_counted_measure_ignores_the_manual_value(teacher_client, project):
    teacher_client.post(
        create_url(project),
        {"text": "Lessons", "measure": "lessons_held", "target_value": "20", "manual_value": "7"},
    )

    assert project.goals.get().manual_value is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "", "target_value": "10", "manual_value": "0"}, "Describe the goal."),
        ({"text": "Words", "target_value": "", "manual_value": "0"}, "Enter the target"),
        (
            {"text": "Words", "target_value": "0", "manual_value": "0"},
            "The target must be more than 0.",
        ),
        ({"text": "Words", "target_value": "10", "manual_value": ""}, "Enter the current value"),
        ({"text": "Words", "target_value": "10", "manual_value": "-1"}, "cannot be negative"),
    ],
)
def test_validation_errors_change_nothing(teacher_client, project, data, message):
    response = teacher_client.post(create_url(project), {"measure": "manual"} | data, headers=HTMX)

    assert response.status_code == 200
    assertContains(response, message)
    assertContains(response, '<details class="goal-add" open>')
    assert not project.goals.exists()


def test_validation_errors_without_javascript_show_the_form_page(teacher_client, project):
    response = teacher_client.post(create_url(project), {"text": "", "measure": "manual"})

    assert response.status_code == 200
    assertContains(response, "Describe the goal.")
    assertContains(response, "<h1>Add a goal</h1>", html=True)
    assertNotContains(response, "hx-post")  # a page of its own has no #goals to swap into


def test_the_add_form_page_works_without_javascript(teacher_client, project):
    response = teacher_client.get(create_url(project))

    assert response.status_code == 200
    assertContains(response, 'name="text"')


def test_edit_shows_the_form_in_place(teacher_client, goal):
    response = teacher_client.get(edit_url(goal), headers=HTMX)

    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith('<section id="goals"')
    assertContains(response, 'value="500 words"')
    assertContains(response, f'action="{edit_url(goal)}"')
    assertContains(response, f'id="goal-{goal.pk}-text"')


def test_edit_saves(teacher_client, goal):
    response = teacher_client.post(
        edit_url(goal),
        {
            "text": "600 words",
            "measure": "manual",
            "target_value": "600",
            "manual_value": "300",
        },
        headers=HTMX,
    )

    assert response.status_code == 200
    assertContains(response, "600 words")
    assertContains(response, '<progress value="50" max="100"')
    goal.refresh_from_db()
    assert (goal.text, goal.measure, goal.manual_value) == (
        "600 words",
        GoalMeasure.MANUAL,
        Decimal("300"),
    )


@pytest.mark.parametrize("measure", ["lessons_held", "words_learned", "homework_average"])
def test_counted_measures_need_no_value_and_ignore_one(teacher_client, goal, measure):
    response = teacher_client.post(
        edit_url(goal),
        {"text": "Counted", "measure": measure, "target_value": "40", "manual_value": ""},
        headers=HTMX,
    )

    assertNotContains(response, "Enter the current value")
    goal.refresh_from_db()
    assert (goal.measure, goal.manual_value) == (measure, None)


def test_words_learned_goal_shows_the_students_learned_words(teacher_client, goal, student):
    english = Language.objects.get(code="en")
    for text in ("the cat", "the house"):
        word = Word.objects.create(student=student, text=text, translation="x", language=english)
        Word.objects.filter(pk=word.pk).update(state=CardState.REVIEW)
    teacher_client.post(
        edit_url(goal),
        {
            "text": "Four words",
            "measure": "words_learned",
            "target_value": "4",
            "manual_value": "1",
        },
    )

    response = teacher_client.get(reverse("projects:detail", args=[goal.project_id]))

    assertContains(response, '<progress value="50" max="100"')
    assertContains(response, "2 / 4 · words learned")


def test_edit_validation_errors_change_nothing(teacher_client, goal):
    response = teacher_client.post(
        edit_url(goal), {"text": "", "measure": "manual", "target_value": "5"}, headers=HTMX
    )

    assert response.status_code == 200
    assertContains(response, "Describe the goal.")
    assertContains(response, f'action="{edit_url(goal)}"')
    goal.refresh_from_db()
    assert goal.text == "500 words"


def test_cancel_returns_the_goals(teacher_client, goal):
    response = teacher_client.get(reverse("projects:goals", args=[goal.project_id]), headers=HTMX)

    assert response.content.decode().lstrip().startswith('<section id="goals"')
    assertNotContains(response, f'action="{edit_url(goal)}"')


def test_the_goals_url_without_htmx_goes_to_the_project(teacher_client, goal):
    response = teacher_client.get(reverse("projects:goals", args=[goal.project_id]))

    assertRedirects(
        response,
        reverse("projects:detail", args=[goal.project_id]) + "#goals",
        fetch_redirect_response=False,
    )


def test_delete(teacher_client, goal):
    response = teacher_client.post(delete_url(goal), headers=HTMX)

    assert response.status_code == 200
    assertNotContains(response, "500 words")
    assert not Goal.objects.exists()


def test_delete_rejects_get(teacher_client, goal):
    assert teacher_client.get(delete_url(goal)).status_code == 405
    assert Goal.objects.exists()


def test_it_requires_login(client, goal):
    for url in (create_url(goal.project), edit_url(goal)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_a_student_cannot_change_goals(student_client, goal):
    assert student_client.post(create_url(goal.project), {"text": "x"}).status_code == 403
    assert student_client.post(edit_url(goal), {"text": "x"}).status_code == 403
    assert student_client.post(delete_url(goal)).status_code == 403
    goal.refresh_from_db()
    assert goal.text == "500 words"


def test_it_checks_ownership(client, other_teacher, goal):
    client.force_login(other_teacher)
    data = {"text": "Mine now", "measure": "manual", "target_value": "1", "manual_value": "0"}

    assert client.post(create_url(goal.project), data).status_code == 404
    assert client.post(edit_url(goal), data).status_code == 404
    assert client.post(delete_url(goal)).status_code == 404
    goal.refresh_from_db()
    assert goal.text == "500 words"


def test_a_goal_of_another_project_is_404(teacher_client, teacher, goal):
    other_project = make_project(teacher, title="Other")
    url = reverse("projects:goal_edit", args=[other_project.pk, goal.pk])

    assert teacher_client.get(url).status_code == 404
    assert (
        teacher_client.post(
            reverse("projects:goal_delete", args=[other_project.pk, goal.pk])
        ).status_code
        == 404
    )
