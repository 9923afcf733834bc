"""Reviewing with FSRS through the views: grades move the card, intervals follow the settings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from apps.vocabulary.models import CardState, ReviewLog, StudentSettings, Word

from .factories import make_word

NOW = datetime(2027, 3, 10, 9, 0, tzinfo=UTC)  # 16:00 in Novosibirsk, the student's zone
HX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)


def grade(client, word, rating, mode="recognise", **extra):
    word.refresh_from_db()
    data = {"rating": rating, "mode": mode, "card_due": word.card["due"], **extra}
    return client.post(reverse("vocabulary:review_grade", args=[word.pk]), data, headers=HX)


def test_review_shows_the_first_due_word(student_client, student):
    make_word(student, "la maison", "дом")

    response = student_client.get(reverse("vocabulary:review"))

    assertContains(response, "la maison")
    assertContains(response, "Show the answer")
    assertNotContains(response, "дом")


def test_the_answer_shows_four_grades_with_intervals(student_client, student):
    word = make_word(student)

    response = student_client.post(
        reverse("vocabulary:review_answer", args=[word.pk]), {"mode": "recognise"}, headers=HX
    )

    assertContains(response, "дом")
    for label in ("Again", "Hard", "Good", "Easy"):
        assertContains(response, label)
    assertContains(response, "1 min")  # Again on a new card
    assertContains(response, "10 min")  # Good: the second learning step
    assertNotContains(response, "<html")


def test_good_pushes_the_word_into_the_future(student_client, student):
    word = make_word(student)

    grade(student_client, word, 3)

    word.refresh_from_db()
    assert word.due >= NOW + timedelta(minutes=10)
    assert ReviewLog.objects.get(word=word).rating == 3


def test_good_twice_makes_a_word_learned_for_days(student_client, student):
    word = make_word(student)
    grade(student_client, word, 3)

    grade(student_client, word, 3)

    word.refresh_from_db()
    assert word.state == CardState.REVIEW
    assert word.due >= NOW + timedelta(days=1)


def test_again_keeps_the_word_due_today(student_client, student):
    word = make_word(student)

    response = grade(student_client, word, 1)

    word.refresh_from_db()
    assert NOW < word.due <= NOW + timedelta(minutes=1)
    # Within the learn-ahead window it is asked again at once.
    assertContains(response, "la maison")


def test_a_double_click_grades_once(student_client, student):
    word = make_word(student)
    stale_due = word.card["due"]
    grade(student_client, word, 3)

    student_client.post(
        reverse("vocabulary:review_grade", args=[word.pk]),
        {"rating": 3, "mode": "recognise", "card_due": stale_due},
        headers=HX,
    )

    assert ReviewLog.objects.filter(word=word).count() == 1


def test_the_session_ends_with_a_summary(student_client, student):
    word = make_word(student)
    grade(student_client, word, 3)
    started = NOW.isoformat()

    response = grade(student_client, word, 3, started=started)

    assertContains(response, "Done for now")
    assertContains(response, "You reviewed 2 words.")


def test_nothing_to_review(student_client, student):
    response = student_client.get(reverse("vocabulary:review"))

    assertContains(response, "Nothing to review right now.")


def _easy_interval(client, word) -> str:
    response = client.post(
        reverse("vocabulary:review_answer", args=[word.pk]), {"mode": "recognise"}, headers=HX
    )
    options = response.context["options"]
    return next(option.interval for option in options if option.rating == 4)


def test_desired_retention_changes_the_next_interval(student_client, student):
    word = make_word(student)
    grade(student_client, word, 3)
    grade(student_client, word, 3)  # now learned
    word.refresh_from_db()
    word.due = NOW
    word.card = {**word.card, "due": NOW.isoformat()}
    word.save()
    default = _easy_interval(student_client, word)

    student_client.post(reverse("vocabulary:settings"), {"desired_retention": "0.7"})

    assert StudentSettings.objects.get(student=student).desired_retention == 0.7
    assert _easy_interval(student_client, word) != default


def test_a_lower_retention_schedules_further_ahead(student_client, student):
    low = make_word(student, "le chat", "кошка")
    StudentSettings.objects.create(student=student, desired_retention=0.7)
    grade(student_client, low, 4)
    StudentSettings.objects.filter(student=student).update(desired_retention=0.97)
    high = make_word(student, "le chien", "собака")
    grade(student_client, high, 4)

    low.refresh_from_db()
    high.refresh_from_db()
    assert low.due > high.due


def test_an_invalid_grade_changes_nothing(student_client, student):
    word = make_word(student)

    response = student_client.post(
        reverse("vocabulary:review_grade", args=[word.pk]), {"rating": "7"}, headers=HX
    )

    assert response.status_code == 200
    assert not ReviewLog.objects.exists()


# Type the answer


def answer(client, word, text, mode="type"):
    return client.post(
        reverse("vocabulary:review_answer", args=[word.pk]),
        {"mode": mode, "answer": text},
        headers=HX,
    )


def test_type_mode_asks_with_the_translation(student_client, student):
    make_word(student, "la maison", "дом")

    response = student_client.get(reverse("vocabulary:review") + "?mode=type")

    assertContains(response, "дом")
    assertContains(response, 'name="answer"')
    assertNotContains(response, "la maison")


def test_a_right_answer_suggests_good(student_client, student):
    word = make_word(student, "le café", "кофе")

    response = answer(student_client, word, "le café")

    assertContains(response, "Right!")
    assert response.context["suggested"] == 3


def test_the_article_may_be_left_out(student_client, student):
    word = make_word(student, "le café", "кофе")

    response = answer(student_client, word, "Café")

    assert response.context["result"].right


def test_only_accents_differ(student_client, student):
    word = make_word(student, "le café", "кофе")

    response = answer(student_client, word, "cafe")

    assertContains(response, "Right, but check the accents.")
    assert response.context["suggested"] == 2


def test_a_wrong_answer_suggests_again(student_client, student):
    word = make_word(student, "le café", "кофе")

    response = answer(student_client, word, "le thé")

    assertContains(response, "Not quite.")
    assertContains(response, "You wrote “le thé”.")
    assert response.context["suggested"] == 1


# Gender


def test_gender_mode_hides_the_article(student_client, student):
    make_word(student, "la maison", "дом", gender="f")
    make_word(student, "the house", "дом", code="en")

    response = student_client.get(reverse("vocabulary:review") + "?mode=gender")

    assertContains(response, '<p class="flashcard-prompt" lang="fr">maison</p>', html=False)
    assertContains(response, 'value="m"')
    assertContains(response, 'value="f"')


def test_gender_right_and_wrong(student_client, student):
    word = make_word(student, "la maison", "дом", gender="f")

    right = answer(student_client, word, "f", mode="gender")
    wrong = answer(student_client, word, "m", mode="gender")

    assert right.context["suggested"] == 3
    assert wrong.context["suggested"] == 1
    assertContains(wrong, "la maison")


def test_gender_mode_skips_words_without_gender(student_client, student):
    make_word(student, "the house", "дом", code="en")

    response = student_client.get(reverse("vocabulary:review") + "?mode=gender")

    assertContains(response, "Nothing to review right now.")
    assertContains(response, "only French nouns")


def test_review_of_one_list(student_client, student):
    from apps.vocabulary.models import WordList

    food = WordList.objects.create(student=student, name="Food")
    make_word(student, "le pain", "хлеб", word_list=food)
    make_word(student, "la maison", "дом")

    response = student_client.get(reverse("vocabulary:review") + f"?list={food.pk}")

    assertContains(response, "le pain")


def test_a_word_due_tomorrow_is_not_asked(student_client, student):
    word = make_word(student)
    Word.objects.filter(pk=word.pk).update(due=NOW + timedelta(days=1))

    response = student_client.get(reverse("vocabulary:review"))

    assertContains(response, "Nothing to review right now.")
