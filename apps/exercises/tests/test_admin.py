"""The admin: moderation actions, item validation, read-only attempts."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from apps.exercises import services
from apps.exercises.models import Attempt, Category, Exercise, Kind, LibraryState

from .factories import language, make_exercise

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def pending(teacher):
    return make_exercise(
        Kind.GAP_FILL,
        [{"text": "A {b}."}],
        author=teacher,
        title="Waiting",
        library_state=LibraryState.PENDING,
    )


def changelist():
    return reverse("admin:exercises_exercise_changelist")


def test_pending_queue_filter(admin_client, pending, teacher):
    make_exercise(Kind.GAP_FILL, [{"text": "A {b}."}], author=teacher, title="Private one")
    response = admin_client.get(changelist(), {"queue": "pending"})
    assert response.status_code == 200
    assert "Waiting" in response.text and "Private one" not in response.text


def test_approve_action(admin_client, pending):
    broken = make_exercise(Kind.GAP_FILL, [], title="Empty", library_state=LibraryState.PENDING)
    response = admin_client.post(
        changelist(),
        {"action": "approve", "_selected_action": [pending.pk, broken.pk]},
        follow=True,
    )
    assert response.status_code == 200
    pending.refresh_from_db()
    broken.refresh_from_db()
    assert pending.library_state == LibraryState.APPROVED
    assert broken.library_state == LibraryState.PENDING
    assert "1 exercise approved for the library." in response.text
    assert "“Empty” was not approved" in response.text


def test_reject_action_asks_for_a_reason(admin_client, pending):
    response = admin_client.post(
        changelist(), {"action": "reject", "_selected_action": [pending.pk]}
    )
    assert response.status_code == 200
    assert "Reason for rejection" in response.text and "Waiting" in response.text
    response = admin_client.post(
        changelist(), {"action": "reject", "_selected_action": [pending.pk], "reason": "  "}
    )
    assert response.status_code == 200
    assert "This field is required." in response.text
    pending.refresh_from_db()
    assert pending.library_state == LibraryState.PENDING
    response = admin_client.post(
        changelist(),
        {"action": "reject", "_selected_action": [pending.pk], "reason": "Item 1 is too easy."},
        follow=True,
    )
    assert "1 exercise rejected." in response.text
    pending.refresh_from_db()
    assert pending.library_state == LibraryState.REJECTED
    assert pending.rejection_reason == "Item 1 is too easy."


def item_post(kind: str, data) -> dict:
    return {
        "title": "Made in admin",
        "kind": kind,
        "language": language("en").pk,
        "level": "",
        "tolerance": "ignore_case",
        "library_state": "private",
        "rejection_reason": "",
        "instructions": "",
        "items-TOTAL_FORMS": "1",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
        "items-0-position": "0",
        "items-0-data": data if isinstance(data, str) else json.dumps(data),
        "items-0-explanation": "",
    }


def test_item_data_is_validated_for_the_kind(admin_client):
    url = reverse("admin:exercises_exercise_add")
    response = admin_client.post(url, item_post(Kind.GAP_FILL, {"text": "No gaps."}))
    assert response.status_code == 200
    assert "Add at least one gap" in response.text
    response = admin_client.post(url, item_post(Kind.GAP_FILL, "{not json"))
    assert response.status_code == 200
    assert not Exercise.objects.exists()
    response = admin_client.post(url, item_post(Kind.GAP_FILL, {"text": "I {have} been."}))
    assert response.status_code == 302
    assert Exercise.objects.get().items.get().data == {"text": "I {have} been."}


def test_attempts_are_read_only(admin_client, pending, student):
    attempt = services.attempt_record(exercise=pending, student=student, answers={})
    response = admin_client.get(reverse("admin:exercises_attempt_changelist"), {"q": "student@"})
    assert response.status_code == 200 and "Waiting" in response.text
    response = admin_client.get(reverse("admin:exercises_attempt_change", args=[attempt.pk]))
    assert response.status_code == 200
    assert 'name="score"' not in response.text
    assert admin_client.get(reverse("admin:exercises_attempt_add")).status_code == 403
    response = admin_client.post(
        reverse("admin:exercises_attempt_change", args=[attempt.pk]), {"score": 100}
    )
    assert response.status_code == 403
    assert Attempt.objects.get().score == 0


def test_category_list_shows_full_paths(admin_client, django_assert_max_num_queries):
    grammar = Category.objects.create(name="Grammar")
    tenses = Category.objects.create(name="Tenses", parent=grammar)
    for i in range(5):
        Category.objects.create(name=f"Tense {i}", parent=tenses)
    with django_assert_max_num_queries(12):
        response = admin_client.get(reverse("admin:exercises_category_changelist"))
    assert "Grammar › Tenses › Tense 3" in response.text


def test_exercise_list_filters(admin_client, pending):
    response = admin_client.get(
        changelist(), {"kind": "gap_fill", "library_state": "pending", "q": "Wait"}
    )
    assert response.status_code == 200 and "Waiting" in response.text


def test_admin_lists_make_a_fixed_number_of_queries(
    admin_client, teacher, student, django_assert_max_num_queries
):
    grammar = Category.objects.create(name="Grammar")
    for i in range(6):
        exercise = make_exercise(
            Kind.GAP_FILL, [{"text": "A {b}."}], author=teacher, title=f"E{i}", category=grammar
        )
        services.attempt_record(exercise=exercise, student=student, answers={})
    with django_assert_max_num_queries(14):
        assert admin_client.get(changelist()).status_code == 200
    with django_assert_max_num_queries(12):
        assert admin_client.get(reverse("admin:exercises_attempt_changelist")).status_code == 200
