"""The gap markup parser: gaps, alternatives, stars, escapes and the errors teachers see."""

from __future__ import annotations

import pytest

from apps.exercises import markup
from apps.exercises.markup import Gap, MarkupError, Option


def test_text_and_gaps_in_order():
    segments = markup.parse("I {have|'ve} been to Paris {twice}.")
    assert segments == [
        "I ",
        Gap(0, (Option("have"), Option("'ve"))),
        " been to Paris ",
        Gap(1, (Option("twice"),)),
        ".",
    ]


def test_stars_mark_correct_options_and_spaces_are_trimmed():
    (gap,) = markup.gaps("She { *goes | go |  going } to school.")
    assert gap.texts == ["goes", "go", "going"]
    assert gap.starred == ["goes"]


def test_escapes():
    segments = markup.parse(r"Use \{braces\} and {a\|b|\*star} \\ ok")
    assert segments[0] == "Use {braces} and "
    assert segments[1].texts == ["a|b", "*star"]
    assert not segments[1].has_star
    assert segments[2] == " \\ ok"


def test_a_backslash_before_an_ordinary_character_stays():
    assert markup.parse(r"C:\temp {x}")[0] == "C:\\temp "


def test_text_without_gaps():
    assert markup.parse("Just text.") == ["Just text."]
    assert markup.gap_count("Just text.") == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("I {have been.", "Gap 1 is not closed"),
        ("I have} been.", "closing } without an opening {"),
        ("A {b} and {}", "Gap 2 is empty."),
        ("A { }", "Gap 1 is empty."),
        ("A {b||c}", "Gap 1 has an empty alternative."),
        ("A {b|}", "Gap 1 has an empty alternative."),
        ("A {b {c}}", "cannot be nested"),
    ],
)
def test_errors_name_the_gap(text, message):
    with pytest.raises(MarkupError, match=message):
        markup.parse(text)


def test_escape_round_trips():
    value = "odd {text} | with * and \\"
    (gap,) = markup.gaps("{" + markup.escape(value) + "}")
    assert gap.texts == [value]
    assert markup.gaps(markup.build_gap(["a|b", "c"], ["c"]))[0].starred == ["c"]


def test_render_text_hides_answers():
    text = "I {have|'ve} been to {Paris}."
    assert markup.render_text(text) == "I _____ been to _____."
    assert markup.render_text(text, blank="…") == "I … been to …."
    assert markup.solution_text(text) == "I have been to Paris."
    assert markup.solution_text("She {go|*goes}.", select=True) == "She goes."


def test_public_segments_give_no_answers_and_stable_option_order():
    segments = markup.public_segments(
        "She {*goes|go|going} to {school}.", kind="gap_select", seed=5
    )
    gap = segments[1]
    assert gap["type"] == "gap" and gap["index"] == 0
    assert sorted(gap["options"]) == ["go", "goes", "going"]
    assert "*" not in str(segments)
    again = markup.public_segments("She {*goes|go|going} to {school}.", kind="gap_select", seed=5)
    assert again == segments
    typed = markup.public_segments("I {have} been.", kind="gap_fill", seed=5)
    assert typed[1] == {"type": "gap", "index": 0, "size": 4, "options": []}
    assert "have" not in str(typed)
