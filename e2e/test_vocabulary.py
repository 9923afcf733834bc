"""A student adds a word, reviews it with the keyboard, and sees it scheduled."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from apps.accounts.models import User
from apps.dictionary.sample_data import load_sample
from apps.projects.tests.factories import make_project
from apps.scheduling.models import Lesson
from apps.vocabulary import services
from apps.vocabulary.models import CardState, Word, WordList


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


def test_from_the_dictionary_entry_to_a_review_that_moves_the_due_date(
    page: Page, base: str, log_in, page_errors: list[str], student: User, languages
):
    load_sample()  # the bundled sample dictionary has "école"
    log_in(page, student)
    page.goto(base + "/dictionary/?q=ecole&language=&pos=")
    page.locator("#dictionary-results").get_by_role("link", name="l'école (f.)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("l'école")

    page.get_by_role("button", name="Add to my words").click()
    expect(page.get_by_text("“l'école” is added to your words.")).to_be_visible()
    word = Word.objects.get(student=student)
    assert (word.text, word.gender, word.context) == (
        "l'école",
        "f",
        "Les enfants vont à l'école.",  # the entry's example sentence comes with it
    )
    added_due = word.due

    page.get_by_role("link", name="My words").first.click()
    row = page.locator(f"#word-{word.pk}")
    expect(row.get_by_text("due now")).to_be_visible()
    expect(row.get_by_text("Les enfants vont à l'école.")).to_be_visible()

    page.get_by_role("button", name="Review: 1 due").click()
    card = page.locator("#review")
    expect(card.get_by_text("l'école", exact=True)).to_be_visible()
    card.get_by_role("button", name="Show the answer").click()
    expect(card.get_by_text("school", exact=True)).to_be_visible()  # in the student's language
    card.get_by_role("button", name="Good").click()  # a learning step: shown again at once
    card.get_by_role("button", name="Show the answer").click()
    card.get_by_role("button", name="Good").click()
    expect(card.get_by_text("You reviewed 2 words.")).to_be_visible()

    card.get_by_role("button", name="Back to my words").click()
    row = page.locator(f"#word-{word.pk}")
    expect(row.get_by_text("due now")).to_have_count(0)
    shown = datetime.fromisoformat(row.locator("time").get_attribute("datetime"))
    word.refresh_from_db()
    assert shown == word.due
    expect(row.locator("time")).to_have_text(f"{shown.day} {shown:%b, %H:%M}")  # local time
    assert word.due - added_due > timedelta(days=1)  # FSRS moved it days ahead
    expect(row.get_by_text("learned")).to_be_visible()
    assert page_errors == []


def test_teacher_sees_the_warm_up_and_makes_an_exercise_from_a_list(
    page: Page, base: str, log_in, page_errors: list[str], teacher: User, student: User, french
):
    project = make_project(teacher, students=(student,), language="fr", title="French A2")
    start = timezone.now() + timedelta(days=6)
    Lesson.objects.create(project=project, start=start, end=start + timedelta(hours=1))
    food = WordList.objects.create(student=student, name="Food", project=project)
    for text, translation, gender in [
        ("le pain", "хлеб", "m"),
        ("la pomme", "яблоко", "f"),
        ("le fromage", "сыр", "m"),
    ]:
        word = Word.objects.create(
            student=student,
            text=text,
            translation=translation,
            language=french,
            gender=gender,
            word_list=food,
        )
        services.word_review(word=word, rating=3, mode="recognise")  # learning, reviewed once
    log_in(page, teacher)
    page.goto(base + f"/words/student/{student.pk}/")

    warm_up = page.locator("#warm-up")
    expect(warm_up).to_contain_text("French A2")
    expect(warm_up.get_by_role("row")).to_have_count(4)  # the header and the three words

    make = page.locator("#make-exercise")
    make.get_by_label("Words").select_option(label="Food")
    make.get_by_role("button", name="Sort the nouns: le or la").click()
    result = page.locator("#exercise-result")
    expect(result).to_contain_text("The exercise “Food: Sort the nouns: le or la” is made.")
    result.get_by_role("link", name="Give it as homework").click()
    expect(page.get_by_text("Food: Sort the nouns: le or la")).to_be_visible()
    assert page_errors == []
