"""The builder's htmx parts: a new item row, removing a row, the live preview (never saves)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from apps.exercises.models import Exercise, Item, Kind, LibraryState

from .authoring_helpers import HTMX, edit_data, edit_url, preview_url
from .factories import make_exercise

pytestmark = pytest.mark.django_db


def row_url(exercise: Exercise) -> str:
    return reverse("exercises:item_row", args=[exercise.pk])


def remove_url(exercise: Exercise) -> str:
    return reverse("exercises:item_row_remove", args=[exercise.pk])


# Adding a row


def test_a_new_row_is_numbered_after_the_rows_there_are(teacher_client, teacher):
    exercise = make_exercise(Kind.GAP_DRAG, [], author=teacher)

    response = teacher_client.get(row_url(exercise), {"items-TOTAL_FORMS": "2"}, headers=HTMX)

    assert response.status_code == 200
    assertContains(response, 'name="items-2-text"')
    assertContains(response, 'name="items-2-distractors"')
    assertContains(response, 'name="items-2-ORDER"')
    assertContains(response, "Item <span data-build-number>3</span>")
    # The management form learns about the new row.
    assertContains(response, 'name="items-TOTAL_FORMS" value="3"')
    assertContains(response, 'hx-swap-oob="true"')


@pytest.mark.parametrize("kind", Kind.values)
def test_every_kind_has_a_row_form(teacher_client, teacher, kind):
    exercise = make_exercise(kind, [], author=teacher)

    response = teacher_client.get(row_url(exercise), {"items-TOTAL_FORMS": "0"}, headers=HTMX)

    assert response.status_code == 200
    assertContains(response, 'name="items-0-explanation"')
    assertContains(response, 'name="items-0-image"')


def test_a_bad_row_count_is_not_an_error(teacher_client, teacher):
    exercise = make_exercise(Kind.GAP_FILL, [], author=teacher)

    response = teacher_client.get(row_url(exercise), {"items-TOTAL_FORMS": "lots"}, headers=HTMX)

    assertContains(response, 'name="items-0-text"')


# Removing a row


def test_removing_a_saved_row_keeps_its_id_and_marks_it_deleted(teacher_client, teacher):
    exercise = make_exercise(Kind.GAP_FILL, [{"text": "A {a}."}], author=teacher)
    item = exercise.items.get()

    response = teacher_client.get(
        remove_url(exercise), {"index": "0", "item": str(item.pk)}, headers=HTMX
    )

    assertContains(response, f'name="items-0-item" value="{item.pk}"')
    assertContains(response, 'name="items-0-DELETE" value="on"')
    assertContains(response, "removed when you save")
    assert "buildChanged" in response["HX-Trigger-After-Settle"]  # the preview refreshes
    assert exercise.items.exists()  # only saving removes it

    # Saving the form with the removed row deletes the item.
    data = edit_data(exercise, [{"item": str(item.pk), "DELETE": "on"}, {"text": "B {b}."}])
    teacher_client.post(edit_url(exercise), data)
    assert [i.data for i in exercise.items.all()] == [{"text": "B {b}."}]


def test_removing_a_row_of_another_exercise_is_refused(teacher_client, teacher, other_teacher):
    exercise = make_exercise(Kind.GAP_FILL, [], author=teacher)
    foreign = make_exercise(Kind.GAP_FILL, [{"text": "A {a}."}], author=other_teacher)

    response = teacher_client.get(
        remove_url(exercise), {"index": "0", "item": str(foreign.items.get().pk)}, headers=HTMX
    )

    assert response.status_code == 404
    assert teacher_client.get(remove_url(foreign), {"index": "0"}).status_code == 404
    assert teacher_client.get(row_url(foreign)).status_code == 404


# The live preview


def test_the_preview_renders_the_items_as_the_student_sees_them_and_saves_nothing(
    teacher_client, teacher
):
    exercise = make_exercise(Kind.GAP_FILL, [], author=teacher, title="Old")
    data = edit_data(
        exercise,
        [{"text": "I {have|'ve} been to {Paris}."}, {"text": "No gaps."}, {"text": ""}],
        title="New title",
        instructions="Fill in the gaps.",
    )

    response = teacher_client.post(preview_url(exercise), data, headers=HTMX)

    assert response.status_code == 200
    assertNotContains(response, "<html")
    assertContains(response, "Fill in the gaps.")
    assertContains(response, 'aria-label="Gap 2"')
    assertNotContains(response, "Paris")  # the answers stay hidden
    assertContains(response, "Item 2 cannot be shown yet")
    assertContains(response, "Add at least one gap")
    assertNotContains(response, "Item 3")  # an empty new row is left out
    assert not Item.objects.exists()
    exercise.refresh_from_db()
    assert exercise.title == "Old"


@pytest.mark.parametrize(
    ("kind", "row", "shown"),
    [
        (Kind.SINGLE_CHOICE, {"question": "Yesterday I ___ home.", "options": "go\n*went"}, "went"),
        (Kind.MATCHING, {"pairs": "cat = кошка\ndog = собака"}, "собака"),
        (
            Kind.CATEGORISE,
            {
                "group_name_0": "le",
                "group_items_0": "livre",
                "group_name_1": "la",
                "group_items_1": "maison",
            },
            "maison",
        ),
        (Kind.WORD_ORDER, {"answers": "I have been there."}, "been"),
        (
            Kind.FREE_ANSWER,
            {"prompt": "Describe your holiday.", "mode": "text"},
            "Describe your holiday.",
        ),
        (
            Kind.TRUE_FALSE,
            {"statement": "Paris is in France.", "correct": "true"},
            "Paris is in France.",
        ),
        (Kind.GAP_SELECT, {"text": "She {*goes|go} home."}, "goes"),
        (Kind.GAP_DRAG, {"text": "I {have} been.", "distractors": "has"}, "has"),
    ],
)
def test_the_preview_shows_every_kind(teacher_client, teacher, kind, row, shown):
    exercise = make_exercise(kind, [], author=teacher)

    response = teacher_client.post(preview_url(exercise), edit_data(exercise, [row]), headers=HTMX)

    assertContains(response, shown)
    assertNotContains(response, "cannot be shown yet")


def test_the_preview_follows_the_positions_and_leaves_out_removed_rows(teacher_client, teacher):
    exercise = make_exercise(Kind.GAP_FILL, [{"text": "Saved {a}."}], author=teacher)
    item = exercise.items.get()
    rows = [
        {"item": str(item.pk), "text": "Saved {a}.", "DELETE": "on"},
        {"text": "Second {b}.", "ORDER": "3"},
        {"text": "First {c}.", "ORDER": "2"},
    ]

    response = teacher_client.post(preview_url(exercise), edit_data(exercise, rows), headers=HTMX)

    body = response.content.decode()
    assert "Saved" not in body
    assert body.index("First") < body.index("Second")
    assert exercise.items.get().data == {"text": "Saved {a}."}


def test_the_preview_checks_ownership_and_rejects_get(teacher_client, teacher, other_teacher):
    mine = make_exercise(Kind.GAP_FILL, [], author=teacher)
    theirs = make_exercise(Kind.GAP_FILL, [], author=other_teacher)
    library = make_exercise(Kind.GAP_FILL, [], library_state=LibraryState.APPROVED)

    assert teacher_client.get(preview_url(mine)).status_code == 405
    for exercise in (theirs, library):
        response = teacher_client.post(preview_url(exercise), edit_data(exercise, []))
        assert response.status_code == 404


def test_students_cannot_preview(student_client, teacher):
    exercise = make_exercise(Kind.GAP_FILL, [], author=teacher)
    assert student_client.post(preview_url(exercise), edit_data(exercise, [])).status_code == 403
