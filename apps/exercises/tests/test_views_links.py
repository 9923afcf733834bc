"""The ways into the builder from the teacher's pages: the list's "New exercise" and "Import",
the exercise page's Edit (the author only), Duplicate and Export."""

from __future__ import annotations

from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from apps.exercises.models import Exercise, Kind, LibraryState

from .factories import make_exercise

TF = [{"statement": "Paris is in France.", "correct": True}]


def test_the_list_offers_new_and_import(teacher_client):
    response = teacher_client.get(reverse("exercises:list"))

    assertContains(response, f'href="{reverse("exercises:create")}"')
    assertContains(response, "New exercise")
    assertContains(response, f'href="{reverse("exercises:import")}"')


def test_the_author_can_edit_duplicate_and_export(teacher_client, teacher):
    exercise = make_exercise(Kind.TRUE_FALSE, TF, author=teacher, title="Capitals")

    response = teacher_client.get(reverse("exercises:detail", args=[exercise.pk]))

    assertContains(response, f'href="{reverse("exercises:edit", args=[exercise.pk])}"')
    assertContains(response, f'action="{reverse("exercises:duplicate", args=[exercise.pk])}"')
    assertContains(response, f'href="{reverse("exercises:export", args=[exercise.pk])}"')


def test_duplicate_from_the_page_makes_an_own_copy(teacher_client, teacher):
    exercise = make_exercise(Kind.TRUE_FALSE, TF, author=teacher, title="Capitals")

    response = teacher_client.post(reverse("exercises:duplicate", args=[exercise.pk]))

    copy = Exercise.objects.exclude(pk=exercise.pk).get()
    assertRedirects(response, reverse("exercises:edit", args=[copy.pk]))
    assert copy.author == teacher and copy.items.count() == 1


def test_a_library_exercise_is_copied_not_edited(teacher_client, other_teacher):
    exercise = make_exercise(
        Kind.TRUE_FALSE, TF, author=other_teacher, library_state=LibraryState.APPROVED
    )

    response = teacher_client.get(reverse("exercises:detail", args=[exercise.pk]))

    assertNotContains(response, reverse("exercises:edit", args=[exercise.pk]))
    assertContains(response, "Make my own copy")
    assertContains(response, f'action="{reverse("exercises:duplicate", args=[exercise.pk])}"')
