from __future__ import annotations

from datetime import time

import pytest
import time_machine

from apps.exercises.services import attempt_record
from apps.homework import services
from apps.homework.models import Homework, HomeworkState
from apps.homework.selectors import assigned_exercise_ids
from apps.projects.tests.factories import make_project
from apps.scheduling.models import Lesson, LessonStatus
from apps.scheduling.services import lessons_generate, project_timetable_changed
from apps.scheduling.tests.factories import make_lesson, make_slot, utc

from .conftest import give


def test_assign_keeps_the_exercises_in_order(project, teacher, student, quiz, essay):
    homework = give(project, teacher, student, exercises=[essay, quiz])

    assert homework.state == HomeworkState.ASSIGNED
    assert [item.exercise for item in homework.items.all()] == [essay, quiz]
    assert assigned_exercise_ids(student) == {quiz.pk, essay.pk}


def test_assign_refuses_another_teachers_project(project, other_teacher, student):
    with pytest.raises(ValueError):
        give(project, other_teacher, student)
    assert not Homework.objects.exists()


def test_assign_refuses_a_student_outside_the_project(project, teacher, other_student):
    with pytest.raises(ValueError):
        give(project, teacher, other_student)


def test_the_default_due_is_the_next_planned_lesson(project, student, lesson, next_lesson):
    make_lesson(project, utc(2027, 3, 3, 12), status=LessonStatus.CANCELLED_BY_TEACHER)

    due = services.default_due(project=project, student=student, lesson=lesson)

    assert due == next_lesson.start


def test_without_a_next_lesson_it_is_a_week_later_at_six_in_the_students_zone(
    project, student, lesson
):
    due = services.default_due(project=project, student=student, lesson=lesson)

    assert due.astimezone(student.zone).date().isoformat() == "2027-03-08"
    assert due.astimezone(student.zone).time() == time(18, 0)


def test_submit_takes_the_latest_attempt_since_the_homework_was_given(
    project, teacher, student, quiz, now
):
    attempt_record(exercise=quiz, student=student, answers={})  # before: does not count
    with time_machine.travel(utc(2027, 3, 1, 13), tick=False):
        homework = give(project, teacher, student, exercises=[quiz])
    item_id = quiz.items.get().pk
    with time_machine.travel(utc(2027, 3, 2, 10), tick=False):
        attempt_record(exercise=quiz, student=student, answers={str(item_id): False})
    with time_machine.travel(utc(2027, 3, 2, 11), tick=False):
        latest = attempt_record(exercise=quiz, student=student, answers={str(item_id): True})
        services.homework_submit(homework=homework, text="Done", file=None)

    homework.refresh_from_db()
    item = homework.items.get()
    assert homework.state == HomeworkState.SUBMITTED
    assert homework.answer_text == "Done"
    assert item.attempt == latest and item.score == 100


def test_submit_twice_is_refused(homework):
    services.homework_submit(homework=homework, text="", file=None)
    with pytest.raises(ValueError):
        services.homework_submit(homework=homework, text="again", file=None)


def test_review_marks_free_answers_and_averages_the_scores(
    project, teacher, student, quiz, essay, now
):
    homework = give(project, teacher, student, exercises=[quiz, essay])
    quiz_item, essay_item = quiz.items.get(), essay.items.get()
    with time_machine.travel(utc(2027, 3, 2, 10), tick=False):
        attempt_record(exercise=quiz, student=student, answers={str(quiz_item.pk): True})
        essay_attempt = attempt_record(
            exercise=essay, student=student, answers={str(essay_item.pk): {"text": "I swam."}}
        )
        services.homework_submit(homework=homework, text="", file=None)
    assert essay_attempt.needs_review

    services.homework_review(
        homework=homework,
        by=teacher,
        grade=None,
        comment="Well done",
        marks={essay_attempt.pk: {str(essay_item.pk): 0.5}},
    )

    homework.refresh_from_db()
    essay_attempt.refresh_from_db()
    assert homework.state == HomeworkState.CHECKED
    assert essay_attempt.score == 50 and not essay_attempt.needs_review
    assert [item.score for item in homework.items.all()] == [100, 50]
    assert homework.grade == 75
    assert homework.comment == "Well done"


