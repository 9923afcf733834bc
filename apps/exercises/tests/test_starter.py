"""The starter library: every file validates; it covers both languages and every kind."""

from __future__ import annotations

from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from apps.exercises import demo
from apps.exercises.kinds import KINDS
from apps.exercises.models import Exercise, Item, LibraryState
from apps.exercises.transfer import parse_exercises

pytestmark = pytest.mark.django_db

FILES = demo.starter_files()


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_starter_file_validates(path):
    assert parse_exercises(demo.read_file(path))


def test_seed_loads_the_library_once():
    exercises = demo.seed()
    assert all(e.author is None and e.library_state == LibraryState.APPROVED for e in exercises)
    languages = Counter(e.language.code for e in exercises)
    assert languages["en"] >= 25, languages
    assert languages["fr"] >= 15, languages
    assert {e.kind for e in exercises} == set(KINDS)
    counts = (Exercise.objects.count(), Item.objects.count())
    item_ids = set(Item.objects.values_list("pk", flat=True))
    out = StringIO()
    call_command("load_starter_exercises", stdout=out)
    assert (Exercise.objects.count(), Item.objects.count()) == counts
    assert set(Item.objects.values_list("pk", flat=True)) == item_ids
    assert f"Loaded {len(exercises)} exercises" in out.getvalue()


def test_load_command_without_files_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(demo, "STARTER_DIR", tmp_path)
    with pytest.raises(CommandError, match="No starter files"):
        call_command("load_starter_exercises")


def test_a_broken_starter_file_loads_nothing(tmp_path, monkeypatch):
    (tmp_path / "a.json").write_text('{"title": "x"}', encoding="utf-8")
    monkeypatch.setattr(demo, "STARTER_DIR", tmp_path)
    with translation.override("en"), pytest.raises(CommandError, match=r"a\.json: Exercise 1"):
        call_command("load_starter_exercises")
    assert not Exercise.objects.exists()
