"""Exercises to and from JSON (the format in /work/brief/exercise_format.md).

    {"format": "verbal-voyager-exercise", "version": 1, "title": "...", "instructions": "...",
     "kind": "gap_fill", "language": "en", "level": "A2",
     "category": ["Grammar", "Tenses"], "tags": ["present perfect"], "tolerance": "ignore_case",
     "items": [{"data": {...}, "explanation": "..."}]}

A file holds one such object or a list of them. `export_exercise` writes one; `import_exercises`
reads a whole file: it validates everything first and creates all the exercises or none, with
errors that name the exercise and the item. Categories are found or created by their path, tags
by name, the language by its code. Files (audio, images) are not part of the format.

`import_exercises(..., update_existing=True)` (used for the starter library) updates an exercise
of the same author, title, language and kind instead of creating a second one, replacing its
items; so loading the same files twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.projects.models import Language, Level

from .kinds import KINDS, validate_item_data
from .models import Category, Exercise, Item, LibraryState, Tag, Tolerance

FORMAT = "verbal-voyager-exercise"
VERSION = 1
MAX_EXERCISES = 500
MAX_ITEMS = 100
EXERCISE_KEYS = {
    "format",
    "version",
    "title",
    "instructions",
    "kind",
    "language",
    "level",
    "category",
    "tags",
    "tolerance",
    "items",
}
ITEM_KEYS = {"data", "explanation"}


class TransferError(ValueError):
    """The file cannot be imported; `errors` lists every problem found."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


# --------------------------------------------------------------------------- export


def export_exercise(exercise: Exercise) -> dict:
    """One exercise in the JSON format (no files)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "title": exercise.title,
        "instructions": exercise.instructions,
        "kind": exercise.kind,
        "language": exercise.language.code,
        "level": exercise.level,
        "category": [c.name for c in exercise.category.ancestry()] if exercise.category else [],
        "tags": sorted(t.name for t in exercise.tags.all()),
        "tolerance": exercise.tolerance,
        "items": [
            {"data": item.data, "explanation": item.explanation} for item in exercise.items.all()
        ],
    }


def export_exercises(exercises) -> list[dict]:
    qs = exercises.select_related("language", "category").prefetch_related("tags", "items")
    return [export_exercise(e) for e in qs]


# --------------------------------------------------------------------------- import


@dataclass
class _Spec:
    title: str
    instructions: str
    kind: str
    language: Language
    level: str
    category: list[str]
    tags: list[str]
    tolerance: str
    items: list[dict] = field(default_factory=list)


def _name(index: int, obj: Any) -> str:
    title = obj.get("title") if isinstance(obj, dict) else None
    if isinstance(title, str) and title.strip():
        return _("Exercise %(number)s (“%(title)s”)") % {
            "number": index + 1,
            "title": title.strip(),
        }
    return _("Exercise %(number)s") % {"number": index + 1}


def _strings(value: Any, limit: int) -> bool:
    return isinstance(value, list) and all(
        isinstance(v, str) and v.strip() and len(v.strip()) <= limit for v in value
    )


def _parse_one(obj: Any, languages: dict[str, Language]) -> tuple[_Spec | None, list[str]]:
    if not isinstance(obj, dict):
        return None, [_("must be a JSON object.")]
    errors: list[str] = []
    for key in obj:
        if key not in EXERCISE_KEYS:
            errors.append(_("unexpected field “%(field)s”.") % {"field": key})
    if obj.get("format", FORMAT) != FORMAT:
        errors.append(_("“format” must be “%(format)s”.") % {"format": FORMAT})
    version = obj.get("version", VERSION)
    if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version <= VERSION:
        errors.append(_("version %(version)s is not supported.") % {"version": version})
    title = obj.get("title")
    if not isinstance(title, str) or not title.strip():
        errors.append(_("the title is missing."))
    elif len(title.strip()) > 200:
        errors.append(_("the title is longer than 200 characters."))
    instructions = obj.get("instructions", "")
    if not isinstance(instructions, str):
        errors.append(_("the instructions must be text."))
    kind = obj.get("kind")
    if kind not in KINDS:
        errors.append(_("unknown type “%(kind)s”.") % {"kind": kind})
    code = obj.get("language")
    language = languages.get(code) if isinstance(code, str) else None
    if language is None:
        errors.append(_("unknown language “%(code)s”.") % {"code": code})
    level = obj.get("level") or ""
    if level not in Level.values and level != "":
        errors.append(_("unknown level “%(level)s”.") % {"level": level})
    category = obj.get("category") or []
    if isinstance(category, str):
        category = [category]
    if not _strings(category, 100) or len(category) > 6:
        errors.append(_("the category must be a list of names, e.g. [“Grammar”, “Tenses”]."))
        category = []
    tags = obj.get("tags") or []
    if not _strings(tags, 50) or len(tags) > 30:
        errors.append(_("the tags must be a list of names of at most 50 characters."))
        tags = []
    tolerance = obj.get("tolerance", Tolerance.IGNORE_CASE)
    if tolerance not in Tolerance.values:
        errors.append(_("unknown tolerance “%(tolerance)s”.") % {"tolerance": tolerance})
    items = obj.get("items")
    if not isinstance(items, list) or not items:
        errors.append(_("it has no items."))
        items = []
    elif len(items) > MAX_ITEMS:
        errors.append(_("it has more than %(limit)s items.") % {"limit": MAX_ITEMS})
    parsed_items: list[dict] = []
    for number, item in enumerate(items, 1):
        where = _("item %(number)s") % {"number": number}
        if not isinstance(item, dict) or "data" not in item:
            errors.append(_("%(where)s: must be an object with “data”.") % {"where": where})
            continue
        for key in item:
            if key not in ITEM_KEYS:
                errors.append(
                    _("%(where)s: unexpected field “%(field)s”.") % {"where": where, "field": key}
                )
        explanation = item.get("explanation", "") or ""
        if not isinstance(explanation, str):
            errors.append(_("%(where)s: the explanation must be text.") % {"where": where})
            explanation = ""
        if kind in KINDS:
            for message in validate_item_data(kind, item["data"]):
                errors.append(_("%(where)s: %(message)s") % {"where": where, "message": message})
        parsed_items.append({"data": item["data"], "explanation": explanation.strip()})
    if errors:
        return None, errors
    return (
        _Spec(
            title=title.strip(),
            instructions=instructions.strip(),
            kind=kind,
            language=language,
            level=level,
            category=[c.strip() for c in category],
            tags=list(dict.fromkeys(t.strip() for t in tags)),
            tolerance=tolerance,
            items=parsed_items,
        ),
        [],
    )


def parse_exercises(data: Any) -> list[_Spec]:
    """Validate a file's content; raises TransferError listing every problem."""
    objects = data if isinstance(data, list) else [data]
    if not objects:
        raise TransferError([_("The file holds no exercises.")])
    if len(objects) > MAX_EXERCISES:
        raise TransferError(
            [_("The file holds more than %(limit)s exercises.") % {"limit": MAX_EXERCISES}]
        )
    languages = {lang.code: lang for lang in Language.objects.all()}
    specs: list[_Spec] = []
    errors: list[str] = []
    for index, obj in enumerate(objects):
        spec, problems = _parse_one(obj, languages)
        name = _name(index, obj)
        errors += [_("%(name)s: %(problem)s") % {"name": name, "problem": p} for p in problems]
        if spec is not None:
            specs.append(spec)
    if errors:
        raise TransferError(errors)
    return specs


