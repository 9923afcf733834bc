from django.core.management.base import BaseCommand
from django.db import transaction

from apps.accounts import demo as accounts_demo
from apps.dictionary import demo as dictionary_demo
from apps.exercises import demo as exercises_demo
from apps.homework import demo as homework_demo
from apps.lessons import demo as lessons_demo
from apps.projects import demo as projects_demo
from apps.vocabulary import demo as vocabulary_demo


class Command(BaseCommand):
    help = "Load demo accounts and data. Safe to run again: nothing is created twice."

    @transaction.atomic
    def handle(self, *args, **options):
        logins = accounts_demo.seed()
        projects_demo.seed()
        lessons_demo.seed()
        # After the lessons (homework is due by the next one); the starter exercises before the
        # homework, which hands some of them out.
        exercises = exercises_demo.seed()
        dictionary = dictionary_demo.seed()
        homework = homework_demo.seed()
        words = vocabulary_demo.seed()
        self.stdout.write(
            f"Starter exercises: {len(exercises)}; dictionary entries: {dictionary.created} new, "
            f"{dictionary.updated} updated; homework: {homework} new; words: {words} new."
        )
        self.stdout.write(
            self.style.SUCCESS("Demo data is ready. Log in at http://127.0.0.1:8000 with:")
        )
        for role, email in logins:
            self.stdout.write(f"  {role:<16} {email:<36} password: {accounts_demo.DEMO_PASSWORD}")
