"""The server-side checker: every kind right, wrong, partial and empty; typed comparison."""

from __future__ import annotations

import unicodedata

import pytest

from apps.exercises.checking import MISSING_ACCENTS, BadAnswer, check, check_item, compare_typed
from apps.exercises.models import Exercise, Kind

from .factories import first_item, make_exercise

pytestmark = pytest.mark.django_db

EXACT = Exercise.Tolerance.EXACT
IGNORE_CASE = Exercise.Tolerance.IGNORE_CASE
ACCENTS = Exercise.Tolerance.ACCENTS


def one(kind, data, answer, **fields):
    exercise = make_exercise(kind, [data], **fields)
    return check_item(exercise, first_item(exercise), answer)


# ----------------------------------------------------------------------------- typed answers


def test_nfd_input_matches_nfc_answer():
    nfd = unicodedata.normalize("NFD", "école")
    assert nfd != "école"
    assert compare_typed(nfd, ["école"], EXACT) == (True, "")


def test_whitespace_and_curly_apostrophes_do_not_matter():
    assert compare_typed("  I’ve   been ", ["I've been"], EXACT) == (True, "")
    assert compare_typed("I‘ve", ["I've"], IGNORE_CASE) == (True, "")


def test_exact_is_case_sensitive_ignore_case_is_not():
    assert compare_typed("paris", ["Paris"], EXACT) == (False, "")
    assert compare_typed("paris", ["Paris"], IGNORE_CASE) == (True, "")


def test_missing_accents_are_right_with_a_warning_only_in_accents_mode():
    assert compare_typed("ecole", ["école"], ACCENTS) == (True, MISSING_ACCENTS)
    assert compare_typed("Ecole", ["école"], ACCENTS) == (True, MISSING_ACCENTS)
    assert compare_typed("coeur", ["cœur"], ACCENTS) == (True, MISSING_ACCENTS)
    assert compare_typed("ecole", ["école"], IGNORE_CASE) == (False, "")
    assert compare_typed("ecole", ["école"], EXACT) == (False, "")


def test_a_wrong_accent_is_wrong():
    assert compare_typed("écolè", ["école"], ACCENTS) == (False, "")
    assert compare_typed("ècole", ["école"], ACCENTS) == (False, "")
    assert compare_typed("écolé", ["ecole"], ACCENTS) == (False, "")


def test_the_fully_accented_answer_has_no_warning():
    assert compare_typed("ÉCOLE", ["école"], ACCENTS) == (True, "")


def test_empty_typed_answer_is_wrong():
    assert compare_typed("   ", ["a"], IGNORE_CASE) == (False, "")


# ----------------------------------------------------------------------------- choices


def test_single_choice():
    data = {"question": "2+2?", "choices": ["3", "4", "5"], "correct": [1]}
    right = one(Kind.SINGLE_CHOICE, data, 1)
    assert right["status"] == "right" and right["points"] == 1.0 and right["max"] == 1.0
    assert right["parts"] == [{"given": "4", "right": True, "expected": "4", "warning": ""}]
    wrong = one(Kind.SINGLE_CHOICE, data, 0)
    assert wrong["status"] == "wrong" and wrong["points"] == 0
    assert wrong["expected"] == "4"
    assert one(Kind.SINGLE_CHOICE, data, None)["status"] == "wrong"


@pytest.mark.parametrize("answer", ["1", 7, -1, True, {"a": 1}, [0, 1]])
def test_single_choice_malformed(answer):
    data = {"question": "2+2?", "choices": ["3", "4", "5"], "correct": [1]}
    with pytest.raises(BadAnswer):
        one(Kind.SINGLE_CHOICE, data, answer)


def test_multiple_choice_partial_credit():
    data = {"question": "Fruit?", "choices": ["apple", "car", "pear", "dog"], "correct": [0, 2]}
    assert one(Kind.MULTIPLE_CHOICE, data, [0, 2])["status"] == "right"
    half = one(Kind.MULTIPLE_CHOICE, data, [0])
    assert half["status"] == "partial" and half["points"] == 0.5
    # a wrong pick cancels a right one
    assert one(Kind.MULTIPLE_CHOICE, data, [0, 1])["points"] == 0
    assert one(Kind.MULTIPLE_CHOICE, data, [0, 1, 2, 3])["status"] == "wrong"
    assert one(Kind.MULTIPLE_CHOICE, data, [])["status"] == "wrong"
    with pytest.raises(BadAnswer):
        one(Kind.MULTIPLE_CHOICE, data, [0, 9])
    with pytest.raises(BadAnswer):
        one(Kind.MULTIPLE_CHOICE, data, 0)


def test_true_false():
    data = {"statement": "Paris is in France.", "correct": True}
    assert one(Kind.TRUE_FALSE, data, True)["status"] == "right"
    assert one(Kind.TRUE_FALSE, data, False)["status"] == "wrong"
    assert one(Kind.TRUE_FALSE, data, None)["status"] == "wrong"
    with pytest.raises(BadAnswer):
        one(Kind.TRUE_FALSE, data, 1)


# ----------------------------------------------------------------------------- gaps


