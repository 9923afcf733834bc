"""Homework end to end: the teacher gives an exercise as homework from the lesson dialog, the
student finds it on /homework/ and hands it in, the teacher marks it in the review queue.

The student's attempt is recorded through the exercises service (the player has tests of its
own); the live server runs in another thread, so "now" is the real time.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from apps.accounts.models import User
from apps.exercises.models import Exercise
from apps.exercises.services import attempt_record
from apps.homework.models import Homework, HomeworkState


def test_homework_from_lesson_to_mark(
    page: Page,
    base: str,
    log_in,
    page_errors: list[str],
    moscow_teacher: User,
    student: User,
    english,
    lesson_tomorrow,
):
    teacher = moscow_teacher
    lesson = lesson_tomorrow(english, "English B1")
    start = lesson.start
    essay = Exercise.objects.create(
        author=teacher, title="Holiday essay", kind=Exercise.Kind.FREE_ANSWER, language=english
    )
    item = essay.items.create(position=0, data={"prompt": "Describe your holiday.", "mode": "text"})

    # The teacher gives the essay from the lesson dialog.
    log_in(page, teacher)
    page.goto(f"{base}/calendar/?view=day&date={start.date().isoformat()}")
    page.locator(f'.cal-lesson[data-lesson="{lesson.pk}"]').click()
    dialog = page.locator("#dialog")
    dialog.get_by_role("button", name="Give homework").click()
    dialog.get_by_label("Title").fill("Essay for Thursday")
    dialog.get_by_label("Holiday essay").check()
    dialog.get_by_role("button", name="Give homework").click()
    expect(dialog).to_be_hidden()
    homework = Homework.objects.get()
    assert homework.lesson == lesson
    assert [i.exercise for i in homework.items.all()] == [essay]

    # The student opens it from /homework/ and hands it in.
    page.context.clear_cookies()
    log_in(page, student)
    page.goto(f"{base}/homework/")
    page.get_by_role("link", name="Essay for Thursday").click()
    link = page.get_by_role("link", name="Holiday essay")
    expect(link).to_have_attribute("href", f"/exercises/{essay.pk}/play/?homework={homework.pk}")
    attempt_record(exercise=essay, student=student, answers={str(item.pk): {"text": "I swam."}})
    page.reload()
    expect(page.get_by_text("waits for the teacher")).to_be_visible()
    page.get_by_label("Your answer").fill("See the essay.")
    page.get_by_role("button", name="Hand in").click()
    expect(page.get_by_text("The homework is handed in.")).to_be_visible()

    # The teacher marks it from the review queue.
    page.context.clear_cookies()
    log_in(page, teacher)
    page.goto(f"{base}/homework/review/")
    page.get_by_role("button", name="Check").or_(
        page.get_by_role("link", name="Check")
    ).first.click()
    expect(page.get_by_text("I swam.")).to_be_visible()
    page.get_by_label("Points (0 to 1)").fill("1")
    page.get_by_label("Comment for the student").fill("Lovely.")
    page.get_by_role("button", name="Save the check").click()
    expect(page.get_by_text("Nothing to check")).to_be_visible()
    homework.refresh_from_db()
    assert homework.state == HomeworkState.CHECKED and homework.grade == 100
    assert page_errors == []
