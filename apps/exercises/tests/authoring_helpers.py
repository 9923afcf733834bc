"""Posting the builder's forms in tests."""

from __future__ import annotations

from django.urls import reverse

from apps.exercises.models import Exercise
from apps.projects.models import Language

HTMX = {"HX-Request": "true"}
CREATE = reverse("exercises:create")


def edit_url(exercise: Exercise) -> str:
    return reverse("exercises:edit", args=[exercise.pk])


def preview_url(exercise: Exercise) -> str:
    return reverse("exercises:preview", args=[exercise.pk])


def settings_data(**overrides) -> dict:
    data = {
        "kind": "gap_fill",
        "title": "Present perfect",
        "instructions": "Fill in the gaps.",
        "language": str(Language.objects.get(code="en").pk),
        "level": "A2",
        "category": "",
        "tag_names": "",
        "tolerance": "ignore_case",
    }
    data.update(overrides)
    return data


def exercise_settings(exercise: Exercise, **overrides) -> dict:
    values = {
        "kind": exercise.kind,
        "title": exercise.title,
        "instructions": exercise.instructions,
        "language": str(exercise.language_id),
        "level": exercise.level,
        "tolerance": exercise.tolerance,
    }
    return settings_data(**(values | overrides))


def items_data(rows: list[dict], *, initial: int = 0) -> dict:
    """The item formset's fields: one dict of field values per row ("item" = a saved item's id)."""
    data = {
        "items-TOTAL_FORMS": str(len(rows)),
        "items-INITIAL_FORMS": str(initial),
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "100",
    }
    for index, row in enumerate(rows):
        row = {"ORDER": str(index + 1), **row}
        for name, value in row.items():
            data[f"items-{index}-{name}"] = value
    return data


def edit_data(exercise: Exercise, rows: list[dict], *, initial: int | None = None, **settings):
    if initial is None:
        initial = exercise.items.count()
    return exercise_settings(exercise, **settings) | items_data(rows, initial=initial)