def test_review_keeps_the_mark_given(homework, teacher):
    services.homework_submit(homework=homework, text="", file=None)
    services.homework_review(homework=homework, by=teacher, grade=90, comment="")
    homework.refresh_from_db()
    assert homework.grade == 90


def test_review_of_homework_not_handed_in_is_refused(homework, teacher):
    with pytest.raises(ValueError):
        services.homework_review(homework=homework, by=teacher, grade=90, comment="")


def test_update_and_delete_only_before_submission(homework, quiz, essay):
    services.homework_update(
        homework=homework,
        title="Unit 4",
        due_at=utc(2027, 3, 5, 12),
        exercises=[essay],
    )
    homework.refresh_from_db()
    assert homework.title == "Unit 4"
    assert [item.exercise for item in homework.items.all()] == [essay]

    services.homework_submit(homework=homework, text="", file=None)
    with pytest.raises(ValueError):
        services.homework_update(homework=homework, title="x", due_at=utc(2027, 3, 5, 12))
    with pytest.raises(ValueError):
        services.homework_delete(homework=homework)
    assert Homework.objects.filter(pk=homework.pk).exists()


def test_mark_overdue_is_idempotent(homework):
    assert services.homework_mark_overdue(now=utc(2027, 3, 3)) == 0
    later = utc(2027, 3, 5)
    assert services.homework_mark_overdue(now=later) == 1
    assert services.homework_mark_overdue(now=utc(2027, 3, 6)) == 0
    homework.refresh_from_db()
    assert homework.overdue_at == later


def test_the_overdue_task_runs(homework, time_machine):
    from apps.homework.tasks import mark_overdue

    time_machine.move_to(utc(2027, 3, 5), tick=False)
    assert mark_overdue.delay().get() == 1
    assert mark_overdue.delay().get() == 0


def test_is_overdue_is_computed(homework, time_machine):
    assert homework.badge == "assigned"
    time_machine.move_to(utc(2027, 3, 5), tick=False)
    assert homework.is_overdue and homework.badge == "overdue"
    services.homework_submit(homework=homework, text="", file=None)
    assert homework.badge == "submitted"


def test_a_lesson_with_homework_is_not_untouched(homework, lesson, next_lesson):
    untouched = set(Lesson.objects.untouched())
    assert lesson not in untouched
    assert next_lesson in untouched


def test_deleting_the_lesson_keeps_the_homework(homework, lesson):
    lesson.delete()
    homework.refresh_from_db()
    assert homework.lesson is None


def test_goal_homework_average(project, teacher, student):
    from apps.projects.models import Goal, GoalMeasure

    goal = Goal.objects.create(
        project=project, text="Good marks", measure=GoalMeasure.HOMEWORK_AVERAGE, target_value=80
    )
    assert goal.current_value() is None
    for grade in (60, 90):
        homework = give(project, teacher, student)
        services.homework_submit(homework=homework, text="", file=None)
        services.homework_review(homework=homework, by=teacher, grade=grade, comment="")
    give(project, teacher, student)  # not checked: does not count
    other = make_project(teacher, students=(student,), title="Other")
    homework = give(other, teacher, student)
    services.homework_submit(homework=homework, text="", file=None)
    services.homework_review(homework=homework, by=teacher, grade=10, comment="")

    assert goal.current_value() == 75
    assert goal.progress_percent() == 93


def test_a_timetable_change_leaves_a_lesson_with_homework_where_it_is(
    project, teacher, student, now
):
    make_slot(project, [3], time(18))  # Thursdays 18:00 in the teacher's zone (Moscow)
    lessons_generate(project=project, until=now.date().replace(day=20), not_before=now)
    first, second = project.lessons.filter(slot__isnull=False).order_by("start")[:2]
    give(project, teacher, student, lesson=first)
    project.slots.update(start_time=time(19))

    project_timetable_changed(project=project)

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.start == utc(2027, 3, 4, 15)  # still 18:00 Moscow: its homework stays put
    assert second.start == utc(2027, 3, 11, 16)  # the others follow the new time
