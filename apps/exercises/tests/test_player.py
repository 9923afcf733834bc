"""The player: every kind answered right and wrong through the form, feedback, score, the
stored attempt, answers kept out of the page before checking, bad input, htmx fragments."""

from __future__ import annotations

import io
import wave

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from apps.exercises.models import Attempt, Exercise, Kind, LibraryState
from apps.exercises.views import START_SALT

from .factories import first_item, make_exercise

HTMX = {"HTTP_HX_REQUEST": "true"}
LIBRARY = LibraryState.APPROVED


def play_url(exercise: Exercise) -> str:
    return reverse("exercises:play", args=[exercise.pk])


def post(client, exercise: Exercise, data: dict, **extra):
    return client.post(play_url(exercise), data, **extra)


def p(exercise: Exercise) -> str:
    return f"i{first_item(exercise).pk}"


def last_attempt(student) -> Attempt:
    return Attempt.objects.filter(student=student).latest("pk")


# ---------------------------------------------------------------- each kind, right and wrong


def test_single_choice(student_client, student):
    ex = make_exercise(
        Kind.SINGLE_CHOICE,
        [{"question": "Capital of France?", "choices": ["Lyon", "Paris", "Nice"], "correct": [1]}],
        library_state=LIBRARY,
    )
    page = student_client.get(play_url(ex))
    assertContains(page, 'type="radio"', count=3)
    assertContains(page, "Capital of France?")

    right = post(student_client, ex, {p(ex): "1"})
    assertContains(right, "Your score: 100%")
    assertContains(right, "Right")
    assert last_attempt(student).score == 100

    wrong = post(student_client, ex, {p(ex): "0"})
    assertContains(wrong, "Your score: 0%")
    assertContains(wrong, "Correct answer:")
    assertContains(wrong, "<strong>Paris</strong>", html=True)
    assert last_attempt(student).score == 0
    assert last_attempt(student).answers == {str(first_item(ex).pk): 0}


def test_multiple_choice(student_client, student):
    ex = make_exercise(
        Kind.MULTIPLE_CHOICE,
        [{"question": "Fruits?", "choices": ["apple", "chair", "pear"], "correct": [0, 2]}],
        library_state=LIBRARY,
    )
    assertContains(student_client.get(play_url(ex)), 'type="checkbox"', count=3)

    right = post(student_client, ex, {p(ex): ["0", "2"]})
    assertContains(right, "Your score: 100%")

    partial = post(student_client, ex, {p(ex): ["0"]})
    assertContains(partial, "Partly right")
    assertContains(partial, "Your score: 50%")
    assert last_attempt(student).answers == {str(first_item(ex).pk): [0]}


def test_true_false(student_client, student):
    ex = make_exercise(
        Kind.TRUE_FALSE,
        [{"statement": "Paris is in France.", "correct": True}],
        library_state=LIBRARY,
    )
    assertContains(post(student_client, ex, {p(ex): "true"}), "Your score: 100%")
    wrong = post(student_client, ex, {p(ex): "false"})
    assertContains(wrong, "Your score: 0%")
    assertContains(wrong, "Wrong")
    assert last_attempt(student).answers == {str(first_item(ex).pk): False}


def test_gap_fill_marks_each_gap(student_client, student):
    ex = make_exercise(
        Kind.GAP_FILL,
        [{"text": "I {have|'ve} been to Paris {twice}."}],
        library_state=LIBRARY,
    )
    page = student_client.get(play_url(ex))
    assertContains(page, 'type="text"', count=2)
    assertContains(page, 'aria-label="Gap 1"')

    response = post(student_client, ex, {f"{p(ex)}-g0": "have", f"{p(ex)}-g1": "once"})

    assertContains(response, "Your score: 50%")
    assertContains(response, "Partly right")
    assertContains(response, 'class="ex-gap ex-gap-right"')
    assertContains(response, 'class="ex-gap ex-gap-wrong"')
    assertContains(response, '<span class="ex-gap-answer">twice</span>', html=True)
    assertContains(response, 'value="once"')  # the student's answer stays in view
    attempt = last_attempt(student)
    assert attempt.answers == {str(first_item(ex).pk): ["have", "once"]}
    assert attempt.results[0]["status"] == "partial"


