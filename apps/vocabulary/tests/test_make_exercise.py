"""One click turns a student's list into the teacher's private exercise."""

from __future__ import annotations

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from apps.exercises import checking
from apps.exercises.models import Exercise, Kind, LibraryState
from apps.projects.tests.factories import make_project
from apps.vocabulary.exercises import CannotBuild, exercise_from_words, gap_text
from apps.vocabulary.models import WordList

from .factories import make_word

HTMX = {"HX-Request": "true"}


@pytest.fixture
def food(student):
    food = WordList.objects.create(student=student, name="Food")
    make_word(student, "le pain", "хлеб", word_list=food, gender="m", context="J'achète du pain.")
    make_word(student, "la pomme", "яблоко", word_list=food, context="Une pomme par jour.")
    make_word(
        student, "l'eau", "вода", word_list=food, gender="f", context="De l'eau, s'il vous plaît."
    )
    make_word(student, "le fromage", "сыр", word_list=food, gender="m")  # no sentence
    make_word(student, "la maison", "дом")  # not in the list
    return food


def url(student) -> str:
    return reverse("vocabulary:student_exercise", args=[student.pk])


def test_matching_from_a_list(teacher_client, teacher, student, food):
    response = teacher_client.post(url(student), {"word_list": food.pk, "kind": "matching"})

    exercise = Exercise.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("exercises:detail", args=[exercise.pk])
    assert (exercise.author, exercise.library_state) == (teacher, LibraryState.PRIVATE)
    assert (exercise.kind, exercise.language.code) == (Kind.MATCHING, "fr")
    assert exercise.title == "Food: Match the translations"
    pairs = exercise.items.get().data["pairs"]
    assert sorted(pairs) == sorted(
        [["le pain", "хлеб"], ["la pomme", "яблоко"], ["l'eau", "вода"], ["le fromage", "сыр"]]
    )
    # The teacher can open it, and a student doing it is marked right with these pairs.
    assert teacher_client.get(response["Location"]).status_code == 200
    item = exercise.items.get()
    right = {str(item.pk): list(range(len(pairs)))}  # each left side with its own right side
    assert checking.check(exercise, right, [item]).results[0]["status"] == checking.RIGHT


def test_gender_sort_from_a_list(teacher_client, student, food):
    teacher_client.post(url(student), {"word_list": food.pk, "kind": "gender"})

    exercise = Exercise.objects.get()
    assert exercise.kind == Kind.CATEGORISE
    assert exercise.items.get().data["groups"] == [
        {"name": "le", "items": ["pain", "fromage"]},
        {"name": "la", "items": ["pomme", "eau"]},
    ]


def test_gap_fill_from_the_sentences(teacher_client, student, food):
    teacher_client.post(url(student), {"word_list": food.pk, "kind": "gaps"})

    exercise = Exercise.objects.get()
    assert exercise.kind == Kind.GAP_FILL
    texts = [item.data["text"] for item in exercise.items.all()]
    assert sorted(texts) == sorted(
        ["J'achète du {pain}.", "Une {pomme} par jour.", "De l'{eau}, s'il vous plaît."]
    )


def test_all_words_when_no_list_is_chosen(teacher_client, student, food):
    teacher_client.post(url(student), {"word_list": "", "kind": "matching"})

    exercise = Exercise.objects.get()
    assert exercise.title == "Sasha Student's words: Match the translations"
    assert len(exercise.items.get().data["pairs"]) == 5


def test_htmx_shows_links_to_the_exercise_and_homework(teacher_client, teacher, student, food):
    project = make_project(teacher, students=(student,), language="fr")

    response = teacher_client.post(
        url(student), {"word_list": food.pk, "kind": "matching"}, headers=HTMX
    )

    exercise = Exercise.objects.get()
    assertContains(response, "The exercise “Food: Match the translations” is made.")
    assertContains(response, reverse("exercises:detail", args=[exercise.pk]))
    homework = reverse("homework:create") + f"?project={project.pk}&amp;student={student.pk}"
    assertContains(response, homework)
    form = teacher_client.get(reverse("homework:create"), {"project": project.pk})
    assertContains(form, "Food: Match the translations")  # it can be ticked as homework


def test_words_that_cannot_make_the_exercise_say_so(teacher_client, student):
    english = WordList.objects.create(student=student, name="Verbs")
    make_word(student, "to go", "идти", code="en", word_list=english)
    make_word(student, "to see", "видеть", code="en", word_list=english)

    response = teacher_client.post(
        url(student), {"word_list": english.pk, "kind": "gender"}, headers=HTMX
    )

    assertContains(response, "The gender sort needs at least two French nouns with le or la.")
    response = teacher_client.post(
        url(student), {"word_list": english.pk, "kind": "gaps"}, headers=HTMX
    )
    assertContains(response, "None of these words has an example sentence that contains it")
    assert not Exercise.objects.exists()


def test_bad_input_changes_nothing(teacher_client, student, food):
    response = teacher_client.post(url(student), {"word_list": food.pk, "kind": "essay"})

    assert response.status_code == 302
    assert response["Location"] == reverse("vocabulary:student", args=[student.pk])
    page = teacher_client.get(response["Location"])
    assertContains(page, "Select a valid choice")
    assert not Exercise.objects.exists()


def test_another_students_list_is_refused(teacher_client, student, other_student):
    theirs = WordList.objects.create(student=other_student, name="Theirs")

    response = teacher_client.post(
        url(student), {"word_list": theirs.pk, "kind": "matching"}, headers=HTMX
    )

    assertContains(response, "Choose one of the student&#x27;s lists.")
    assert not Exercise.objects.exists()


def test_it_checks_ownership(client, other_teacher, student, food):
    client.force_login(other_teacher)

    response = client.post(url(student), {"word_list": food.pk, "kind": "matching"})

    assert response.status_code == 404
    assert not Exercise.objects.exists()


def test_students_are_refused(student_client, student, food):
    response = student_client.post(url(student), {"word_list": food.pk, "kind": "matching"})

    assert response.status_code == 403


def test_it_rejects_get(teacher_client, student):
    assert teacher_client.get(url(student)).status_code == 405


def test_the_language_most_words_are_in(teacher, student):
    words = [
        make_word(student, "the cat", "кошка", code="en"),
        make_word(student, "le chat", "кошка"),
        make_word(student, "le chien", "собака"),
    ]

    exercise = exercise_from_words(teacher=teacher, student=student, words=words, kind="matching")

    assert exercise.language.code == "fr"
    assert [p[0] for p in exercise.items.get().data["pairs"]] == ["le chat", "le chien"]


def test_one_word_is_not_enough(teacher, student):
    with pytest.raises(CannotBuild, match="at least two words"):
        exercise_from_words(
            teacher=teacher, student=student, words=[make_word(student)], kind="matching"
        )


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        ("l'école", "Les enfants vont à l'école.", "Les enfants vont à l'{école}."),
        ("la maison", "LA MAISON est grande.", "LA {MAISON} est grande."),
        ("le cœur", "Mon coeur {bat}.", "Mon {coeur} \\{bat\\}."),
        ("to borrow", "Can I borrow your pen?", "Can I {borrow} your pen?"),
        ("quite", "It is quiet.", None),
        ("le pain", "", None),
    ],
)
def test_gap_text(student, text, context, expected):
    assert gap_text(make_word(student, text, "x", context=context)) == expected
