"""Load the starter library (apps/exercises/starter/*.json) as approved platform exercises.

    manage.py load_starter_exercises

Safe to run again: exercises are matched by title, language and type and updated.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from apps.exercises import demo
from apps.exercises.transfer import TransferError


class Command(BaseCommand):
    help = "Load the starter exercise library (idempotent)."

    def handle(self, *args, **options):
        files = demo.starter_files()
        if not files:
            raise CommandError(f"No starter files in {demo.STARTER_DIR}.")
        try:
            exercises = demo.seed()
        except TransferError as error:
            raise CommandError("\n".join(error.errors)) from None
        self.stdout.write(f"Loaded {len(exercises)} exercises from {len(files)} files.")
