"""Delete, duplicate, export and import as JSON, submit to the library; who may do each."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from apps.exercises.models import Category, Exercise, Kind, LibraryState, Tag

from .authoring_helpers import HTMX, edit_url
from .factories import make_exercise

pytestmark = pytest.mark.django_db

IMPORT = reverse("exercises:import")


def url(name: str, exercise: Exercise) -> str:
    return reverse(f"exercises:{name}", args=[exercise.pk])


def json_file(data, name: str = "exercise.json") -> SimpleUploadedFile:
    body = data if isinstance(data, bytes) else json.dumps(data).encode()
    return SimpleUploadedFile(name, body, content_type="application/json")


@pytest.fixture
def gap_exercise(teacher) -> Exercise:
    grammar = Category.objects.create(name="Grammar")
    tenses = Category.objects.create(name="Tenses", parent=grammar)
    exercise = make_exercise(
        Kind.GAP_FILL,
        [{"text": "I {have|'ve} been to Paris."}, {"text": "She {has} gone."}],
        author=teacher,
        title="Present perfect",
        instructions="Fill in the gaps.",
        level="A2",
        category=tenses,
    )
    exercise.tags.set([Tag.objects.create(name="present perfect")])
    return exercise


# Delete


def test_delete_asks_first_then_deletes(teacher_client, gap_exercise):
    page = teacher_client.get(url("delete", gap_exercise))
    assertContains(page, "Delete “Present perfect”?")
    dialog = teacher_client.get(url("delete", gap_exercise), headers=HTMX)
    assertNotContains(dialog, "<html")
    assertContains(dialog, 'method="post"')

    response = teacher_client.post(url("delete", gap_exercise))

    assertRedirects(response, reverse("exercises:list"), fetch_redirect_response=False)
    assert not Exercise.objects.filter(pk=gap_exercise.pk).exists()


def test_only_the_author_deletes(teacher_client, other_teacher):
    library = make_exercise(
        Kind.GAP_FILL,
        [{"text": "A {a}."}],
        author=other_teacher,
        library_state=LibraryState.APPROVED,
    )
    private = make_exercise(Kind.GAP_FILL, [], author=other_teacher)
    for exercise in (library, private):
        assert teacher_client.get(url("delete", exercise)).status_code == 404
        assert teacher_client.post(url("delete", exercise)).status_code == 404
    assert Exercise.objects.count() == 2


# Duplicate


def test_duplicating_a_library_exercise_makes_a_private_copy(
    teacher_client, teacher, other_teacher
):
    library = make_exercise(
        Kind.MATCHING,
        [{"pairs": [["cat", "кошка"], ["dog", "собака"]]}],
        author=other_teacher,
        title="Animals",
        library_state=LibraryState.APPROVED,
    )

    response = teacher_client.post(url("duplicate", library))

    copy = Exercise.objects.exclude(pk=library.pk).get()
    assertRedirects(response, edit_url(copy))
    assert (copy.author, copy.library_state, copy.kind) == (
        teacher,
        LibraryState.PRIVATE,
        "matching",
    )
    assert [i.data for i in copy.items.all()] == [{"pairs": [["cat", "кошка"], ["dog", "собака"]]}]


def test_duplicating_needs_post_and_a_visible_exercise(teacher_client, gap_exercise, other_teacher):
    private = make_exercise(Kind.GAP_FILL, [], author=other_teacher)

    assert teacher_client.get(url("duplicate", gap_exercise)).status_code == 405
    assert teacher_client.post(url("duplicate", private)).status_code == 404
    assert Exercise.objects.count() == 2


# Export and import


def test_export_import_round_trip(teacher_client, teacher, gap_exercise):
    response = teacher_client.get(url("export", gap_exercise))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"] == 'attachment; filename="present-perfect.json"'
    exported = json.loads(response.content)
    assert exported["format"] == "verbal-voyager-exercise"
    assert exported["category"] == ["Grammar", "Tenses"]

    response = teacher_client.post(IMPORT, {"file": json_file(response.content)})

    copy = Exercise.objects.exclude(pk=gap_exercise.pk).get()
    assertRedirects(response, edit_url(copy))
    assert (copy.author, copy.library_state) == (teacher, LibraryState.PRIVATE)
    assert (copy.title, copy.kind, copy.level, copy.category) == (
        "Present perfect",
        "gap_fill",
        "A2",
        gap_exercise.category,
    )
    assert [t.name for t in copy.tags.all()] == ["present perfect"]
    assert [i.data for i in copy.items.order_by("position")] == [
        i.data for i in gap_exercise.items.order_by("position")
    ]


def test_importing_a_list_creates_every_exercise(teacher_client, teacher, gap_exercise):
    exported = teacher_client.get(url("export", gap_exercise)).json()
    second = {**exported, "title": "Second"}

    response = teacher_client.post(IMPORT, {"file": json_file([exported, second])}, follow=True)

    assertContains(response, "2 exercises are imported.")
    assert Exercise.objects.filter(author=teacher).count() == 3


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"\x89PNG not json at all", "This file is not JSON"),
        (b"{broken", "This file is not JSON"),
        (b"", "The submitted file is empty."),
    ],
)
def test_a_file_that_is_not_json_is_refused(teacher_client, body, message):
    response = teacher_client.post(IMPORT, {"file": json_file(body)})

    assert response.status_code == 200
    assertContains(response, message)
    assert not Exercise.objects.exists()


def test_a_file_with_mistakes_imports_nothing_and_lists_them(teacher_client, gap_exercise):
    exported = teacher_client.get(url("export", gap_exercise)).json()
    broken = {**exported, "title": "Broken", "items": [{"data": {"text": "no gaps"}}]}

    response = teacher_client.post(IMPORT, {"file": json_file([exported, broken])})

    assert response.status_code == 200
    assertContains(response, "Nothing is imported")
    assertContains(response, "Add at least one gap")
    assert Exercise.objects.count() == 1


def test_a_file_over_one_megabyte_is_refused(teacher_client):
    response = teacher_client.post(IMPORT, {"file": json_file(b" " * (1024 * 1024 + 1))})

    assertContains(response, "larger than 1 MB")
    assert not Exercise.objects.exists()


def test_export_checks_access(teacher_client, other_teacher):
    private = make_exercise(Kind.GAP_FILL, [], author=other_teacher)
    library = make_exercise(
        Kind.GAP_FILL,
        [{"text": "A {a}."}],
        author=other_teacher,
        library_state=LibraryState.APPROVED,
    )
    assert teacher_client.get(url("export", private)).status_code == 404
    assert teacher_client.get(url("export", library)).status_code == 200


def test_students_cannot_import_or_export(student_client, teacher):
    exercise = make_exercise(Kind.GAP_FILL, [], author=teacher)
    assert student_client.get(IMPORT).status_code == 403
    assert student_client.get(url("export", exercise)).status_code == 403
    assert student_client.post(url("duplicate", exercise)).status_code == 403


# Submit to the library


def test_submitting_puts_the_exercise_in_the_queue(teacher_client, gap_exercise):
    page = teacher_client.get(edit_url(gap_exercise))
    assertContains(page, "Only you see this exercise.")

    response = teacher_client.post(url("submit", gap_exercise), follow=True)

    gap_exercise.refresh_from_db()
    assert gap_exercise.library_state == LibraryState.PENDING
    assertContains(response, "waits for approval")
    assertContains(response, "Waiting for approval")
    assertNotContains(response, "Submit to the library</button>")


def test_a_rejected_exercise_shows_the_reason_and_can_be_submitted_again(
    teacher_client, gap_exercise
):
    gap_exercise.library_state = LibraryState.REJECTED
    gap_exercise.rejection_reason = "Gap 2 has a typo."
    gap_exercise.save()

    page = teacher_client.get(edit_url(gap_exercise))
    assertContains(page, "Gap 2 has a typo.")
    teacher_client.post(url("submit", gap_exercise))

    gap_exercise.refresh_from_db()
    assert (gap_exercise.library_state, gap_exercise.rejection_reason) == (LibraryState.PENDING, "")


def test_an_empty_exercise_cannot_be_submitted(teacher_client, teacher):
    exercise = make_exercise(Kind.GAP_FILL, [], author=teacher)

    response = teacher_client.post(url("submit", exercise), follow=True)

    assertContains(response, "Add at least one item")
    exercise.refresh_from_db()
    assert exercise.library_state == LibraryState.PRIVATE


def test_only_the_author_submits(teacher_client, other_teacher):
    exercise = make_exercise(Kind.GAP_FILL, [{"text": "A {a}."}], author=other_teacher)

    assert teacher_client.post(url("submit", exercise)).status_code == 404
    assert teacher_client.get(url("submit", exercise)).status_code == 405
    exercise.refresh_from_db()
    assert exercise.library_state == LibraryState.PRIVATE
