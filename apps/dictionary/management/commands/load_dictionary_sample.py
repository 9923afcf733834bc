from django.core.management.base import BaseCommand

from apps.dictionary.sample_data import load_sample


class Command(BaseCommand):
    help = (
        "Load the bundled sample dictionary (common English and French words with Russian "
        "translations). Safe to run again: entries are merged by language, headword and part "
        "of speech."
    )

    def handle(self, *args, **options):
        result = load_sample()
        self.stdout.write(
            self.style.SUCCESS(
                f"Sample dictionary: {result.created} created, {result.updated} updated, "
                f"{result.unchanged} unchanged."
            )
        )
