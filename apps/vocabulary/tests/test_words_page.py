"""My words: listing, filtering, adding by hand, moving and deleting, with htmx and without."""

from __future__ import annotations

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from apps.vocabulary.models import StudentSettings, Word, WordList, WordSource

from .factories import language, make_word

HX = {"HX-Request": "true"}


def test_it_requires_login(client):
    response = client.get(reverse("vocabulary:list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_teachers_have_no_words_page(teacher_client):
    assert teacher_client.get(reverse("vocabulary:list")).status_code == 403


def test_it_lists_the_students_words_only(student_client, student, other_student):
    make_word(student, "la maison", "дом")
    make_word(other_student, "le secret", "секрет")

    response = student_client.get(reverse("vocabulary:list"))

    assertContains(response, "la maison")
    assertContains(response, "дом")
    assertNotContains(response, "le secret")


def test_empty_state(student_client):
    response = student_client.get(reverse("vocabulary:list"))

    assertContains(response, "No words yet.")
    # The student can start a list from here.
    assertContains(response, f'action="{reverse("vocabulary:list_create")}" class="list-form"')


def test_filter_by_list_and_search(student_client, student):
    food = WordList.objects.create(student=student, name="Food")
    make_word(student, "le pain", "хлеб", word_list=food)
    make_word(student, "la maison", "дом")

    by_list = student_client.get(reverse("vocabulary:list"), {"list": food.pk})
    by_search = student_client.get(reverse("vocabulary:list"), {"q": "дом"})
    no_list = student_client.get(reverse("vocabulary:list"), {"list": "none"})

    assertContains(by_list, "le pain")
    assertNotContains(by_list, "la maison")
    assertContains(by_search, "la maison")
    assertNotContains(by_search, "le pain")
    assertContains(no_list, "la maison")
    assertNotContains(no_list, "le pain")


def test_search_ignores_accents(student_client, student):
    make_word(student, "le café", "кофе")

    response = student_client.get(reverse("vocabulary:list"), {"q": "cafe"})

    assertContains(response, "le café")


def test_htmx_filter_returns_the_table_only(student_client, student):
    make_word(student)

    response = student_client.get(reverse("vocabulary:list"), {"q": "mai"}, headers=HX)

    assertContains(response, 'id="words"')
    assertNotContains(response, "<html")


def _make_many(student, count: int) -> None:
    fr = language("fr")
    food = WordList.objects.create(student=student, name=f"List {count}")
    for index in range(count):
        Word.objects.create(
            student=student,
            text=f"mot {index}",
            translation=f"слово {index}",
            language=fr,
            word_list=food if index % 2 else None,
        )


@pytest.mark.parametrize("count", [5, 50])
def test_query_count_does_not_grow(student_client, student, count, django_assert_max_num_queries):
    _make_many(student, count)

    with django_assert_max_num_queries(16):
        response = student_client.get(reverse("vocabulary:list"))

    assert response.status_code == 200
    assertContains(response, f"mot {count - 1}")


def test_add_a_word_by_hand(student_client, student):
    response = student_client.post(
        reverse("vocabulary:add"),
        {
            "text": "  la   pomme ",
            "translation": "яблоко",
            "language": language("fr").pk,
            "context": "Je mange une pomme.",
        },
    )

    assert response.status_code == 302
    word = Word.objects.get(student=student)
    assert word.text == "la pomme"
    assert word.context == "Je mange une pomme."
    assert word.added_by == student
    assert word.source == WordSource.MANUAL
    assert word.state == 1
    page = student_client.get(response["Location"])
    assertContains(page, "“la pomme” is added to your words.")


def test_add_by_htmx_returns_a_fresh_form_and_refreshes_the_table(student_client, student):
    response = student_client.post(
        reverse("vocabulary:add"),
        {"text": "la pomme", "translation": "яблоко", "language": language("fr").pk},
        headers=HX,
    )

    assertContains(response, "“la pomme” is added to your words.")
    assertContains(response, 'id="add-word-form"')
    assert "wordsChanged" in response["HX-Trigger"]


def test_a_duplicate_is_rejected_with_a_message(student_client, student):
    make_word(student, "la pomme", "яблоко")

    response = student_client.post(
        reverse("vocabulary:add"),
        {"text": "La Pomme", "translation": "яблочко", "language": language("fr").pk},
        headers=HX,
    )

    assertContains(response, "“la pomme” is already among your words.")
    assert Word.objects.filter(student=student).count() == 1


def test_the_same_text_in_another_language_is_not_a_duplicate(student_client, student):
    make_word(student, "table", "стол", code="fr")

    student_client.post(
        reverse("vocabulary:add"),
        {"text": "table", "translation": "стол", "language": language("en").pk},
    )

    assert Word.objects.filter(student=student).count() == 2


def test_missing_fields_show_errors(student_client, student):
    response = student_client.post(
        reverse("vocabulary:add"), {"text": " ", "translation": "", "language": ""}
    )

    assert response.status_code == 200
    assertContains(response, "This field is required.")
    assert not Word.objects.exists()


def test_someone_elses_list_is_refused(student_client, student, other_student):
    theirs = WordList.objects.create(student=other_student, name="Theirs")

    response = student_client.post(
        reverse("vocabulary:add"),
        {
            "text": "la pomme",
            "translation": "яблоко",
            "language": language("fr").pk,
            "word_list": theirs.pk,
        },
    )

    assert response.status_code == 200
    assertContains(response, "Select a valid choice.")
    assert not Word.objects.exists()


def test_move_a_word(student_client, student):
    food = WordList.objects.create(student=student, name="Food")
    word = make_word(student)

    response = student_client.post(
        reverse("vocabulary:move", args=[word.pk]), {"word_list": food.pk}, headers=HX
    )

    word.refresh_from_db()
    assert word.word_list == food
    assertContains(response, f'id="word-{word.pk}"')


def test_move_out_of_a_list(student_client, student):
    food = WordList.objects.create(student=student, name="Food")
    word = make_word(student, word_list=food)

    response = student_client.post(reverse("vocabulary:move", args=[word.pk]), {"word_list": ""})

    assert response.status_code == 302
    word.refresh_from_db()
    assert word.word_list is None


def test_move_into_someone_elses_list_changes_nothing(student_client, student, other_student):
    theirs = WordList.objects.create(student=other_student, name="Theirs")
    word = make_word(student)

    student_client.post(reverse("vocabulary:move", args=[word.pk]), {"word_list": theirs.pk})

    word.refresh_from_db()
    assert word.word_list is None


def test_delete_a_word(student_client, student):
    word = make_word(student)

    response = student_client.post(reverse("vocabulary:delete", args=[word.pk]), headers=HX)

    assert response.status_code == 200
    assert response.content == b""
    assert not Word.objects.exists()


def test_create_and_delete_a_list(student_client, student):
    response = student_client.post(reverse("vocabulary:list_create"), {"name": "Food"})
    food = WordList.objects.get(student=student)
    assert response["Location"].endswith(f"?list={food.pk}")
    word = make_word(student, word_list=food)

    student_client.post(reverse("vocabulary:list_delete", args=[food.pk]))

    assert not WordList.objects.exists()
    word.refresh_from_db()
    assert word.word_list is None


def test_a_list_name_twice_is_refused(student_client, student):
    WordList.objects.create(student=student, name="Food")

    response = student_client.post(reverse("vocabulary:list_create"), {"name": "food"}, follow=True)

    assertContains(response, "You already have a list with this name.")
    assert WordList.objects.count() == 1


def test_a_list_for_a_project(student_client, student, teacher):
    from apps.projects.tests.factories import make_project

    project = make_project(teacher, students=(student,), language="fr", title="French A1")

    student_client.post(
        reverse("vocabulary:list_create"), {"name": "Unit 1", "project": project.pk}
    )

    assert WordList.objects.get().project == project


def test_settings_reject_out_of_range(student_client, student):
    response = student_client.post(reverse("vocabulary:settings"), {"desired_retention": "0.99"})

    assert response.status_code == 200
    assertContains(response, "0.97")
    assert not StudentSettings.objects.exists()


def test_settings_show_the_default(student_client):
    response = student_client.get(reverse("vocabulary:settings"))

    assertContains(response, 'value="0.9"')


def test_edit_a_word_keeps_its_card(student_client, student):
    word = make_word(student, "la pome", "яблоко")
    card = word.card

    response = student_client.post(
        reverse("vocabulary:edit", args=[word.pk]),
        {"text": "la pomme", "translation": "яблоко", "context": "Une pomme rouge."},
    )

    assert response.status_code == 302
    word.refresh_from_db()
    assert (word.text, word.text_folded, word.context) == (
        "la pomme",
        "la pomme",
        "Une pomme rouge.",
    )
    assert word.card == card


def test_edit_into_a_duplicate_is_refused(student_client, student):
    make_word(student, "la pomme", "яблоко")
    word = make_word(student, "la poire", "груша")

    response = student_client.post(
        reverse("vocabulary:edit", args=[word.pk]), {"text": "La pomme", "translation": "груша"}
    )

    assertContains(response, "“la pomme” is already among your words.")
    word.refresh_from_db()
    assert word.text == "la poire"


def test_edit_someone_elses_word_is_404(client, student, other_student):
    word = make_word(student)
    client.force_login(other_student)

    assert client.get(reverse("vocabulary:edit", args=[word.pk])).status_code == 404
    assert client.post(reverse("vocabulary:edit", args=[word.pk]), {"text": "x"}).status_code == 404


def _lesson_yesterday(teacher, student, title="French A1"):
    from datetime import timedelta

    from django.utils import timezone

    from apps.projects.tests.factories import make_project
    from apps.scheduling import services as scheduling

    project = make_project(teacher, students=(student,), language="fr", title=title)
    start = timezone.now().replace(microsecond=0) - timedelta(days=1)
    return scheduling.lesson_create(project=project, start=start, end=start + timedelta(hours=1))


def test_add_a_word_from_a_lesson(student_client, student, teacher):
    lesson = _lesson_yesterday(teacher, student)
    page = student_client.get(reverse("vocabulary:list"))
    assertContains(page, "From a lesson")

    student_client.post(
        reverse("vocabulary:add"),
        {
            "text": "la pomme",
            "translation": "яблоко",
            "language": language("fr").pk,
            "lesson": lesson.pk,
        },
    )

    word = Word.objects.get()
    assert word.source == WordSource.LESSON
    assert word.source_note.startswith("French A1 — ")
    assertContains(student_client.get(reverse("vocabulary:list")), "French A1 — ")


def test_someone_elses_lesson_is_refused(student_client, other_teacher, other_student):
    lesson = _lesson_yesterday(other_teacher, other_student)

    response = student_client.post(
        reverse("vocabulary:add"),
        {
            "text": "la pomme",
            "translation": "яблоко",
            "language": language("fr").pk,
            "lesson": lesson.pk,
        },
    )

    assertContains(response, "Select a valid choice.")
    assert not Word.objects.exists()


@pytest.mark.parametrize("name", ["vocabulary:list", "vocabulary:review", "vocabulary:settings"])
def test_pages_open_in_russian(student_client, student, name):
    student.language = "ru"
    student.save(update_fields=["language"])
    make_word(student)

    response = student_client.get(reverse(name))

    assert response.status_code == 200
    assert response.context["LANGUAGE_CODE"] == "ru"