def category_for_path(path: list[str]) -> Category | None:
    """The category at a path of names, creating the missing ones."""
    parent: Category | None = None
    for name in path:
        parent, _created = Category.objects.get_or_create(parent=parent, name=name)
    return parent


def _save(spec: _Spec, *, author: User | None, library_state: str, update_existing: bool):
    exercise = None
    if update_existing:
        exercise = (
            Exercise.objects.filter(
                author=author, title=spec.title, language=spec.language, kind=spec.kind
            )
            .order_by("pk")
            .first()
        )
    if exercise is None:
        exercise = Exercise(author=author, title=spec.title, kind=spec.kind)
    exercise.language = spec.language
    exercise.instructions = spec.instructions
    exercise.level = spec.level
    exercise.category = category_for_path(spec.category)
    exercise.tolerance = spec.tolerance
    exercise.library_state = library_state
    if library_state != LibraryState.REJECTED:
        exercise.rejection_reason = ""
    exercise.save()
    exercise.tags.set([Tag.objects.get_or_create(name=name)[0] for name in spec.tags])
    old = list(exercise.items.all())
    new = [(i["data"], i["explanation"]) for i in spec.items]
    if [(i.data, i.explanation) for i in old] != new:
        # Items are replaced only when they changed, so attempts keep their item ids.
        exercise.items.all().delete()
        Item.objects.bulk_create(
            Item(exercise=exercise, position=position, data=data, explanation=explanation)
            for position, (data, explanation) in enumerate(new)
        )
    return exercise


@transaction.atomic
def import_exercises(
    data: Any,
    *,
    author: User | None,
    library_state: str = LibraryState.PRIVATE,
    update_existing: bool = False,
) -> list[Exercise]:
    """Create the exercises of a file (all or none). Raises TransferError."""
    if library_state not in LibraryState.values:
        raise ValueError(f"Unknown library state {library_state!r}.")
    specs = parse_exercises(data)
    return [
        _save(spec, author=author, library_state=library_state, update_existing=update_existing)
        for spec in specs
    ]
