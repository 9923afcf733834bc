"""Counts other parts of the product use: due today (dashboard) and words learned (goals)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.template import Context, Template

from apps.vocabulary import selectors
from apps.vocabulary.checking import check_typed, without_article
from apps.vocabulary.models import CardState, Word

from .factories import make_word

NOW = datetime(2027, 3, 10, 9, 0, tzinfo=UTC)  # 16:00 in Novosibirsk


def test_words_due_count_counts_to_the_end_of_the_students_day(student):
    make_word(student, "un")
    later_today = make_word(student, "deux")
    tomorrow = make_word(student, "trois")
    # Novosibirsk is UTC+7: the student's day ends at 17:00 UTC.
    Word.objects.filter(pk=later_today.pk).update(due=NOW + timedelta(hours=7, minutes=59))
    Word.objects.filter(pk=tomorrow.pk).update(due=NOW + timedelta(hours=8))

    assert selectors.words_due_count(student, NOW) == 2


def test_words_learned(student, other_student):
    for index, who in enumerate([student, student, other_student]):
        word = make_word(who, f"mot {index}", code="fr")
        Word.objects.filter(pk=word.pk).update(state=CardState.REVIEW)
    english = make_word(student, "cat", code="en")
    Word.objects.filter(pk=english.pk).update(state=CardState.REVIEW)
    make_word(student, "not yet", code="en")

    assert selectors.words_learned([student.pk]) == 3
    assert selectors.words_learned([student.pk, other_student.pk], language="fr") == 3
    assert selectors.words_learned([student.pk], language="en") == 1


def test_due_today_tag(student, time_machine):
    time_machine.move_to(NOW, tick=False)
    make_word(student, "un")
    make_word(student, "deux")

    html = Template("{% load vocabulary_tags %}{% words_due student %}").render(
        Context({"student": student})
    )

    assert "2 words due today." in html
    assert "/words/review/" in html


def test_due_today_tag_with_nothing_due(student):
    html = Template("{% load vocabulary_tags %}{% words_due student %}").render(
        Context({"student": student})
    )

    assert "No words due today." in html


def test_without_article():
    assert without_article("la maison") == "maison"
    assert without_article("l'arbre") == "arbre"
    assert without_article("abricot") == "abricot"
    assert without_article("to go") == "go"


def test_check_typed_ignores_case_and_spaces():
    assert check_typed("  La  Maison ", "la maison").right
    assert check_typed("", "la maison").suggested == 1
    assert check_typed("élève", "l'élève").suggested == 3
    assert check_typed("eleve", "l'élève").suggested == 2
