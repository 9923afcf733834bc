"""Creating an exercise and writing its items in the builder, one kind at a time."""

from __future__ import annotations

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from apps.exercises.models import Category, Exercise, Item, Kind, LibraryState, Tag

from .authoring_helpers import CREATE, HTMX, edit_data, edit_url, settings_data
from .factories import make_exercise

pytestmark = pytest.mark.django_db


# Creating


def test_the_create_form_offers_kinds_categories_by_path_and_tolerance(teacher_client):
    grammar = Category.objects.create(name="Grammar")
    tenses = Category.objects.create(name="Tenses", parent=grammar)
    Category.objects.create(name="Present perfect", parent=tenses)

    response = teacher_client.get(CREATE)

    assert response.status_code == 200
    assertContains(response, "Grammar › Tenses › Present perfect")
    assertContains(response, 'value="gap_select"')
    assertContains(response, 'data-shown-when="kind=gap_fill"')  # tolerance only for typed gaps
    assertContains(response, "js/builder.js")


def test_it_creates_an_exercise_with_new_and_existing_tags(teacher_client, teacher):
    Tag.objects.create(name="Travel")
    category = Category.objects.create(name="Grammar")
    data = settings_data(
        kind="matching", category=str(category.pk), tag_names="travel, present perfect, , travel"
    )

    response = teacher_client.post(CREATE, data)

    exercise = Exercise.objects.get()
    assertRedirects(response, edit_url(exercise))
    assert (exercise.author, exercise.kind, exercise.category) == (teacher, "matching", category)
    assert exercise.library_state == LibraryState.PRIVATE
    assert sorted(t.name for t in exercise.tags.all()) == ["Travel", "present perfect"]
    assert Tag.objects.count() == 2


def test_a_create_form_with_mistakes_saves_nothing(teacher_client):
    response = teacher_client.post(CREATE, settings_data(title="", kind="nonsense"))

    assert response.status_code == 200
    assertContains(response, "Nothing is saved yet")
    assertContains(response, "Give the exercise a title")
    assert not Exercise.objects.exists()


# Each kind through its item form: valid → the contract's shape


KIND_ROWS = [
    (
        Kind.GAP_FILL,
        {"text": "I {have|'ve} been to Paris {twice}."},
        {"text": "I {have|'ve} been to Paris {twice}."},
    ),
    (
        Kind.GAP_SELECT,
        {"text": "She {*goes|go|going} to school."},
        {"text": "She {*goes|go|going} to school."},
    ),
    (
        Kind.GAP_DRAG,
        {"text": "I {have} been to {Paris}.", "distractors": "has, London ,"},
        {"text": "I {have} been to {Paris}.", "distractors": ["has", "London"]},
    ),
    (
        Kind.SINGLE_CHOICE,
        {"question": "Yesterday I ___ home.", "options": "go\n*went\n\ngone"},
        {"question": "Yesterday I ___ home.", "choices": ["go", "went", "gone"], "correct": [1]},
    ),
    (
        Kind.MULTIPLE_CHOICE,
        {"question": "Which are verbs?", "options": "*run\ntable\n* eat"},
        {"question": "Which are verbs?", "choices": ["run", "table", "eat"], "correct": [0, 2]},
    ),
    (
        Kind.TRUE_FALSE,
        {"statement": "Paris is in France.", "correct": "false"},
        {"statement": "Paris is in France.", "correct": False},
    ),
    (
        Kind.MATCHING,
        {"pairs": "cat = кошка\ndog=собака\n"},
        {"pairs": [["cat", "кошка"], ["dog", "собака"]]},
    ),
    (
        Kind.WORD_ORDER,
        {"answers": "I have never been to Paris.\nNever  have I been to Paris."},
        {"answers": ["I have never been to Paris.", "Never have I been to Paris."]},
    ),
    (
        Kind.CATEGORISE,
        {
            "group_name_0": "le",
            "group_items_0": "livre\nmusée",
            "group_name_1": "la",
            "group_items_1": "maison",
            "group_name_2": "",
            "group_items_2": "",
        },
        {
            "groups": [
                {"name": "le", "items": ["livre", "musée"]},
                {"name": "la", "items": ["maison"]},
            ]
        },
    ),
    (
        Kind.FREE_ANSWER,
        {"prompt": "Describe your last holiday.", "mode": "essay"},
        {"prompt": "Describe your last holiday.", "mode": "essay"},
    ),
]


@pytest.mark.parametrize(("kind", "row", "expected"), KIND_ROWS, ids=[k for k, _r, _e in KIND_ROWS])
def test_each_kind_is_saved_in_the_contracts_shape(teacher_client, teacher, kind, row, expected):
    exercise = make_exercise(kind, [], author=teacher)
    row = {**row, "explanation": "  Because.  "}

    response = teacher_client.post(edit_url(exercise), edit_data(exercise, [row]))

    assertRedirects(response, edit_url(exercise))
    item = Item.objects.get(exercise=exercise)
    assert item.data == expected
    assert (item.position, item.explanation) == (0, "Because.")


