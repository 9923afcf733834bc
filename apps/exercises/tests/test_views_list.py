"""The teacher's exercise list: own and library, filters, the category tree, fixed queries."""

from __future__ import annotations

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from apps.exercises.models import Category, Exercise, Kind, LibraryState, Tag

from .factories import make_exercise

URL = reverse("exercises:list")
TF = [{"statement": "S.", "correct": True}]
APPROVED = LibraryState.APPROVED


def titles(response) -> list[str]:
    return sorted(e.title for e in response.context["table"].data)


@pytest.fixture
def grammar():
    root = Category.objects.create(name="Grammar")
    tenses = Category.objects.create(name="Tenses", parent=root)
    perfect = Category.objects.create(name="Present perfect", parent=tenses)
    vocab = Category.objects.create(name="Vocabulary")
    return {"root": root, "tenses": tenses, "perfect": perfect, "vocab": vocab}


def test_it_works(teacher_client, teacher, other_teacher, grammar):
    mine = make_exercise(
        Kind.GAP_FILL,
        [{"text": "{a}"}],
        author=teacher,
        title="My gaps",
        level="A2",
        category=grammar["perfect"],
    )
    make_exercise(Kind.TRUE_FALSE, TF, author=other_teacher, title="Shared", library_state=APPROVED)
    make_exercise(Kind.TRUE_FALSE, TF, author=other_teacher, title="Hidden one")
    make_exercise(Kind.TRUE_FALSE, TF, author=None, title="Platform", library_state=APPROVED)

    response = teacher_client.get(URL)

    assert response.status_code == 200
    assertContains(response, "<h1>Exercises</h1>", html=True)
    assert titles(response) == ["My gaps", "Platform", "Shared"]
    assertNotContains(response, "Hidden one")
    assertContains(response, f'href="{reverse("exercises:detail", args=[mine.pk])}"')
    assertContains(response, "Grammar › Tenses › Present perfect")
    assertContains(response, "gap fill, typed")


def test_mine_and_library_switch(teacher_client, teacher, other_teacher):
    make_exercise(Kind.TRUE_FALSE, TF, author=teacher, title="Mine")
    make_exercise(Kind.TRUE_FALSE, TF, author=other_teacher, title="Theirs", library_state=APPROVED)

    assert titles(teacher_client.get(URL, {"scope": "mine"})) == ["Mine"]
    assert titles(teacher_client.get(URL, {"scope": "library"})) == ["Theirs"]


def test_filters(teacher_client, teacher):
    make_exercise(Kind.TRUE_FALSE, TF, author=teacher, title="English A1", level="A1")
    make_exercise(Kind.TRUE_FALSE, TF, author=teacher, title="French B2", lang="fr", level="B2")
    make_exercise(
        Kind.MATCHING, [{"pairs": [["a", "b"], ["c", "d"]]}], author=teacher, title="Pairs"
    )

    fr = Exercise.objects.get(title="French B2").language_id
    assert titles(teacher_client.get(URL, {"language": fr})) == ["French B2"]
    assert titles(teacher_client.get(URL, {"level": "A1"})) == ["English A1"]
    assert titles(teacher_client.get(URL, {"kind": Kind.MATCHING})) == ["Pairs"]
    assert titles(teacher_client.get(URL, {"q": "french"})) == ["French B2"]


def test_a_category_includes_its_descendants(teacher_client, teacher, grammar):
    make_exercise(Kind.TRUE_FALSE, TF, author=teacher, title="Deep", category=grammar["perfect"])
    make_exercise(Kind.TRUE_FALSE, TF, author=teacher, title="Middle", category=grammar["tenses"])
    make_exercise(Kind.TRUE_FALSE, TF, author=teacher, title="Words", category=grammar["vocab"])

    assert titles(teacher_client.get(URL, {"category": grammar["root"].pk})) == ["Deep", "Middle"]
    assert titles(teacher_client.get(URL, {"category": grammar["perfect"].pk})) == ["Deep"]


def test_tags_show_each_exercise_once(teacher_client, teacher):
    a, b = Tag.objects.create(name="verbs"), Tag.objects.create(name="travel")
    both = make_exercise(Kind.TRUE_FALSE, TF, author=teacher, title="Both")
    both.tags.set([a, b])
    make_exercise(Kind.TRUE_FALSE, TF, author=teacher, title="None")

    response = teacher_client.get(URL, {"tags": [a.pk, b.pk]})

    assert [e.title for e in response.context["table"].data] == ["Both"]


def test_a_bad_filter_value_is_no_error(teacher_client, teacher):
    make_exercise(Kind.TRUE_FALSE, TF, author=teacher, title="Mine")

    response = teacher_client.get(URL, {"category": "abc", "level": "Z9", "tags": "x"})

    assert response.status_code == 200


def test_htmx_returns_the_table(teacher_client, teacher):
    make_exercise(Kind.TRUE_FALSE, TF, author=teacher, title="Mine")

    response = teacher_client.get(URL, headers={"HX-Request": "true"})

    assertContains(response, 'id="exercise-table"')
    assertNotContains(response, "<h1>")


def test_the_new_exercise_button_appears_when_the_builder_exists(teacher_client):
    from django.urls import NoReverseMatch

    response = teacher_client.get(URL)
    try:
        create = reverse("exercises:create")
    except NoReverseMatch:
        assertNotContains(response, "New exercise")
    else:
        assertContains(response, f'href="{create}"')


def make_many(teacher, other_teacher, grammar, count: int, start: int = 0) -> None:
    tag = Tag.objects.get_or_create(name="common")[0]
    for n in range(start, start + count):
        author, state = (teacher, LibraryState.PRIVATE) if n % 2 else (other_teacher, APPROVED)
        exercise = make_exercise(
            Kind.TRUE_FALSE,
            TF,
            author=author,
            title=f"Exercise {n}",
            library_state=state,
            category=grammar["perfect"],
        )
        exercise.tags.add(tag)


def test_the_query_count_does_not_grow(
    teacher_client, teacher, other_teacher, grammar, django_assert_max_num_queries
):
    make_many(teacher, other_teacher, grammar, 3)
    teacher_client.get(URL)  # warm up the session and the language cache
    with django_assert_max_num_queries(12) as few:
        teacher_client.get(URL)
    make_many(teacher, other_teacher, grammar, 20, start=3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = teacher_client.get(URL)
    assert len(response.context["table"].page.object_list) == 23