def test_gap_fill_alternatives_and_partial():
    data = {"text": "I {have|'ve} been to Paris {twice}."}
    result = one(Kind.GAP_FILL, data, ["’ve", "TWICE"])
    assert result["status"] == "right"
    result = one(Kind.GAP_FILL, data, ["have", "once"])
    assert result["status"] == "partial" and result["points"] == 0.5
    assert result["parts"][1] == {
        "given": "once",
        "right": False,
        "expected": "twice",
        "warning": "",
    }
    assert result["parts"][0]["expected"] == "have / 've"
    assert result["expected"] == "I have been to Paris twice."


def test_gap_fill_empty_and_short_answers_are_wrong():
    data = {"text": "I {have} been to Paris {twice}."}
    assert one(Kind.GAP_FILL, data, ["", ""])["status"] == "wrong"
    assert one(Kind.GAP_FILL, data, [])["status"] == "wrong"
    assert one(Kind.GAP_FILL, data, ["have"])["points"] == 0.5


def test_gap_fill_accents_warning_reaches_the_part():
    data = {"text": "Je vais à l'{école}."}
    result = one(Kind.GAP_FILL, data, ["ecole"], tolerance=ACCENTS, lang="fr")
    assert result["status"] == "right"
    assert result["parts"][0]["warning"] == MISSING_ACCENTS
    assert one(Kind.GAP_FILL, data, ["écolè"], tolerance=ACCENTS)["status"] == "wrong"


def test_gap_fill_nfd_input():
    data = {"text": "Je vais à l'{école}."}
    nfd = unicodedata.normalize("NFD", "école")
    assert one(Kind.GAP_FILL, data, [nfd], tolerance=EXACT)["status"] == "right"


@pytest.mark.parametrize("answer", [["a", "b", "c"], "have", [1, 2], {"0": "a"}])
def test_gap_fill_malformed(answer):
    with pytest.raises(BadAnswer):
        one(Kind.GAP_FILL, {"text": "I {have} been {twice}."}, answer)


def test_gap_fill_oversized():
    with pytest.raises(BadAnswer, match="too long"):
        one(Kind.GAP_FILL, {"text": "I {have} been."}, ["x" * 2001])


def test_gap_select_only_starred_options_are_right():
    data = {"text": "She {*goes|go|going} to school {*on|in} foot."}
    assert one(Kind.GAP_SELECT, data, ["goes", "on"])["status"] == "right"
    result = one(Kind.GAP_SELECT, data, ["go", "on"])
    assert result["status"] == "partial"
    assert result["parts"][0]["expected"] == "goes"
    assert result["expected"] == "She goes to school on foot."
    assert one(Kind.GAP_SELECT, data, ["nonsense", ""])["status"] == "wrong"


def test_gap_select_several_correct_options():
    data = {"text": "I {*have|*'ve|has} seen it."}
    assert one(Kind.GAP_SELECT, data, ["'ve"])["status"] == "right"
    assert one(Kind.GAP_SELECT, data, ["has"])["status"] == "wrong"


def test_gap_drag():
    data = {"text": "I {have} been to {Paris|paris}.", "distractors": ["has", "London"]}
    assert one(Kind.GAP_DRAG, data, ["have", "Paris"])["status"] == "right"
    result = one(Kind.GAP_DRAG, data, ["has", "Paris"])
    assert result["status"] == "partial" and result["points"] == 0.5
    assert one(Kind.GAP_DRAG, data, ["", None])["status"] == "wrong"


# ----------------------------------------------------------------------------- others


def test_matching():
    data = {"pairs": [["cat", "кошка"], ["dog", "собака"], ["cow", "корова"]]}
    assert one(Kind.MATCHING, data, [0, 1, 2])["status"] == "right"
    result = one(Kind.MATCHING, data, [0, 2, 1])
    assert result["status"] == "partial"
    assert round(result["points"], 2) == 0.33
    assert result["parts"][1]["given"] == "корова"
    assert result["parts"][1]["expected"] == "собака"
    assert one(Kind.MATCHING, data, [None, None, None])["status"] == "wrong"
    with pytest.raises(BadAnswer):
        one(Kind.MATCHING, data, [0, 1, 2, 0])
    with pytest.raises(BadAnswer):
        one(Kind.MATCHING, data, [0, 5, 1])


def test_matching_equal_right_sides_are_interchangeable():
    data = {"pairs": [["big", "large"], ["huge", "large"]]}
    assert one(Kind.MATCHING, data, [1, 0])["status"] == "right"


def test_word_order_accepts_every_listed_order():
    data = {"answers": ["I have never been to Paris.", "Never have I been to Paris."]}
    first = ["I", "have", "never", "been", "to", "Paris."]
    second = ["never", "have", "I", "been", "to", "Paris."]
    assert one(Kind.WORD_ORDER, data, first)["status"] == "right"
    assert one(Kind.WORD_ORDER, data, second)["status"] == "right"
    wrong = one(Kind.WORD_ORDER, data, ["I", "never", "have", "been", "to", "Paris."])
    assert wrong["status"] == "wrong"
    assert wrong["parts"][0]["given"] == "I never have been to Paris."
    assert wrong["expected"] == "I have never been to Paris. / Never have I been to Paris."

    assert one(Kind.WORD_ORDER, data, [])["status"] == "wrong"
    with pytest.raises(BadAnswer):
        one(Kind.WORD_ORDER, data, [*first, "extra"])
    with pytest.raises(BadAnswer):
        one(Kind.WORD_ORDER, data, "I have never been")


