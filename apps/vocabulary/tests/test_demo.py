from __future__ import annotations

from apps.accounts import demo as accounts_demo
from apps.projects import demo as projects_demo
from apps.vocabulary import demo
from apps.vocabulary.models import CardState, ReviewLog, Word


def test_demo_words_are_seeded_once(db):
    accounts_demo.seed()
    projects_demo.seed()

    created = demo.seed()

    assert created > 0
    assert Word.objects.count() == created
    assert Word.objects.filter(state=CardState.REVIEW).exists()
    assert ReviewLog.objects.exists()
    assert demo.seed() == 0
    assert Word.objects.count() == created
