"""A student adds a word, reviews it with the keyboard, and sees it scheduled."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from apps.accounts.models import User
from apps.vocabulary.models import CardState, Word


def test_add_review_and_see_it_scheduled(
    page: Page, base: str, log_in, page_errors: list[str], student: User, french
):
    log_in(page, student)
    page.goto(base + "/words/")
    expect(page.get_by_text("No words yet.")).to_be_visible()

    form = page.locator("#add-word-form")
    form.get_by_label("Word or phrase").fill("le café")
    form.get_by_label("Translation").fill("кофе")
    form.get_by_label("Language").select_option(label="French")
    form.get_by_role("button", name="Add the word").click()

    expect(page.get_by_text("“le café” is added to your words.")).to_be_visible()
    table = page.locator("#words")
    expect(table.get_by_text("le café")).to_be_visible()  # the table refreshed by itself
    expect(table.get_by_text("due now")).to_be_visible()

    page.get_by_role("button", name="Review: 1 due").click()
    card = page.locator("#review")
    expect(card.get_by_text("le café")).to_be_visible()
    page.keyboard.press(" ")  # shows the answer
    expect(card.get_by_text("кофе")).to_be_visible()
    expect(card.get_by_role("button", name="Good")).to_contain_text("10 min")
    page.keyboard.press("3")  # Good: the second learning step, asked again at once
    expect(card.get_by_role("button", name="Show the answer")).to_be_focused()
    page.keyboard.press(" ")
    expect(card.get_by_role("button", name="Good")).to_contain_text("day")
    page.keyboard.press("3")

    expect(card.get_by_text("Done for now")).to_be_visible()
    expect(card.get_by_text("You reviewed 2 words.")).to_be_visible()
    word = Word.objects.get(student=student)
    assert word.state == CardState.REVIEW

    page.get_by_role("button", name="Back to my words").click()
    expect(page.locator("#words").get_by_text("due now")).to_have_count(0)
    expect(page.locator("#words").get_by_text("learned")).to_be_visible()
    assert page_errors == []


def test_type_the_answer_notes_accents(
    page: Page, base: str, log_in, page_errors: list[str], student: User, french
):
    Word.objects.create(student=student, text="l'élève", translation="ученик", language=french)
    log_in(page, student)
    page.goto(base + "/words/review/?mode=type")

    page.get_by_label("Type the word").fill("eleve")
    page.get_by_role("button", name="Check").click()

    card = page.locator("#review")
    expect(card.get_by_text("Right, but check the accents.")).to_be_visible()
    expect(card.get_by_role("button", name="Hard")).to_be_focused()
    assert page_errors == []
