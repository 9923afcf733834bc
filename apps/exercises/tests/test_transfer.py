"""JSON export and import: round trip, all-or-nothing with clear errors, commands."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from apps.exercises.models import Category, Exercise, Kind, LibraryState, Tag
from apps.exercises.transfer import TransferError, export_exercise, import_exercises

from .factories import make_exercise

pytestmark = pytest.mark.django_db


def sample(**changes) -> dict:
    data = {
        "format": "verbal-voyager-exercise",
        "version": 1,
        "title": "Present perfect: have or has",
        "instructions": "Fill in the gaps.",
        "kind": "gap_fill",
        "language": "en",
        "level": "A2",
        "category": ["Grammar", "Tenses", "Present perfect"],
        "tags": ["present perfect", "have"],
        "tolerance": "ignore_case",
        "items": [
            {"data": {"text": "I {have|'ve} been to Paris {twice}."}, "explanation": "I have."},
            {"data": {"text": "She {has} seen it."}},
        ],
    }
    data.update(changes)
    return data


def test_import_creates_exercise_category_path_and_tags(teacher):
    (exercise,) = import_exercises(sample(), author=teacher, library_state=LibraryState.PRIVATE)
    assert exercise.author == teacher and exercise.kind == Kind.GAP_FILL
    assert exercise.language.code == "en" and exercise.level == "A2"
    assert [c.name for c in exercise.category.ancestry()] == [
        "Grammar",
        "Tenses",
        "Present perfect",
    ]
    assert sorted(t.name for t in exercise.tags.all()) == ["have", "present perfect"]
    items = list(exercise.items.all())
    assert [i.position for i in items] == [0, 1]
    assert items[0].explanation == "I have." and items[1].explanation == ""
    # a second import reuses the categories and tags
    import_exercises(sample(title="Again"), author=teacher, library_state=LibraryState.PRIVATE)
    assert Category.objects.count() == 3 and Tag.objects.count() == 2


def test_round_trip(teacher):
    data = sample()
    (exercise,) = import_exercises(data, author=teacher)
    exported = export_exercise(exercise)
    data["items"][1]["explanation"] = ""
    data["tags"] = sorted(data["tags"])
    assert exported == data
    (again,) = import_exercises(json.loads(json.dumps(exported)), author=teacher)
    assert export_exercise(again) == exported


def test_a_list_is_all_or_nothing_and_errors_name_exercise_and_item(teacher):
    bad = sample(title="Broken one", items=[{"data": {"text": "ok {x}"}}, {"data": {"text": "{}"}}])
    with pytest.raises(TransferError) as caught:
        import_exercises([sample(), bad, sample(language="de")], author=teacher)
    errors = caught.value.errors
    assert "Exercise 2 (“Broken one”): item 2: Gap 1 is empty." in errors
    assert any(e.startswith("Exercise 3") and "unknown language “de”" in e for e in errors)
    assert not Exercise.objects.exists() and not Category.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "essay"}, "unknown type"),
        ({"title": ""}, "the title is missing"),
        ({"items": []}, "it has no items"),
        ({"format": "other"}, "“format” must be"),
        ({"level": "D1"}, "unknown level"),
        ({"tolerance": "loose"}, "unknown tolerance"),
        ({"colour": "red"}, "unexpected field “colour”"),
        ({"items": [{"data": {"text": "a {b}"}, "hint": "x"}]}, "item 1: unexpected field “hint”"),
        ({"category": [""]}, "the category must be a list"),
    ],
)
def test_import_errors(teacher, changes, message):
    with pytest.raises(TransferError, match=message):
        import_exercises(sample(**changes), author=teacher)
    assert not Exercise.objects.exists()


def test_update_existing_is_idempotent_and_keeps_items_that_did_not_change(teacher):
    (first,) = import_exercises(
        sample(), author=None, library_state=LibraryState.APPROVED, update_existing=True
    )
    item_ids = list(first.items.values_list("pk", flat=True))
    (second,) = import_exercises(
        sample(), author=None, library_state=LibraryState.APPROVED, update_existing=True
    )
    assert second.pk == first.pk and Exercise.objects.count() == 1
    assert list(second.items.values_list("pk", flat=True)) == item_ids
    changed = sample(items=[{"data": {"text": "New {one}."}}])
    (third,) = import_exercises(
        changed, author=None, library_state=LibraryState.APPROVED, update_existing=True
    )
    assert third.pk == first.pk
    assert [i.data for i in third.items.all()] == [{"text": "New {one}."}]


def test_import_and_export_commands(tmp_path, teacher):
    path = tmp_path / "ex.json"
    path.write_text(json.dumps([sample(), sample(title="Second")]), encoding="utf-8")
    out = StringIO()
    call_command("import_exercises", str(path), "--author", teacher.email, stdout=out)
    assert "Imported 2 exercises." in out.getvalue()
    assert Exercise.objects.filter(author=teacher, library_state=LibraryState.PRIVATE).count() == 2
    call_command("import_exercises", str(path), "--library", stdout=StringIO())
    assert Exercise.objects.filter(author=None, library_state=LibraryState.APPROVED).count() == 2
    out = StringIO()
    call_command("export_exercises", "--author", teacher.email, stdout=out)
    exported = json.loads(out.getvalue())
    assert sorted(e["title"] for e in exported) == ["Present perfect: have or has", "Second"]


def test_import_command_reports_every_problem_and_imports_nothing(tmp_path, teacher):
    good = tmp_path / "good.json"
    good.write_text(json.dumps(sample()), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match=r"bad\.json"):
        call_command("import_exercises", str(good), str(bad), "--library")
    with pytest.raises(CommandError, match="add --library"):
        call_command("import_exercises", str(good))
    assert not Exercise.objects.exists()


def test_export_leaves_files_out(teacher):
    exercise = make_exercise(
        Kind.TRUE_FALSE, [{"statement": "S.", "correct": True}], author=teacher
    )
    item = exercise.items.get()
    item.audio.name = "exercises/1/a.mp3"
    item.save()
    exported = export_exercise(exercise)
    assert exported["items"] == [{"data": {"statement": "S.", "correct": True}, "explanation": ""}]
    assert exported["category"] == [] and exported["level"] == ""
