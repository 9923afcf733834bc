"""The exercise page for teachers (answer key, own students' attempts), "My exercises" for
students, and an attempt's page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from apps.accounts.models import Role
from apps.accounts.services import student_link
from apps.exercises.models import Attempt, Kind, LibraryState
from conftest import make_user

from .factories import first_item, make_exercise

APPROVED = LibraryState.APPROVED


def detail(exercise):
    return reverse("exercises:detail", args=[exercise.pk])


def test_the_teacher_sees_the_answers(teacher_client, teacher):
    exercise = make_exercise(
        Kind.GAP_SELECT,
        [{"text": "She {*goes|go} to school."}],
        author=teacher,
        title="Present simple",
    )
    item = first_item(exercise)
    item.explanation = "Third person: -s."
    item.save()

    response = teacher_client.get(detail(exercise))

    assertContains(response, "<h1>Present simple</h1>", html=True)
    assertContains(response, "<strong>goes</strong>", html=True)
    assertContains(response, "also offered: go")
    assertContains(response, "Third person: -s.")
    assertContains(response, f'href="{reverse("exercises:play", args=[exercise.pk])}"')
    assertContains(response, "Try it")


@pytest.mark.parametrize(
    ("kind", "data", "shown"),
    [
        (
            Kind.SINGLE_CHOICE,
            {"question": "Q?", "choices": ["no", "yes"], "correct": [1]},
            "<strong>yes</strong>",
        ),
        (Kind.TRUE_FALSE, {"statement": "Cats meow.", "correct": True}, "<strong>True</strong>"),
        (
            Kind.MATCHING,
            {"pairs": [["cat", "кошка"], ["dog", "собака"]]},
            "<strong>собака</strong>",
        ),
        (Kind.WORD_ORDER, {"answers": ["I am here."]}, "<strong>I am here.</strong>"),
        (Kind.GAP_FILL, {"text": "I {have|'ve} been."}, "<strong>have / &#x27;ve</strong>"),
    ],
)
def test_the_answer_key_per_kind(teacher_client, teacher, kind, data, shown):
    exercise = make_exercise(kind, [data], author=teacher)

    response = teacher_client.get(detail(exercise))

    assertContains(response, shown)


def test_categorise_and_free_answer_keys(teacher_client, teacher):
    sort = make_exercise(
        Kind.CATEGORISE,
        [
            {
                "groups": [
                    {"name": "le", "items": ["livre"]},
                    {"name": "la", "items": ["maison", "table"]},
                ]
            }
        ],
        author=teacher,
    )
    free = make_exercise(
        Kind.FREE_ANSWER, [{"prompt": "Tell a story.", "mode": "audio"}], author=teacher
    )
    assertContains(teacher_client.get(detail(sort)), "maison, table")
    assertContains(teacher_client.get(detail(free)), "The student records the answer")


def test_attempts_of_own_students_only(teacher_client, teacher, student, other_student):
    exercise = make_exercise(
        Kind.TRUE_FALSE, [{"statement": "S.", "correct": True}], library_state=APPROVED
    )
    Attempt.objects.create(exercise=exercise, student=student, score=80, max_points=1)
    Attempt.objects.create(exercise=exercise, student=other_student, score=30, max_points=1)

    response = teacher_client.get(detail(exercise))

    assertContains(response, "Sasha Student")
    assertContains(response, "80%")
    assertNotContains(response, "Olga Other")
    assertNotContains(response, "30%")
    assert len(response.context["attempts"]) == 1


def test_a_student_shared_by_two_teachers_is_listed_once(teacher_client, student, other_teacher):
    student_link(teacher=other_teacher, student=student)
    exercise = make_exercise(
        Kind.TRUE_FALSE, [{"statement": "S.", "correct": True}], library_state=APPROVED
    )
    Attempt.objects.create(exercise=exercise, student=student, score=80, max_points=1)

    response = teacher_client.get(detail(exercise))

    assert len(response.context["attempts"]) == 1


# My exercises


def test_my_exercises_shows_best_and_last(student_client, student, other_student):
    a = make_exercise(
        Kind.TRUE_FALSE,
        [{"statement": "S.", "correct": True}],
        title="Alpha",
        library_state=APPROVED,
    )
    b = make_exercise(
        Kind.TRUE_FALSE,
        [{"statement": "S.", "correct": True}],
        title="Beta",
        library_state=APPROVED,
    )
    make_exercise(
        Kind.TRUE_FALSE,
        [{"statement": "S.", "correct": True}],
        title="Never done",
        library_state=APPROVED,
    )
    Attempt.objects.create(exercise=a, student=student, score=90, max_points=1)
    Attempt.objects.create(exercise=a, student=student, score=40, max_points=1)
    Attempt.objects.create(exercise=b, student=other_student, score=10, max_points=1)

    response = student_client.get(reverse("exercises:mine"))

    assertContains(response, "Alpha")
    assertNotContains(response, "Beta")
    assertNotContains(response, "Never done")
    [row] = response.context["exercises"]
    assert (row.best_score, row.last_score) == (90, 40)
    assertContains(response, "<td>90%</td>", html=True)


def test_my_exercises_empty_state(student_client):
    assertContains(student_client.get(reverse("exercises:mine")), "No exercises done yet")


def test_my_exercises_query_count(student_client, student, django_assert_max_num_queries):
    for n in range(15):
        exercise = make_exercise(
            Kind.TRUE_FALSE,
            [{"statement": "S.", "correct": True}],
            title=f"E{n}",
            library_state=APPROVED,
        )
        Attempt.objects.create(exercise=exercise, student=student, score=n, max_points=1)
    with django_assert_max_num_queries(6):
        response = student_client.get(reverse("exercises:mine"))
    assert len(response.context["exercises"]) == 15


# An attempt's page


def test_the_attempt_page_shows_the_answers_and_results(student_client, student):
    exercise = make_exercise(
        Kind.GAP_FILL, [{"text": "Paris is {lovely}."}], library_state=APPROVED
    )
    item = first_item(exercise)
    student_client.post(reverse("exercises:play", args=[exercise.pk]), {f"i{item.pk}-g0": "ugly"})
    attempt = Attempt.objects.get()

    response = student_client.get(reverse("exercises:attempt", args=[attempt.pk]))

    assertContains(response, 'value="ugly"')
    assertContains(response, '<span class="ex-gap-answer">lovely</span>', html=True)
    assertContains(response, "Score: 0%")


def test_a_pending_teacher_is_not_a_student(client, student):
    teacher = make_user("p2@example.com", "P Two", Role.TEACHER)
    client.force_login(teacher)
    assert client.get(reverse("exercises:mine")).status_code in (302, 403)