def test_gap_fill_warns_about_missing_accents(student_client):
    ex = make_exercise(
        Kind.GAP_FILL,
        [{"text": "J'aime l'{école}."}],
        lang="fr",
        tolerance=Exercise.Tolerance.ACCENTS,
        library_state=LIBRARY,
    )
    response = post(student_client, ex, {f"{p(ex)}-g0": "ecole"})

    assertContains(response, "Your score: 100%")
    assertContains(response, "Mind the accents: “ecole” is written “école”.")


def test_gap_select(student_client, student):
    ex = make_exercise(
        Kind.GAP_SELECT, [{"text": "She {*goes|go|going} to school."}], library_state=LIBRARY
    )
    page = student_client.get(play_url(ex))
    assertContains(page, "<option>going</option>", html=True)
    assertNotContains(page, "*goes")

    assertContains(post(student_client, ex, {f"{p(ex)}-g0": "goes"}), "Your score: 100%")
    assertContains(post(student_client, ex, {f"{p(ex)}-g0": "go"}), "Your score: 0%")


def test_gap_drag_has_a_word_bank_and_a_select_fallback(student_client, student):
    ex = make_exercise(
        Kind.GAP_DRAG,
        [{"text": "I {have} been to {Paris}.", "distractors": ["has", "London"]}],
        library_state=LIBRARY,
    )
    page = student_client.get(play_url(ex))
    for word in ("have", "Paris", "has", "London"):
        assertContains(page, f'data-word="{word}"')
    assertContains(page, "data-gap", count=2)

    right = post(student_client, ex, {f"{p(ex)}-g0": "have", f"{p(ex)}-g1": "Paris"})
    assertContains(right, "Your score: 100%")
    wrong = post(student_client, ex, {f"{p(ex)}-g0": "has", f"{p(ex)}-g1": "Paris"})
    assertContains(wrong, "Your score: 50%")
    assert last_attempt(student).answers == {str(first_item(ex).pk): ["has", "Paris"]}


def test_matching(student_client, student):
    ex = make_exercise(
        Kind.MATCHING,
        [{"pairs": [["cat", "кошка"], ["dog", "собака"], ["cow", "корова"]]}],
        library_state=LIBRARY,
    )
    assertContains(student_client.get(play_url(ex)), f'name="{p(ex)}-m2"')

    right = post(student_client, ex, {f"{p(ex)}-m0": "0", f"{p(ex)}-m1": "1", f"{p(ex)}-m2": "2"})
    assertContains(right, "Your score: 100%")
    wrong = post(student_client, ex, {f"{p(ex)}-m0": "1", f"{p(ex)}-m1": "0", f"{p(ex)}-m2": "2"})
    assertContains(wrong, "Your score: 33%")
    assertContains(wrong, "right: кошка")
    assert last_attempt(student).answers == {str(first_item(ex).pk): [1, 0, 2]}


def test_word_order(student_client, student):
    ex = make_exercise(
        Kind.WORD_ORDER,
        [{"answers": ["I have never been there.", "Never have I been there."]}],
        library_state=LIBRARY,
    )
    page = student_client.get(play_url(ex))
    assertContains(page, "data-tile=", count=5)
    assertContains(page, f'name="{p(ex)}-w4"')

    words = ["Never", "have", "I", "been", "there."]
    right = post(student_client, ex, {f"{p(ex)}-w{n}": w for n, w in enumerate(words)})
    assertContains(right, "Your score: 100%")
    words = ["I", "have", "been", "never", "there."]
    wrong = post(student_client, ex, {f"{p(ex)}-w{n}": w for n, w in enumerate(words)})
    assertContains(wrong, "Your score: 0%")
    assertContains(wrong, "I have never been there. / Never have I been there.")
    assert last_attempt(student).answers == {str(first_item(ex).pk): words}


