"""The exercise player in a browser: a student does a French gap fill, types an accent with the
accent buttons, checks (an htmx swap) and sees each gap's feedback and the score."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from apps.exercises.models import Exercise, Item, Kind, LibraryState
from apps.projects.models import Language


@pytest.fixture
def french(db) -> Language:
    # The live server's tests empty the database after each one, languages from the migration too.
    language, _created = Language.objects.get_or_create(
        code="fr", defaults={"name": "French", "name_ru": "Французский"}
    )
    return language


@pytest.fixture
def gap_fill(french) -> Exercise:
    exercise = Exercise.objects.create(
        title="Au café",
        instructions="Complétez les phrases.",
        kind=Kind.GAP_FILL,
        language=french,
        tolerance=Exercise.Tolerance.ACCENTS,
        library_state=LibraryState.APPROVED,
    )
    Item.objects.create(
        exercise=exercise,
        position=0,
        data={"text": "Je bois un {café} et je mange une {pomme}."},
        explanation="Un café: the drink.",
    )
    return exercise


def test_a_student_does_a_french_gap_fill(page: Page, base, log_in, student, gap_fill, page_errors):
    log_in(page, student)
    page.goto(f"{base}/exercises/{gap_fill.pk}/play/")

    expect(page.get_by_role("heading", name="Au café")).to_be_visible()
    first = page.get_by_label("Gap 1")
    second = page.get_by_label("Gap 2")
    first.click()
    first.press_sequentially("caf")
    page.get_by_role("button", name="é", exact=True).click()
    expect(first).to_have_value("café")
    expect(first).to_be_focused()  # the accent button kept the cursor in the gap
    second.fill("poire")

    page.get_by_role("button", name="Check").click()

    expect(page.get_by_role("heading", name="Your score: 50%")).to_be_visible()
    expect(page.locator(".ex-gap-right")).to_have_count(1)
    wrong = page.locator(".ex-gap-wrong")
    expect(wrong).to_have_count(1)
    expect(wrong.locator(".ex-gap-answer")).to_have_text("pomme")
    expect(page.get_by_text("Un café: the drink.")).to_be_visible()
    assert gap_fill.attempts.get().score == 50

    page.get_by_role("button", name="Try again").or_(
        page.get_by_role("link", name="Try again")
    ).click()
    expect(page.get_by_label("Gap 1")).to_have_value("")
    assert page_errors == []


@pytest.fixture
def spoken(french) -> Exercise:
    exercise = Exercise.objects.create(
        title="Lisez à voix haute",
        kind=Kind.FREE_ANSWER,
        language=french,
        library_state=LibraryState.APPROVED,
    )
    Item.objects.create(
        exercise=exercise, position=0, data={"prompt": "Bonjour !", "mode": "audio"}
    )
    return exercise


def test_a_student_sends_a_recording(
    page: Page, base, log_in, student, spoken, page_errors, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    log_in(page, student)
    page.goto(f"{base}/exercises/{spoken.pk}/play/")

    page.get_by_label("Or choose a recording").set_input_files(
        files=[{"name": "answer.wav", "mimeType": "audio/wav", "buffer": wav_bytes()}]
    )
    page.get_by_role("button", name="Check").click()

    expect(page.get_by_role("heading", name="Sent to your teacher")).to_be_visible()
    attempt = spoken.attempts.get()
    assert attempt.needs_review
    assert (tmp_path / attempt.answers[str(spoken.items.get().pk)]["audio"]).exists()
    assert page_errors == []


def wav_bytes() -> bytes:
    import io
    import wave

    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\0\0" * 800)
    return buffer.getvalue()


@pytest.fixture
def english(db) -> Language:
    language, _created = Language.objects.get_or_create(
        code="en", defaults={"name": "English", "name_ru": "Английский"}
    )
    return language


def test_word_bank_and_word_order_work_with_the_keyboard(
    page: Page, base, log_in, student, english
):
    drag = Exercise.objects.create(
        title="Travel", kind=Kind.GAP_DRAG, language=english, library_state=LibraryState.APPROVED
    )
    Item.objects.create(
        exercise=drag,
        position=0,
        data={"text": "I {have} been to {Paris}.", "distractors": ["has"]},
    )
    order = Exercise.objects.create(
        title="Order", kind=Kind.WORD_ORDER, language=english, library_state=LibraryState.APPROVED
    )
    Item.objects.create(exercise=order, position=0, data={"answers": ["I am here."]})
    log_in(page, student)

    page.goto(f"{base}/exercises/{drag.pk}/play/")
    page.get_by_role("button", name="have", exact=True).focus()
    page.keyboard.press("Enter")  # pick the word
    page.get_by_role("button", name="Gap 1", exact=True).focus()
    page.keyboard.press("Enter")  # put it in the first gap
    expect(page.get_by_role("button", name="Gap 1: have")).to_be_visible()
    page.get_by_role("button", name="Paris", exact=True).click()
    page.get_by_role("button", name="Gap 2", exact=True).click()
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_role("heading", name="Your score: 100%")).to_be_visible()

    page.goto(f"{base}/exercises/{order.pk}/play/")
    for word in ("I", "am", "here."):
        page.get_by_role("button", name=word, exact=True).click()
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_role("heading", name="Your score: 100%")).to_be_visible()