@pytest.mark.parametrize(("kind", "row", "expected"), KIND_ROWS, ids=[k for k, _r, _e in KIND_ROWS])
def test_each_kind_shows_its_saved_items_again(teacher_client, teacher, kind, row, expected):
    exercise = make_exercise(kind, [expected], author=teacher)

    response = teacher_client.get(edit_url(exercise))

    assert response.status_code == 200
    shown = response.context["formset"].forms[0]
    assert shown.initial["item"] == exercise.items.get().pk
    # Posting the form as shown changes nothing.
    data = {name: value for name, value in row.items()}
    teacher_client.post(
        edit_url(exercise), edit_data(exercise, [{**data, "item": shown.initial["item"]}])
    )
    assert exercise.items.get().data == expected


INVALID_ROWS = [
    (Kind.GAP_FILL, {"text": "No gaps here."}, "Add at least one gap"),
    (Kind.GAP_FILL, {"text": "I {have been."}, "{"),
    (Kind.GAP_SELECT, {"text": "She {goes|go} home."}, "mark at least one option as correct"),
    (
        Kind.SINGLE_CHOICE,
        {"question": "Q?", "options": "*a\n*b"},
        "Mark exactly one option as correct.",
    ),
    (
        Kind.MULTIPLE_CHOICE,
        {"question": "Q?", "options": "a\nb"},
        "Mark at least one option as correct.",
    ),
    (Kind.MATCHING, {"pairs": "cat = кошка\ndog собака"}, "Line 2 has no “=”"),
    (Kind.MATCHING, {"pairs": "cat = кошка"}, "Give at least two pairs."),
    (
        Kind.WORD_ORDER,
        {"answers": "I have been.\nI been have there."},
        "must use exactly the same words",
    ),
    (
        Kind.CATEGORISE,
        {"group_name_0": "le", "group_items_0": "livre"},
        "Give at least two groups.",
    ),
    (
        Kind.TRUE_FALSE,
        {"statement": "Paris is in France.", "correct": ""},
        "Say whether the statement is",
    ),
]


@pytest.mark.parametrize(("kind", "row", "message"), INVALID_ROWS)
def test_an_invalid_item_shows_its_message_and_nothing_is_saved(
    teacher_client, teacher, kind, row, message
):
    exercise = make_exercise(kind, [], author=teacher, title="Old title")
    good = dict(KIND_ROWS[[k for k, _r, _e in KIND_ROWS].index(kind)][1])

    response = teacher_client.post(
        edit_url(exercise), edit_data(exercise, [good, row], title="New title")
    )

    assert response.status_code == 200
    assertContains(response, "Nothing is saved yet")
    assertContains(response, message)
    second = response.context["formset"].forms[1]
    assert second.errors
    exercise.refresh_from_db()
    assert exercise.title == "Old title"
    assert not exercise.items.exists()


def test_editing_updates_reorders_and_deletes_items(teacher_client, teacher):
    exercise = make_exercise(
        Kind.GAP_FILL, [{"text": "A {a}."}, {"text": "B {b}."}, {"text": "C {c}."}], author=teacher
    )
    a, b, c = exercise.items.order_by("position")
    rows = [
        {"item": str(a.pk), "text": "A {a} again.", "ORDER": "2"},
        {"item": str(b.pk), "text": "B {b}.", "DELETE": "on"},
        {"item": str(c.pk), "text": "C {c}.", "ORDER": "1"},
        {"text": "D {d}.", "ORDER": "3"},
        {"text": "", "ORDER": ""},  # an empty new row is left out
    ]

    response = teacher_client.post(edit_url(exercise), edit_data(exercise, rows, initial=3))

    assertRedirects(response, edit_url(exercise))
    items = list(exercise.items.order_by("position"))
    assert [i.data["text"] for i in items] == ["C {c}.", "A {a} again.", "D {d}."]
    assert [i.position for i in items] == [0, 1, 2]
    assert items[0].pk == c.pk and items[1].pk == a.pk
    assert not Item.objects.filter(pk=b.pk).exists()


def test_an_item_id_of_another_exercise_is_not_touched(teacher_client, teacher, other_teacher):
    foreign = make_exercise(Kind.GAP_FILL, [{"text": "Theirs {x}."}], author=other_teacher)
    theirs = foreign.items.get()
    exercise = make_exercise(Kind.GAP_FILL, [], author=teacher)

    teacher_client.post(
        edit_url(exercise), edit_data(exercise, [{"item": str(theirs.pk), "text": "Mine {y}."}])
    )

    theirs.refresh_from_db()
    assert theirs.data == {"text": "Theirs {x}."}
    assert exercise.items.get().data == {"text": "Mine {y}."}


def test_the_kind_cannot_be_changed_once_created(teacher_client, teacher):
    exercise = make_exercise(Kind.GAP_FILL, [], author=teacher)

    teacher_client.post(
        edit_url(exercise), edit_data(exercise, [{"text": "I {went}."}], kind="matching")
    )

    exercise.refresh_from_db()
    assert exercise.kind == Kind.GAP_FILL