def test_categorise(student_client, student):
    ex = make_exercise(
        Kind.CATEGORISE,
        [
            {
                "groups": [
                    {"name": "le", "items": ["livre", "musée"]},
                    {"name": "la", "items": ["maison"]},
                ]
            }
        ],
        lang="fr",
        library_state=LIBRARY,
    )
    page = student_client.get(play_url(ex))
    assertContains(page, f'name="{p(ex)}-c2"')

    right = post(student_client, ex, {f"{p(ex)}-c0": "0", f"{p(ex)}-c1": "0", f"{p(ex)}-c2": "1"})
    assertContains(right, "Your score: 100%")
    wrong = post(student_client, ex, {f"{p(ex)}-c0": "1", f"{p(ex)}-c1": "0", f"{p(ex)}-c2": "1"})
    assertContains(wrong, "Your score: 67%")
    assert last_attempt(student).answers == {str(first_item(ex).pk): [1, 0, 1]}


def test_free_answer_text_waits_for_the_teacher(student_client, student):
    ex = make_exercise(
        Kind.FREE_ANSWER,
        [{"prompt": "Describe your holiday.", "mode": "essay"}],
        library_state=LIBRARY,
    )
    assertContains(student_client.get(play_url(ex)), "<textarea")

    response = post(student_client, ex, {f"{p(ex)}-text": "I went to the sea."})

    assertContains(response, "Sent to your teacher")
    assertContains(response, "your teacher will mark this answer")
    attempt = last_attempt(student)
    assert attempt.needs_review and attempt.score is None
    assert attempt.answers == {str(first_item(ex).pk): {"text": "I went to the sea."}}


def wav_bytes() -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\0\0" * 800)
    return buffer.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_free_answer_audio_upload_is_stored(student_client, student, media):
    ex = make_exercise(
        Kind.FREE_ANSWER, [{"prompt": "Read it aloud.", "mode": "audio"}], library_state=LIBRARY
    )
    page = student_client.get(play_url(ex))
    assertContains(page, 'enctype="multipart/form-data"')
    assertContains(page, "data-recorder")

    upload = SimpleUploadedFile("answer.wav", wav_bytes(), content_type="audio/wav")
    response = post(student_client, ex, {f"{p(ex)}-audio": upload})

    assertContains(response, "Sent to your teacher")
    path = last_attempt(student).answers[str(first_item(ex).pk)]["audio"]
    assert path.endswith(".wav")
    assert (media / path).exists()


def test_an_upload_that_is_not_audio_is_refused(student_client, student, media):
    ex = make_exercise(
        Kind.FREE_ANSWER, [{"prompt": "Read it aloud.", "mode": "audio"}], library_state=LIBRARY
    )
    upload = SimpleUploadedFile(
        "answer.mp3", b"MZ\x90\x00 not a sound at all", content_type="audio/mpeg"
    )

    response = post(student_client, ex, {f"{p(ex)}-audio": upload})

    assert response.status_code == 200
    assertContains(response, "This file is not a recording we can play.")
    assert not Attempt.objects.exists()
    assert not list(media.rglob("*.mp3"))


def test_an_oversized_upload_is_refused(student_client, media, settings):
    ex = make_exercise(
        Kind.FREE_ANSWER, [{"prompt": "Read it aloud.", "mode": "audio"}], library_state=LIBRARY
    )
    big = wav_bytes() + b"\0" * (10 * 1024 * 1024)
    upload = SimpleUploadedFile("answer.wav", big, content_type="audio/wav")

    response = post(student_client, ex, {f"{p(ex)}-audio": upload})

    assertContains(response, "The recording is too large: at most 10 MB, please.")
    assert not Attempt.objects.exists()


# ---------------------------------------------------------------- the answers stay hidden


@pytest.mark.parametrize(
    ("kind", "data", "secret"),
    [
        (Kind.GAP_FILL, {"text": "Paris is {beautiful|lovely} in spring."}, "beautiful"),
        (Kind.WORD_ORDER, {"answers": ["Never have I seen it."]}, "Never have I seen it."),
        (Kind.TRUE_FALSE, {"statement": "Cats bark.", "correct": False}, "checked"),
        (
            Kind.SINGLE_CHOICE,
            {"question": "2+2?", "choices": ["3", "4"], "correct": [1]},
            "correct",
        ),
    ],
)
def test_the_page_does_not_hold_the_answers_before_checking(student_client, kind, data, secret):
    ex = make_exercise(kind, [data], library_state=LIBRARY)
    item = first_item(ex)
    item.explanation = "Because of the secret rule."
    item.save()

    page = student_client.get(play_url(ex))

    assertNotContains(page, secret)
    assertNotContains(page, "Because of the secret rule.")
    assertNotContains(page, "Correct answer")


