"""Adding dictionary entries: the search box, the entry page's button, students and teachers."""

from __future__ import annotations

from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from apps.dictionary.models import Entry
from apps.vocabulary.models import Word, WordList, WordSource

from .factories import make_entry, make_word

HX = {"HX-Request": "true"}


def test_search_by_headword_without_accents(student_client):
    make_entry("école", translations=("школа",))

    response = student_client.get(reverse("vocabulary:dictionary_search"), {"q": "eco"})

    assertContains(response, "l&#x27;école")
    assertContains(response, "школа")
    assertContains(response, "Add")


def test_search_by_translation(student_client):
    make_entry("maison", translations=("дом",))

    response = student_client.get(reverse("vocabulary:dictionary_search"), {"q": "до"})

    assertContains(response, "la maison")


def test_search_says_when_nothing_is_found(student_client):
    response = student_client.get(reverse("vocabulary:dictionary_search"), {"q": "zzz"})

    assertContains(response, "Nothing in the dictionary starts with")


def test_search_marks_words_already_added(student_client, student):
    entry = make_entry("maison")
    make_word(student, "la maison", entry=entry)

    response = student_client.get(reverse("vocabulary:dictionary_search"), {"q": "maison"})

    assertContains(response, "already added")


def test_student_adds_an_entry(student_client, student):
    entry = make_entry("maison", translations=("дом", "жилище"), example="La maison est grande.")

    response = student_client.post(reverse("vocabulary:add_entry", args=[entry.pk]), headers=HX)

    assertContains(response, "“la maison” is added to your words.")
    assert "wordsChanged" in response["HX-Trigger"]
    word = Word.objects.get(student=student)
    assert word.text == "la maison"
    assert word.translation == "дом, жилище"
    assert word.gender == "f"
    assert word.entry == entry
    assert word.context == "La maison est grande."
    assert word.source == WordSource.ENTRY
    assert word.added_by == student


def test_masculine_and_elided_articles(student_client, student):
    chat = make_entry("chat", gender="m")
    arbre = make_entry("arbre", gender="m")

    student_client.post(reverse("vocabulary:add_entry", args=[chat.pk]))
    student_client.post(reverse("vocabulary:add_entry", args=[arbre.pk]))

    assert set(Word.objects.values_list("text", flat=True)) == {"le chat", "l'arbre"}


def test_an_entry_twice_is_refused(student_client, student):
    entry = make_entry("maison")
    student_client.post(reverse("vocabulary:add_entry", args=[entry.pk]))

    response = student_client.post(reverse("vocabulary:add_entry", args=[entry.pk]), headers=HX)

    assertContains(response, "“la maison” is already among your words.")
    assert Word.objects.count() == 1


def test_an_entry_already_typed_by_hand_is_refused(student_client, student):
    entry = make_entry("maison")
    make_word(student, "la maison")

    response = student_client.post(reverse("vocabulary:add_entry", args=[entry.pk]), follow=True)

    assertContains(response, "is already among your words.")
    assert Word.objects.count() == 1


