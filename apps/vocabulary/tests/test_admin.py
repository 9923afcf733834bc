"""The vocabulary admin: lists and words with filters; review logs read-only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.vocabulary import services

from .factories import make_word


@pytest.mark.parametrize("model", ["wordlist", "word", "reviewlog", "studentsettings"])
def test_changelists_open(client, admin_user, student, model):
    word = make_word(student)
    services.word_review(word=word, rating=3, mode="recognise")
    client.force_login(admin_user)

    response = client.get(reverse(f"admin:vocabulary_{model}_changelist"), {"q": "a"})

    assert response.status_code == 200


def test_review_logs_cannot_be_added_or_changed(client, admin_user, student):
    word = make_word(student)
    services.word_review(word=word, rating=3, mode="recognise")
    log = word.reviews.get()
    client.force_login(admin_user)

    assert client.get(reverse("admin:vocabulary_reviewlog_add")).status_code == 403
    response = client.post(
        reverse("admin:vocabulary_reviewlog_change", args=[log.pk]), {"rating": 1}
    )
    assert response.status_code == 403
    log.refresh_from_db()
    assert log.rating == 3


def test_word_add_form_opens(client, admin_user):
    client.force_login(admin_user)

    assert client.get(reverse("admin:vocabulary_word_add")).status_code == 200