def test_the_explanation_comes_after_checking(student_client):
    ex = make_exercise(Kind.GAP_FILL, [{"text": "Paris is {lovely}."}], library_state=LIBRARY)
    item = first_item(ex)
    item.explanation = "Lovely is an adjective."
    item.save()

    response = post(student_client, ex, {f"{p(ex)}-g0": "ugly"})

    assertContains(response, "Lovely is an adjective.")
    assertContains(response, "Try again")


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "field,value",
    [("", "7"), ("", "x"), ("", "-1")],
)
def test_bad_choice_is_a_message_not_an_error(student_client, field, value):
    ex = make_exercise(
        Kind.SINGLE_CHOICE,
        [{"question": "Q?", "choices": ["a", "b"], "correct": [0]}],
        library_state=LIBRARY,
    )
    response = post(student_client, ex, {p(ex) + field: value})

    assert response.status_code == 200
    assertContains(response, "The form was sent in a way it cannot be read.")
    assert not Attempt.objects.exists()


def test_too_long_text_is_refused(student_client):
    ex = make_exercise(Kind.GAP_FILL, [{"text": "A {b}."}], library_state=LIBRARY)

    response = post(student_client, ex, {f"{p(ex)}-g0": "x" * 5000})

    assert response.status_code == 200
    assertContains(response, "An answer is too long")
    assert not Attempt.objects.exists()


def test_empty_answers_are_wrong_not_errors(student_client, student):
    ex = make_exercise(Kind.GAP_FILL, [{"text": "A {b}."}], library_state=LIBRARY)

    response = post(student_client, ex, {})

    assertContains(response, "Your score: 0%")
    assert last_attempt(student).score == 0


# ---------------------------------------------------------------- time, history, htmx


def test_the_start_time_is_recorded(student_client, student):
    ex = make_exercise(
        Kind.TRUE_FALSE, [{"statement": "S.", "correct": True}], library_state=LIBRARY
    )
    started = timezone.now() - timezone.timedelta(minutes=3)
    token = signing.dumps(int(started.timestamp()), salt=START_SALT)

    response = post(student_client, ex, {p(ex): "true", "started": token})

    attempt = last_attempt(student)
    assert 175 <= attempt.duration_seconds <= 185
    assertContains(response, "Time: 3 min")


def test_a_forged_start_time_is_ignored(student_client, student):
    ex = make_exercise(
        Kind.TRUE_FALSE, [{"statement": "S.", "correct": True}], library_state=LIBRARY
    )

    post(student_client, ex, {p(ex): "true", "started": "12345:forged"})

    assert last_attempt(student).started_at is None


def test_the_player_shows_best_and_last(student_client):
    ex = make_exercise(
        Kind.TRUE_FALSE, [{"statement": "S.", "correct": True}], library_state=LIBRARY
    )
    post(student_client, ex, {p(ex): "true"})
    post(student_client, ex, {p(ex): "false"})

    page = student_client.get(play_url(ex))

    assertContains(page, "Your best: 100%")
    assertContains(page, "last time: 0%")


def test_htmx_check_returns_the_form_only(student_client):
    ex = make_exercise(
        Kind.TRUE_FALSE, [{"statement": "S.", "correct": True}], library_state=LIBRARY
    )

    response = post(student_client, ex, {p(ex): "true"}, **HTMX)

    assertContains(response, 'id="player"')
    assertContains(response, "Your score: 100%")
    assertNotContains(response, "<html")
    assertContains(response, f'hx-get="{play_url(ex)}"')  # Try again


def test_french_gap_fill_has_accent_buttons(student_client):
    fr = make_exercise(Kind.GAP_FILL, [{"text": "Le {café}."}], lang="fr", library_state=LIBRARY)
    en = make_exercise(Kind.GAP_FILL, [{"text": "The {cafe}."}], library_state=LIBRARY)

    assertContains(student_client.get(play_url(fr)), 'data-accent="é"')
    assertNotContains(student_client.get(play_url(en)), "data-accent=")


