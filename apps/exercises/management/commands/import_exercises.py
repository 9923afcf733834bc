"""Import exercises from JSON files (the format in apps/exercises/transfer.py).

    manage.py import_exercises FILE.json [FILE.json ...] --library           # platform library
    manage.py import_exercises FILE.json --author teacher@example.com        # a teacher's, private
    manage.py import_exercises FILE.json --author teacher@example.com --library

All files are checked first; if anything is wrong nothing is imported and every problem is listed.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from apps.accounts.models import User
from apps.exercises import demo
from apps.exercises.models import LibraryState
from apps.exercises.transfer import TransferError, import_exercises, parse_exercises


class Command(BaseCommand):
    help = "Import exercises from JSON files, all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--library", action="store_true", help="Approve them for the shared library."
        )
        parser.add_argument("--author", metavar="EMAIL", help="Owner (default: the platform).")
        parser.add_argument(
            "--update",
            action="store_true",
            help="Update exercises with the same title, language and type instead of adding.",
        )

    def handle(self, *args, **options):
        author = None
        if options["author"]:
            author = User.objects.filter(email__iexact=options["author"]).first()
            if author is None:
                raise CommandError(f"No user with the email {options['author']}.")
        elif not options["library"]:
            raise CommandError(
                "Platform exercises (no --author) must go to the library: add --library."
            )
        state = LibraryState.APPROVED if options["library"] else LibraryState.PRIVATE
        contents = []
        errors: list[str] = []
        for path in options["paths"]:
            try:
                data = demo.read_file(Path(path))
                parse_exercises(data)
                contents.append(data)
            except TransferError as error:
                errors += [f"{path}: {e}" for e in error.errors]
        if errors:
            raise CommandError("\n".join(errors))
        count = 0
        with transaction.atomic():
            for data in contents:
                count += len(
                    import_exercises(
                        data, author=author, library_state=state, update_existing=options["update"]
                    )
                )
        self.stdout.write(f"Imported {count} exercises.")