def test_word_order_final_punctuation_moves_with_the_order():
    data = {"answers": ["I often go there.", "I go there often."]}
    assert one(Kind.WORD_ORDER, data, ["I", "go", "there.", "often"])["status"] == "right"


def test_categorise_partial():
    data = {
        "groups": [
            {"name": "le", "items": ["livre", "musée"]},
            {"name": "la", "items": ["maison"]},
        ]
    }
    assert one(Kind.CATEGORISE, data, [0, 0, 1])["status"] == "right"
    result = one(Kind.CATEGORISE, data, [0, 1, 1])
    assert result["status"] == "partial"
    assert result["parts"][1] == {
        "given": "la",
        "right": False,
        "expected": "le",
        "warning": "",
        "text": "musée",
    }
    assert one(Kind.CATEGORISE, data, [None, None, None])["status"] == "wrong"
    with pytest.raises(BadAnswer):
        one(Kind.CATEGORISE, data, [0, 0, 2])


def test_free_answer_waits_for_the_teacher():
    data = {"prompt": "Describe your holiday.", "mode": "essay"}
    result = one(Kind.FREE_ANSWER, data, {"text": "I went to Sochi."})
    assert result["status"] == "pending" and result["points"] == 0
    assert result["parts"][0]["given"] == "I went to Sochi."
    assert one(Kind.FREE_ANSWER, data, {"text": "  "})["status"] == "wrong"
    assert one(Kind.FREE_ANSWER, data, {"text": "x" * 9000})["status"] == "pending"
    with pytest.raises(BadAnswer):
        one(Kind.FREE_ANSWER, data, {"text": "x" * 10001})
    with pytest.raises(BadAnswer):
        one(Kind.FREE_ANSWER, {"prompt": "Short", "mode": "text"}, {"text": "x" * 2001})
    with pytest.raises(BadAnswer):
        one(Kind.FREE_ANSWER, data, {"video": "x"})


# ----------------------------------------------------------------------------- whole exercise


def test_check_totals_in_exercise_order():
    exercise = make_exercise(
        Kind.GAP_FILL,
        [{"text": "A {b}."}, {"text": "C {d} {e}."}, {"text": "F {g}."}],
    )
    items = list(exercise.items.all())
    result = check(exercise, {str(items[1].pk): ["d", "x"], items[0].pk: ["b"]})
    assert [r["item"] for r in result.results] == [i.pk for i in items]
    assert [r["status"] for r in result.results] == ["right", "partial", "wrong"]
    assert result.points == 1.5 and result.max_points == 3.0
    assert result.score == 50
    assert result.needs_review is False


def test_check_with_free_answer_needs_review_and_has_no_score():
    exercise = make_exercise(Kind.FREE_ANSWER, [{"prompt": "Write.", "mode": "text"}])
    item = first_item(exercise)
    result = check(exercise, {str(item.pk): {"text": "Hello"}})
    assert result.needs_review is True and result.score is None


@pytest.mark.parametrize("answers", [[], "x", {"999999": ["b"]}, {"abc": ["b"]}])
def test_check_rejects_malformed_answers(answers):
    exercise = make_exercise(Kind.GAP_FILL, [{"text": "A {b}."}])
    with pytest.raises(BadAnswer):
        check(exercise, answers)


def test_item_of_another_exercise_is_unknown():
    exercise = make_exercise(Kind.GAP_FILL, [{"text": "A {b}."}])
    other = make_exercise(Kind.GAP_FILL, [{"text": "A {b}."}])
    with pytest.raises(BadAnswer, match="Unknown item"):
        check(exercise, {str(first_item(other).pk): ["b"]})


def test_a_broken_item_does_not_count():
    exercise = make_exercise(Kind.GAP_FILL, [{"text": "no gaps"}, {"text": "A {b}."}])
    items = list(exercise.items.all())
    result = check(exercise, {str(items[1].pk): ["b"]})
    assert result.max_points == 1.0 and result.score == 100


def test_warning_text_is_translated():
    from django.utils import translation

    from apps.exercises.checking import warning_text

    assert warning_text(MISSING_ACCENTS) == "Right, but some accents are missing."
    assert warning_text("") == ""
    with translation.override("ru"):
        assert warning_text(MISSING_ACCENTS)


def test_score_rounds_half_up():
    exercise = make_exercise(Kind.GAP_FILL, [{"text": "{a} {b} {c} {d} {e} {f} {g} {h}"}])
    item = first_item(exercise)
    result = check(exercise, {item.pk: ["a", "b", "c", "d", "e", "x", "x", "x"]})
    assert result.score == 63  # 62.5 %
