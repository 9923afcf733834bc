"""Validating item data (the messages teachers read) and what the player may show."""

from __future__ import annotations

import pytest

from apps.exercises.kinds import (
    example_data,
    item_summary,
    part_count,
    public_item_view,
    validate_item_data,
)
from apps.exercises.models import Kind

from .factories import first_item, make_exercise

VALID = {
    Kind.SINGLE_CHOICE: {"question": "2+2?", "choices": ["3", "4"], "correct": [1]},
    Kind.MULTIPLE_CHOICE: {"question": "Fruit?", "choices": ["a", "b", "c"], "correct": [0, 2]},
    Kind.TRUE_FALSE: {"statement": "Yes.", "correct": False},
    Kind.GAP_FILL: {"text": "I {have|'ve} been."},
    Kind.GAP_SELECT: {"text": "She {*goes|go}."},
    Kind.GAP_DRAG: {"text": "I {have} been to {Paris}.", "distractors": ["has"]},
    Kind.MATCHING: {"pairs": [["cat", "кошка"], ["dog", "собака"]]},
    Kind.WORD_ORDER: {"answers": ["I often go there.", "I go there often."]},
    Kind.CATEGORISE: {
        "groups": [{"name": "le", "items": ["livre"]}, {"name": "la", "items": ["maison"]}]
    },
    Kind.FREE_ANSWER: {"prompt": "Write.", "mode": "essay"},
}


@pytest.mark.parametrize("kind", list(VALID))
def test_valid_data_has_no_errors(kind):
    assert validate_item_data(kind, VALID[kind]) == []


@pytest.mark.parametrize(
    ("kind", "data", "message"),
    [
        (Kind.GAP_FILL, {"text": "A {b} and {}"}, "Gap 2 is empty."),
        (Kind.GAP_FILL, {"text": "No gaps here."}, "Add at least one gap"),
        (Kind.GAP_FILL, {"text": "A {*b|c}."}, "Gap 1: the * mark is only for drop-down gaps"),
        (Kind.GAP_FILL, {"text": ""}, "Write the text"),
        (Kind.GAP_SELECT, {"text": "She {goes|go}."}, "Gap 1: mark at least one option as correct"),
        (Kind.GAP_SELECT, {"text": "She {*goes}."}, "Gap 1 needs at least two options"),
        (Kind.GAP_DRAG, {"text": "A {b}.", "distractors": ["", "x"]}, "Extra word 1 is empty."),
        (
            Kind.SINGLE_CHOICE,
            {"question": "Q", "choices": ["a", "b"], "correct": []},
            "Mark at least one option as correct.",
        ),
        (
            Kind.SINGLE_CHOICE,
            {"question": "Q", "choices": ["a", "b"], "correct": [0, 1]},
            "Mark exactly one option as correct.",
        ),
        (
            Kind.SINGLE_CHOICE,
            {"question": "Q", "choices": ["a", "b"], "correct": [5]},
            "does not exist",
        ),
        (
            Kind.SINGLE_CHOICE,
            {"question": "Q", "choices": ["a"], "correct": [0]},
            "at least two choices",
        ),
        (
            Kind.SINGLE_CHOICE,
            {"question": "Q", "choices": ["a", "a"], "correct": [0]},
            "Choice 2 repeats choice 1.",
        ),
        (
            Kind.MULTIPLE_CHOICE,
            {"question": "", "choices": ["a", "b"], "correct": [0]},
            "Write the question.",
        ),
        (Kind.TRUE_FALSE, {"statement": "S", "correct": "yes"}, "true or false"),
        (Kind.MATCHING, {"pairs": [["a", "b"]]}, "at least two pairs"),
        (
            Kind.MATCHING,
            {"pairs": [["a", "b"], ["a", "c"]]},
            "Pair 2 repeats the left side of pair 1.",
        ),
        (Kind.MATCHING, {"pairs": [["a", "b"], ["c", ""]]}, "Pair 2 has an empty side."),
        (
            Kind.WORD_ORDER,
            {"answers": ["I go.", "You go."]},
            "Answer 2 must use exactly the same words",
        ),
        (Kind.WORD_ORDER, {"answers": ["Hello"]}, "at least two words"),
        (Kind.CATEGORISE, {"groups": [{"name": "a", "items": ["x"]}]}, "at least two groups"),
        (
            Kind.CATEGORISE,
            {"groups": [{"name": "a", "items": ["x"]}, {"name": "b", "items": ["x"]}]},
            "“x” appears more than once",
        ),
        (Kind.FREE_ANSWER, {"prompt": "P", "mode": "video"}, "text, essay or audio"),
        (Kind.GAP_FILL, {"text": "A {b}.", "txt": 1}, "Unexpected field “txt”."),
    ],
)
def test_messages(kind, data, message):
    errors = validate_item_data(kind, data)
    assert any(message in e for e in errors), errors