def test_add_into_a_list_without_htmx_goes_back(student_client, student):
    entry = make_entry("maison")
    food = WordList.objects.create(student=student, name="Food")

    response = student_client.post(
        reverse("vocabulary:add_entry", args=[entry.pk]),
        {"word_list": food.pk, "next": "/dictionary/?q=maison"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/dictionary/?q=maison"
    assert Word.objects.get().word_list == food


def test_next_must_be_on_this_site(student_client):
    entry = make_entry("maison")

    response = student_client.post(
        reverse("vocabulary:add_entry", args=[entry.pk]), {"next": "https://evil.example/"}
    )

    assert response["Location"] == reverse("vocabulary:list")


def test_a_missing_entry_is_404(student_client):
    assert student_client.post(reverse("vocabulary:add_entry", args=[999])).status_code == 404


def test_teacher_adds_an_entry_for_a_student(teacher_client, teacher, student):
    entry = make_entry("maison")

    response = teacher_client.post(
        reverse("vocabulary:add_entry", args=[entry.pk]), {"student": student.pk}, headers=HX
    )

    assertContains(response, "“la maison” is added to Sasha Student&#x27;s words.")
    word = Word.objects.get()
    assert word.student == student
    assert word.added_by == teacher


def test_teacher_cannot_add_for_someone_elses_student(teacher_client, other_student):
    entry = make_entry("maison")

    response = teacher_client.post(
        reverse("vocabulary:add_entry", args=[entry.pk]), {"student": other_student.pk}, headers=HX
    )

    assertContains(response, "Select a valid choice.")
    assert not Word.objects.exists()


def test_teacher_cannot_use_another_students_list(teacher_client, teacher, student, other_student):
    entry = make_entry("maison")
    theirs = WordList.objects.create(student=other_student, name="Theirs")

    teacher_client.post(
        reverse("vocabulary:add_entry", args=[entry.pk]),
        {"student": student.pk, "word_list": theirs.pk},
    )

    assert not Word.objects.exists()


def test_teacher_duplicate_message_names_the_student(teacher_client, student):
    entry = make_entry("maison")
    make_word(student, "la maison", entry=entry)

    response = teacher_client.post(
        reverse("vocabulary:add_entry", args=[entry.pk]), {"student": student.pk}, headers=HX
    )

    assertContains(response, "Sasha Student already has “la maison” among their words.")


# The button on the dictionary's entry page


def render_button(user, entry) -> str:
    request = RequestFactory().get("/dictionary/1/")
    request.user = user
    template = Template('{% include "vocabulary/_add_button.html" %}')
    return template.render(Context({"entry": entry, "request": request, "user": user}))


def test_button_for_a_student(student):
    entry = make_entry("maison")

    html = render_button(student, entry)

    assert "Add to my words" in html
    assert reverse("vocabulary:add_entry", args=[entry.pk]) in html


def test_button_when_the_student_has_the_word(student):
    entry = make_entry("maison")
    make_word(student, "la maison", entry=entry)

    html = render_button(student, entry)

    assert "This word is among your words." in html
    assert "Add to my words" not in html


def test_button_for_a_teacher_lists_only_their_students(teacher, student, other_student):
    entry = make_entry("maison")
    WordList.objects.create(student=student, name="Food")

    html = render_button(teacher, entry)

    assert "Add to a student's words" in html
    assert "Sasha Student" in html
    assert "Sasha Student — Food" in html
    assert "Olga Other" not in html


def test_no_button_for_visitors_and_pending_teachers(pending_teacher, admin_user):
    from django.contrib.auth.models import AnonymousUser

    entry = make_entry("maison")

    for user in (AnonymousUser(), pending_teacher, admin_user):
        assert "<form" not in render_button(user, entry)


def test_student_page_search_for_teacher_keeps_the_student(teacher_client, student):
    make_entry("maison")

    response = teacher_client.get(
        reverse("vocabulary:dictionary_search"), {"q": "mai", "student": student.pk}
    )

    assertContains(response, f'name="student" value="{student.pk}"')


def test_teacher_search_for_someone_elses_student_is_404(teacher_client, other_student):
    response = teacher_client.get(
        reverse("vocabulary:dictionary_search"), {"q": "mai", "student": other_student.pk}
    )

    assert response.status_code == 404


def test_search_is_not_for_visitors(client):
    response = client.get(reverse("vocabulary:dictionary_search"), {"q": "mai"})

    assert response.status_code == 302
    assertNotContains(response, "maison", status_code=302)


def test_an_entry_waiting_for_moderation_is_neither_found_nor_added(student_client, student):
    entry = make_entry("maisonnette", translations=("домик",))
    Entry.objects.filter(pk=entry.pk).update(status=Entry.Status.PENDING)

    found = student_client.get(reverse("vocabulary:dictionary_search"), {"q": "maisonnette"})
    added = student_client.post(reverse("vocabulary:add_entry", args=[entry.pk]), headers=HX)

    assertNotContains(found, "домик")
    assert added.status_code == 404
    assert not Word.objects.filter(student=student).exists()
