"""A student's words turned into an exercise for the teacher: matching, gender sort, gap fill.

The exercise is made through the exercises app's own import service (the JSON format of
apps/exercises/transfer.py), so it is validated like any other and saved as the teacher's
private exercise; from there it can be edited, or given as homework on the homework pages.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from django.db.models import TextChoices
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.accounts.models import User
from apps.dictionary.models import Gender, fold
from apps.exercises import markup, transfer
from apps.exercises.kinds import MAX_GROUP_ITEMS, MAX_PAIRS, MAX_SHORT
from apps.exercises.models import Exercise, Kind, Tolerance

from .checking import without_article
from .models import Word, WordList


class ExerciseKind(TextChoices):
    MATCHING = "matching", gettext_lazy("Match the translations")
    GENDER = "gender", gettext_lazy("Sort the nouns: le or la")
    GAPS = "gaps", gettext_lazy("Fill the gaps in the example sentences")


class CannotBuild(ValueError):
    """The words do not make this kind of exercise; str(error) says why."""


MAX_GAP_ITEMS = 30


def _main_language(words: list[Word]) -> list[Word]:
    """The words of the language most of them are in (an exercise has one language)."""
    if not words:
        return []
    counts = Counter(word.language_id for word in words)
    language_id = counts.most_common(1)[0][0]
    return [word for word in words if word.language_id == language_id]


def _unique(words: list[Word], key) -> list[Word]:
    seen: set[str] = set()
    kept = []
    for word in words:
        value = key(word).strip()
        if value and value not in seen and len(value) <= MAX_SHORT:
            seen.add(value)
            kept.append(word)
    return kept


def _matching(words: list[Word]) -> tuple[list[dict], list[Word]]:
    words = _unique(words, lambda w: w.text)
    words = [w for w in words if w.translation.strip() and len(w.translation) <= MAX_SHORT]
    words = words[:MAX_PAIRS]
    if len(words) < 2:
        raise CannotBuild(_("Matching needs at least two words with translations."))
    pairs = [[word.text, word.translation] for word in words]
    return [{"data": {"pairs": pairs}}], words


def _gender(words: list[Word]) -> tuple[list[dict], list[Word]]:
    nouns = [
        w
        for w in words
        if w.language.code == "fr" and w.gender in (Gender.MASCULINE, Gender.FEMININE)
    ]
    nouns = _unique(nouns, lambda w: without_article(w.text))[:MAX_GROUP_ITEMS]
    if len(nouns) < 2:
        raise CannotBuild(_("The gender sort needs at least two French nouns with le or la."))
    groups = [
        {
            "name": name,
            "items": [without_article(w.text) for w in nouns if w.gender == gender],
        }
        for name, gender in (("le", Gender.MASCULINE), ("la", Gender.FEMININE))
    ]
    return [{"data": {"groups": groups}}], nouns


def _fold_with_map(text: str) -> tuple[str, list[int]]:
    """`text` folded (see dictionary.fold) with, per folded character, its index in `text`."""
    folded: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(text):
        part = char if char.isspace() else fold(char.replace("’", "'"))
        folded.append(part)
        positions.extend([index] * len(part))
    return "".join(folded), positions


def gap_text(word: Word) -> str | None:
    """The word's sentence with the word as a gap, in gap markup; None when it is not there.

    The word is looked for without its article, then with it, accents and case ignored:
    "l'école" is found in "Les enfants vont à l'école." as "école".
    """
    sentence = unicodedata.normalize("NFC", " ".join(word.context.split()))
    if not sentence:
        return None
    folded_sentence, positions = _fold_with_map(sentence)
    for candidate in dict.fromkeys([without_article(word.text), word.text]):
        folded = fold(candidate.replace("’", "'"))
        if not folded:
            continue
        match = re.search(r"(?<!\w)" + re.escape(folded) + r"(?!\w)", folded_sentence)
        if match:
            start = positions[match.start()]
            end = positions[match.end() - 1] + 1
            return (
                markup.escape(sentence[:start])
                + markup.build_gap([sentence[start:end]])
                + markup.escape(sentence[end:])
            )
    return None


def _gaps(words: list[Word]) -> tuple[list[dict], list[Word]]:
    items = []
    used = []
    for word in words:
        text = gap_text(word)
        if text is None:
            continue
        items.append({"data": {"text": text}, "explanation": f"{word.text} — {word.translation}"})
        used.append(word)
        if len(items) >= MAX_GAP_ITEMS:
            break
    if not items:
        raise CannotBuild(
            _("None of these words has an example sentence that contains it: add sentences first.")
        )
    return items, used


INSTRUCTIONS = {
    ExerciseKind.MATCHING: gettext_lazy("Match each word with its translation."),
    ExerciseKind.GENDER: gettext_lazy("Sort the nouns: le (masculine) or la (feminine)?"),
    ExerciseKind.GAPS: gettext_lazy("Fill each gap with the word from the list."),
}
BUILDERS = {
    ExerciseKind.MATCHING: (Kind.MATCHING, _matching),
    ExerciseKind.GENDER: (Kind.CATEGORISE, _gender),
    ExerciseKind.GAPS: (Kind.GAP_FILL, _gaps),
}


def exercise_title(*, student: User, word_list: WordList | None, kind: str) -> str:
    source = word_list.name if word_list else _("%(name)s's words") % {"name": student.name}
    return f"{source}: {ExerciseKind(kind).label}"[:200]


def exercise_from_words(
    *,
    teacher: User,
    student: User,
    words: list[Word],
    kind: str,
    word_list: WordList | None = None,
) -> Exercise:
    """A private exercise of the teacher's made of these words. Raises CannotBuild.

    Words of other languages than most of them are left out; so are repeated words.
    """
    if kind not in ExerciseKind.values:
        raise CannotBuild(_("Choose the kind of exercise."))
    words = _main_language(words)
    if not words:
        raise CannotBuild(_("There are no words to make an exercise from."))
    exercise_kind, build = BUILDERS[ExerciseKind(kind)]
    items, _used = build(words)
    data = {
        "format": transfer.FORMAT,
        "version": transfer.VERSION,
        "title": exercise_title(student=student, word_list=word_list, kind=kind),
        "instructions": str(INSTRUCTIONS[ExerciseKind(kind)]),
        "kind": exercise_kind,
        "language": words[0].language.code,
        "tolerance": Tolerance.ACCENTS,
        "items": items,
    }
    try:
        (exercise,) = transfer.import_exercises(data, author=teacher)
    except transfer.TransferError as error:  # the words made items the exercises app refuses
        raise CannotBuild(" ".join(error.errors)) from error
    return exercise