def test_not_an_object_or_unknown_kind():
    assert validate_item_data(Kind.GAP_FILL, ["x"]) == ["The item's content must be a JSON object."]
    assert "Unknown exercise type" in validate_item_data("essay", {})[0]


def test_messages_are_translated():
    from django.utils import translation

    with translation.override("ru"):
        errors = validate_item_data(Kind.GAP_FILL, {"text": "No gaps."})
    assert errors and isinstance(errors[0], str)


@pytest.mark.parametrize("kind", list(VALID))
def test_example_data_has_the_right_keys(kind):
    assert set(example_data(kind)) <= set(VALID[kind]) | {"distractors"}


def test_part_count_and_summary():
    assert part_count(Kind.GAP_FILL, VALID[Kind.GAP_FILL]) == 1
    assert part_count(Kind.CATEGORISE, VALID[Kind.CATEGORISE]) == 2
    assert part_count(Kind.WORD_ORDER, VALID[Kind.WORD_ORDER]) == 4
    assert item_summary(Kind.GAP_FILL, VALID[Kind.GAP_FILL]) == "I _____ been."


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(VALID))
def test_public_view_never_reveals_the_answers(kind):
    exercise = make_exercise(kind, [VALID[kind]])
    view = public_item_view(first_item(exercise))
    assert view["kind"] == kind
    assert "correct" not in view and "answers" not in view and "pairs" not in view
    assert "*" not in str(view)


@pytest.mark.django_db
def test_choices_keep_their_indices_and_the_order_is_stable():
    data = {"question": "Q", "choices": [f"c{i}" for i in range(8)], "correct": [3]}
    exercise = make_exercise(Kind.SINGLE_CHOICE, [data])
    item = first_item(exercise)
    view = public_item_view(item)
    assert all(c["text"] == f"c{c['index']}" for c in view["choices"])
    assert sorted(c["index"] for c in view["choices"]) == list(range(8))
    item.refresh_from_db()
    assert public_item_view(item) == view


@pytest.mark.django_db
def test_tiles_are_not_shown_in_a_right_order():
    data = {"answers": ["I often go there.", "I go there often."]}
    exercise = make_exercise(Kind.WORD_ORDER, [data] * 5)
    for item in exercise.items.all():
        tiles = public_item_view(item)["tiles"]
        assert sorted(tiles) == sorted(["I", "often", "go", "there."])
        assert " ".join(tiles) not in data["answers"]


@pytest.mark.django_db
def test_matching_categorise_and_bank_views():
    matching = first_item(make_exercise(Kind.MATCHING, [VALID[Kind.MATCHING]]))
    view = public_item_view(matching)
    assert view["left"] == ["cat", "dog"]
    assert {(r["index"], r["text"]) for r in view["right"]} == {(0, "кошка"), (1, "собака")}
    sort = first_item(make_exercise(Kind.CATEGORISE, [VALID[Kind.CATEGORISE]]))
    view = public_item_view(sort)
    assert view["groups"] == [{"index": 0, "name": "le"}, {"index": 1, "name": "la"}]
    assert {(e["index"], e["text"]) for e in view["items"]} == {(0, "livre"), (1, "maison")}
    drag = first_item(make_exercise(Kind.GAP_DRAG, [VALID[Kind.GAP_DRAG]]))
    view = public_item_view(drag)
    assert sorted(view["bank"]) == ["Paris", "has", "have"]
    assert view["gap_count"] == 2