def test_saving_an_approved_exercise_sends_it_back_for_approval(teacher_client, teacher):
    exercise = make_exercise(
        Kind.GAP_FILL, [{"text": "I {went}."}], author=teacher, library_state=LibraryState.APPROVED
    )
    item = exercise.items.get()
    page = teacher_client.get(edit_url(exercise))
    assertContains(page, "goes back for approval")

    response = teacher_client.post(
        edit_url(exercise),
        edit_data(exercise, [{"item": str(item.pk), "text": "I {go}."}]),
        follow=True,
    )

    exercise.refresh_from_db()
    assert exercise.library_state == LibraryState.PENDING
    assertContains(response, "waits for approval again")


def test_the_edit_page_shows_the_preview_and_htmx_wiring(teacher_client, teacher):
    exercise = make_exercise(Kind.GAP_FILL, [{"text": "I {have} been to {Paris}."}], author=teacher)

    response = teacher_client.get(edit_url(exercise))

    assertContains(response, f'hx-post="{reverse("exercises:preview", args=[exercise.pk])}"')
    assertContains(response, 'hx-trigger="input changed delay:500ms')
    assertContains(response, 'id="build-preview"')
    assertContains(response, "I {have} been to {Paris}.</textarea>")  # the markup to edit
    # The preview: the student's two gaps, not the answers.
    preview = response.content.decode().split('id="build-preview"')[1]
    assert 'aria-label="Gap 2"' in preview
    assert "Paris" not in preview


def test_adding_a_row_without_javascript_shows_the_form_again(teacher_client, teacher):
    exercise = make_exercise(Kind.GAP_FILL, [], author=teacher)
    data = edit_data(exercise, [{"text": "I {went}."}]) | {"add_item": "1"}

    response = teacher_client.post(edit_url(exercise), data)

    assert response.status_code == 200
    assert response.context["formset"].total_form_count() == 2
    assertNotContains(response, "Nothing is saved yet")
    assert not exercise.items.exists()


def test_removing_a_row_without_javascript_marks_it_removed(teacher_client, teacher):
    exercise = make_exercise(Kind.GAP_FILL, [{"text": "I {went}."}], author=teacher)
    item = exercise.items.get()
    data = edit_data(exercise, [{"item": str(item.pk), "text": "I {went}."}]) | {"remove_item": "0"}

    response = teacher_client.post(edit_url(exercise), data)

    assertContains(response, "removed when you save")
    assertContains(response, 'name="items-0-DELETE" value="on"')
    assert exercise.items.exists()


def test_the_edit_page_makes_a_fixed_number_of_queries(
    teacher_client, teacher, django_assert_max_num_queries
):
    few = make_exercise(Kind.GAP_FILL, [{"text": "A {a}."}], author=teacher)
    many = make_exercise(
        Kind.GAP_FILL, [{"text": f"{n} {{a}}."} for n in range(15)], author=teacher
    )
    Category.objects.create(name="Grammar")
    teacher_client.get(edit_url(few))

    with django_assert_max_num_queries(20) as small:
        teacher_client.get(edit_url(few))
    with django_assert_max_num_queries(len(small.captured_queries)):
        teacher_client.get(edit_url(many))


# Access


def test_it_requires_login(client, teacher):
    exercise = make_exercise(Kind.GAP_FILL, [], author=teacher)
    for url in (CREATE, edit_url(exercise)):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login/" in response.url


def test_students_are_refused(student_client, teacher):
    exercise = make_exercise(Kind.GAP_FILL, [], author=teacher)
    assert student_client.get(CREATE).status_code == 403
    assert student_client.get(edit_url(exercise)).status_code == 403


def test_it_checks_ownership(teacher_client, other_teacher):
    private = make_exercise(Kind.GAP_FILL, [{"text": "A {a}."}], author=other_teacher)
    library = make_exercise(
        Kind.GAP_FILL,
        [{"text": "A {a}."}],
        author=other_teacher,
        library_state=LibraryState.APPROVED,
    )
    platform = make_exercise(Kind.GAP_FILL, [], library_state=LibraryState.APPROVED)
    for exercise in (private, library, platform):
        assert teacher_client.get(edit_url(exercise)).status_code == 404
        response = teacher_client.post(
            edit_url(exercise), edit_data(exercise, [{"text": "X {x}."}])
        )
        assert response.status_code == 404
    assert private.items.get().data == {"text": "A {a}."}


def test_htmx_save_redirects_the_client(teacher_client, teacher):
    exercise = make_exercise(Kind.GAP_FILL, [], author=teacher)

    response = teacher_client.post(
        edit_url(exercise), edit_data(exercise, [{"text": "I {went}."}]), headers=HTMX
    )

    assert response.status_code == 200
    assert response["HX-Redirect"] == edit_url(exercise)


def test_stored_data_of_the_wrong_shape_shows_empty_fields(teacher_client, teacher):
    exercise = make_exercise(Kind.MATCHING, [{"pairs": "not a list of pairs"}], author=teacher)

    response = teacher_client.get(edit_url(exercise))

    assert response.status_code == 200
    assert "Pairs" in response.content.decode()
