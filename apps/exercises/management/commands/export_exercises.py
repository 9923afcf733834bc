"""Export exercises as JSON (a list, the format in apps/exercises/transfer.py) to stdout.

manage.py export_exercises > all.json
manage.py export_exercises --author teacher@example.com > hers.json
manage.py export_exercises --platform > library.json
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from apps.accounts.models import User
from apps.exercises.models import Exercise
from apps.exercises.transfer import export_exercises


class Command(BaseCommand):
    help = "Write exercises as JSON to standard output."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--author", metavar="EMAIL", help="Only this teacher's exercises.")
        group.add_argument("--platform", action="store_true", help="Only platform exercises.")

    def handle(self, *args, **options):
        qs = Exercise.objects.order_by("pk")
        if options["author"]:
            author = User.objects.filter(email__iexact=options["author"]).first()
            if author is None:
                raise CommandError(f"No user with the email {options['author']}.")
            qs = qs.filter(author=author)
        elif options["platform"]:
            qs = qs.filter(author=None)
        self.stdout.write(json.dumps(export_exercises(qs), ensure_ascii=False, indent=2))
