"""Issue 5 end to end, through the pages only: a teacher builds a French gap fill with the gap
markup and a free-answer exercise, previews them, and gives both as homework from the lesson in
the calendar (due before the next lesson); the student opens it from Homework, types the answers
(one letter from the accent buttons), checks, sees each gap's mark and the score, writes the free
answer and hands the homework in; the teacher sees the result on the lesson and marks the free
answer in the review queue; the student then sees the mark.

Only the starting point is made directly: the teacher, the student, their French project and two
lessons. The live server runs in another thread, so "now" is the real time.
"""

from __future__ import annotations

import re
from datetime import timedelta

from playwright.sync_api import Page, expect

from apps.accounts.models import User
from apps.exercises.models import Attempt, Exercise
from apps.homework.models import Homework, HomeworkState
from apps.projects.models import Level
from apps.scheduling import services as scheduling

GAP_TEXT = "Hier, je {suis} allé à l'{école}, puis nous {avons} mangé au {café}."
PROMPT = "Racontez votre week-end en trois phrases."


def _nav(page: Page, name: str):
    return page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True)


def _switch_to(page: Page, log_in, user: User) -> None:
    page.context.clear_cookies()
    log_in(page, user)


def _build_gap_fill(page: Page, french) -> Exercise:
    _nav(page, "Exercises").click()
    page.get_by_role("button", name="New exercise").click()
    page.locator("#id_kind").select_option("gap_fill")
    page.get_by_label("Title").fill("Le passé composé")
    page.get_by_label("Instructions").fill("Complétez les phrases.")
    page.locator("#id_language").select_option(str(french.pk))
    page.locator("#id_tolerance").select_option("accents")
    page.get_by_role("button", name="Create and add items").click()
    expect(page.get_by_role("heading", name="Le passé composé", level=1)).to_be_visible()

    # The markup in one box; the live preview shows the gaps, never the answers.
    page.get_by_label("Text with gaps").fill(GAP_TEXT)
    preview = page.locator("#build-preview")
    expect(preview.get_by_label("Gap 4")).to_be_visible()
    expect(preview).to_contain_text("allé à l'")
    expect(preview).to_contain_text("Complétez les phrases.")
    expect(preview).not_to_contain_text("école")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("The exercise is saved.")).to_be_visible()
    exercise = Exercise.objects.get(title="Le passé composé")
    assert exercise.tolerance == Exercise.Tolerance.ACCENTS
    assert [item.data["text"] for item in exercise.items.all()] == [GAP_TEXT]
    return exercise


def _build_free_answer(page: Page, french) -> Exercise:
    _nav(page, "Exercises").click()
    page.get_by_role("button", name="New exercise").click()
    page.locator("#id_kind").select_option("free_answer")
    page.get_by_label("Title").fill("Mon week-end")
    page.locator("#id_language").select_option(str(french.pk))
    page.get_by_role("button", name="Create and add items").click()
    expect(page.get_by_role("heading", name="Mon week-end", level=1)).to_be_visible()
    page.get_by_label("Task").fill(PROMPT)
    expect(page.locator("#build-preview")).to_contain_text(PROMPT)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("The exercise is saved.")).to_be_visible()
    return Exercise.objects.get(title="Mon week-end")


