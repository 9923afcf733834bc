"""Building exercises in tests: `make_exercise(kind, [data, ...], **fields)`.

Shared by every exercises test module (player and builder tests may use it too).
"""

from __future__ import annotations

from apps.exercises.models import Exercise, Item, LibraryState
from apps.projects.models import Language


def language(code: str = "en") -> Language:
    return Language.objects.get(code=code)


def make_exercise(
    kind: str,
    items: list[dict],
    *,
    author=None,
    title: str = "Exercise",
    lang: str = "en",
    tolerance: str = Exercise.Tolerance.IGNORE_CASE,
    library_state: str = LibraryState.PRIVATE,
    **fields,
) -> Exercise:
    """An exercise with one item per data dict, in order."""
    exercise = Exercise.objects.create(
        author=author,
        title=title,
        kind=kind,
        language=language(lang),
        tolerance=tolerance,
        library_state=library_state,
        **fields,
    )
    for position, data in enumerate(items):
        Item.objects.create(exercise=exercise, position=position, data=data)
    return exercise


def first_item(exercise: Exercise) -> Item:
    return exercise.items.order_by("position").first()
