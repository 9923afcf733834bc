"""The starter library: every apps/exercises/starter/*.json imported as platform content.

`seed()` is called by `manage.py seed_demo` and `manage.py load_starter_exercises`. The
exercises have no author and are approved for the library. Idempotent: an exercise is matched
by title, language and kind and updated (its items replaced only when they changed).
"""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction

from .models import Exercise, LibraryState
from .transfer import TransferError, import_exercises

STARTER_DIR = Path(__file__).resolve().parent / "starter"


def starter_files(directory: Path | None = None) -> list[Path]:
    directory = directory or STARTER_DIR
    return sorted(directory.glob("*.json")) if directory.is_dir() else []


def read_file(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise TransferError([f"{path.name}: {error}"]) from None


@transaction.atomic
def seed(directory: Path | None = None) -> list[Exercise]:
    """Load every starter file (all or nothing); returns the exercises loaded."""
    loaded: list[Exercise] = []
    for path in starter_files(directory):
        try:
            loaded += import_exercises(
                read_file(path),
                author=None,
                library_state=LibraryState.APPROVED,
                update_existing=True,
            )
        except TransferError as error:
            raise TransferError([f"{path.name}: {e}" for e in error.errors]) from None
    return loaded