def test_homework_from_the_builder_to_the_mark(
    page: Page,
    base: str,
    log_in,
    page_errors: list[str],
    moscow_teacher: User,
    student: User,
    french,
    lesson_tomorrow,
):
    teacher = moscow_teacher
    lesson = lesson_tomorrow(french, "Français A2", Level.A2)
    project, start = lesson.project, lesson.start
    following = start + timedelta(days=3)
    scheduling.lesson_create(project=project, start=following, end=following + timedelta(hours=1))

    # 1. The teacher builds both exercises.
    log_in(page, teacher)
    gap_fill = _build_gap_fill(page, french)
    free = _build_free_answer(page, french)

    # 2. From the lesson in the calendar: homework with both, due when the next lesson starts.
    _nav(page, "Calendar").click()
    expect(page).to_have_url(re.compile(r"/calendar/$"))
    page.goto(f"{base}/calendar/?date={start.date().isoformat()}")
    block = page.locator(f'.cal-lesson[data-lesson="{lesson.pk}"]')
    block.click()
    dialog = page.locator("#dialog")
    dialog.get_by_role("button", name="Give homework").click()
    expect(dialog.get_by_label("Due date")).to_have_value(following.date().isoformat())
    expect(dialog.get_by_label("Due time")).to_have_value("12:00")
    dialog.get_by_label("Title").fill("Pour jeudi")
    dialog.get_by_label("Le passé composé").check()
    dialog.get_by_label("Mon week-end").check()
    dialog.get_by_role("button", name="Give homework").click()
    expect(dialog).to_be_hidden()
    expect(block.locator(".homework-badge")).to_have_text("homework given")  # the grid's badge
    homework = Homework.objects.get()
    assert homework.lesson == lesson and homework.student == student
    assert homework.due_at == following
    assert [item.exercise for item in homework.items.all()] == [gap_fill, free]

    # 3. The student opens it from Homework and does the gap fill.
    _switch_to(page, log_in, student)
    _nav(page, "Homework").click()
    page.get_by_role("link", name="Pour jeudi").click()
    page.get_by_role("link", name="Le passé composé").click()
    expect(page.get_by_role("heading", name="Le passé composé", level=1)).to_be_visible()
    page.get_by_label("Gap 1").fill("suis")
    second = page.get_by_label("Gap 2")
    second.click()
    page.get_by_role("button", name="é", exact=True).click()
    second.press_sequentially("cole")
    expect(second).to_have_value("école")
    page.get_by_label("Gap 3").fill("sommes")
    page.get_by_label("Gap 4").fill("cafe")  # accepted, with a word about the accent
    page.get_by_role("button", name="Check").click()

    expect(page.get_by_role("heading", name="Your score: 75%")).to_be_visible()
    expect(page.locator(".ex-gap-right")).to_have_count(2)
    wrong = page.locator(".ex-gap-wrong")
    expect(wrong).to_have_count(1)
    expect(wrong.locator(".ex-gap-answer")).to_have_text("avons")
    expect(page.locator(".ex-gap-warning .ex-gap-answer")).to_have_text("café")
    expect(page.get_by_text("Mind the accents: “cafe” is written “café”.")).to_be_visible()
    assert Attempt.objects.get(exercise=gap_fill).score == 75

    # Back to the homework, then the free answer.
    page.get_by_role("link", name="Back to homework").first.click()
    expect(page.get_by_role("heading", name="Pour jeudi")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Le passé composé")).to_contain_text("75%")
    page.get_by_role("link", name="Mon week-end").click()
    page.get_by_label(PROMPT).fill("Samedi, je suis allée au marché.")
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_role("heading", name="Sent to your teacher")).to_be_visible()
    page.get_by_role("link", name="Back to homework").first.click()
    expect(page.get_by_text("waits for the teacher")).to_be_visible()
    page.get_by_role("button", name="Hand in").click()
    expect(page.get_by_text("The homework is handed in.")).to_be_visible()
    homework.refresh_from_db()
    assert homework.state == HomeworkState.SUBMITTED

    # 4. The teacher sees it on the lesson, then marks the free answer.
    _switch_to(page, log_in, teacher)
    page.goto(f"{base}/calendar/?date={start.date().isoformat()}")
    block = page.locator(f'.cal-lesson[data-lesson="{lesson.pk}"]')
    expect(block.locator(".homework-badge")).to_have_text("homework submitted")
    block.click()
    on_lesson = dialog.locator(".lesson-homework")
    expect(on_lesson).to_contain_text("homework submitted")
    on_lesson.get_by_role("link", name="Pour jeudi").click()
    expect(page.get_by_role("listitem").filter(has_text="Le passé composé")).to_contain_text("75%")
    expect(page.get_by_role("listitem").filter(has_text="Mon week-end")).to_contain_text(
        "waits for the teacher"
    )

    _nav(page, "Homework").click()
    queue_row = page.get_by_role("row").filter(has_text="Pour jeudi")
    expect(queue_row).to_contain_text("Le passé composé: 75%")
    queue_row.get_by_role("button", name="Check").click()
    expect(page.get_by_text("Samedi, je suis allée au marché.")).to_be_visible()
    page.get_by_label("Points (0 to 1)").fill("1")
    page.get_by_label("Comment for the student").fill("Très bien !")
    page.get_by_role("button", name="Save the check").click()
    expect(page.get_by_text("Nothing to check")).to_be_visible()
    homework.refresh_from_db()
    assert homework.state == HomeworkState.CHECKED
    assert homework.grade == 88  # (75 + 100) / 2, rounded

    # 5. The student sees the mark.
    _switch_to(page, log_in, student)
    _nav(page, "Homework").click()
    done = page.locator("#done")
    expect(done).to_contain_text("mark 88%")
    done.get_by_role("link", name="Pour jeudi").click()
    expect(page.locator(".homework-result")).to_contain_text("88%")
    expect(page.locator(".homework-result")).to_contain_text("Très bien !")
    expect(page.get_by_role("listitem").filter(has_text="Mon week-end")).to_contain_text("100%")
    assert page_errors == []


def test_the_header_fits_a_phone(page: Page, base: str, log_in, teacher: User, student: User):
    """Seven links and the menus: the links scroll sideways inside the header, the page never
    gets wider than the phone, and every link can be reached."""
    page.set_viewport_size({"width": 360, "height": 740})
    for user, last in ((teacher, "Payments"), (student, "Payments")):
        _switch_to(page, log_in, user)
        link = _nav(page, last)
        link.scroll_into_view_if_needed()
        expect(link).to_be_in_viewport()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        link.click()
        expect(page).to_have_url(re.compile(r"/money/"))