def test_a_teacher_trying_it_stores_nothing(teacher_client, teacher):
    ex = make_exercise(Kind.TRUE_FALSE, [{"statement": "S.", "correct": True}], author=teacher)

    response = post(teacher_client, ex, {p(ex): "true"})

    assertContains(response, "Your score: 100%")
    assertContains(response, "nothing is saved")
    assert not Attempt.objects.exists()


def test_it_rejects_other_methods(student_client):
    ex = make_exercise(
        Kind.TRUE_FALSE, [{"statement": "S.", "correct": True}], library_state=LIBRARY
    )
    assert student_client.put(play_url(ex)).status_code == 405


# ---------------------------------------------------------------- the item partial (shared with the builder)

ALL_KINDS = [
    (Kind.SINGLE_CHOICE, {"question": "Q?", "choices": ["a", "b"], "correct": [0]}),
    (Kind.MULTIPLE_CHOICE, {"question": "Q?", "choices": ["a", "b"], "correct": [0, 1]}),
    (Kind.TRUE_FALSE, {"statement": "S.", "correct": True}),
    (Kind.GAP_FILL, {"text": "A {secretword}."}),
    (Kind.GAP_SELECT, {"text": "A {*b|c}."}),
    (Kind.GAP_DRAG, {"text": "A {b}.", "distractors": ["c"]}),
    (Kind.MATCHING, {"pairs": [["a", "b"], ["c", "d"]]}),
    (Kind.WORD_ORDER, {"answers": ["a b c"]}),
    (Kind.CATEGORISE, {"groups": [{"name": "x", "items": ["a"]}, {"name": "y", "items": ["b"]}]}),
    (Kind.FREE_ANSWER, {"prompt": "Write.", "mode": "text"}),
    (Kind.FREE_ANSWER, {"prompt": "Say.", "mode": "audio"}),
]


@pytest.mark.parametrize(("kind", "data"), ALL_KINDS)
def test_the_item_partial_renders_with_item_and_view_only(db, kind, data):
    from django.template.loader import render_to_string

    from apps.exercises import kinds

    item = first_item(make_exercise(kind, [data]))
    html = render_to_string(
        "exercises/_item.html", {"item": item, "view": kinds.public_item_view(item)}
    )

    assert f'id="item-{item.pk}"' in html
    assert "secretword" not in html
    assert "ex-feedback" not in html


@pytest.mark.parametrize(("kind", "data"), ALL_KINDS)
def test_every_kind_checks_without_answers(student_client, student, kind, data):
    ex = make_exercise(kind, [data], library_state=LIBRARY)

    response = post(student_client, ex, {})

    assert response.status_code == 200
    assertContains(response, "ex-feedback")
    assert Attempt.objects.filter(student=student, exercise=ex).exists()


def test_a_refused_form_keeps_the_start_time(student_client):
    ex = make_exercise(Kind.GAP_FILL, [{"text": "A {b}."}], library_state=LIBRARY)
    token = signing.dumps(int(timezone.now().timestamp()) - 60, salt=START_SALT)

    response = post(student_client, ex, {f"{p(ex)}-g0": "x" * 5000, "started": token})

    assertContains(response, f'name="started" value="{token}"')


def test_try_again_gives_an_empty_form(student_client):
    ex = make_exercise(Kind.GAP_FILL, [{"text": "A {b}."}], library_state=LIBRARY)
    post(student_client, ex, {f"{p(ex)}-g0": "zzz"})

    response = student_client.get(play_url(ex), **HTMX)

    assertContains(response, 'id="player"')
    assertNotContains(response, "zzz")
    assertNotContains(response, "ex-feedback")
    assertContains(response, "Check")


def test_the_player_query_count_does_not_grow_with_items(
    student_client, django_assert_max_num_queries
):
    small = make_exercise(Kind.GAP_FILL, [{"text": "A {b}."}] * 2, library_state=LIBRARY)
    large = make_exercise(Kind.GAP_FILL, [{"text": "A {b}."}] * 30, library_state=LIBRARY)
    student_client.get(play_url(small))
    with django_assert_max_num_queries(10) as few:
        student_client.get(play_url(small))
    with django_assert_max_num_queries(len(few.captured_queries)):
        student_client.get(play_url(large))
    with django_assert_max_num_queries(len(few.captured_queries) + 8):
        post(student_client, large, {})
