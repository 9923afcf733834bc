from __future__ import annotations

import re

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from apps.exercises.models import Exercise, LibraryState
from apps.exercises.services import attempt_record
from apps.exercises.tests.factories import make_exercise
from apps.homework import services
from apps.homework.models import Homework, HomeworkState
from apps.scheduling.tests.factories import utc

from .conftest import give

CREATE = reverse("homework:create")
QUEUE = reverse("homework:review_queue")
HTMX = {"HX-Request": "true", "HX-Target": "dialog-body"}


def form_data(**extra) -> dict:
    data = {
        "title": "Unit 5",
        "text": "Learn the words.",
        "due_date": "2027-03-04",
        "due_time": "15:00",
    }
    data.update(extra)
    return data


# Giving homework from the lesson dialog


def test_the_form_is_prefilled_with_the_next_lesson(teacher_client, lesson, next_lesson, quiz):
    response = teacher_client.get(CREATE, {"lesson": lesson.pk}, headers=HTMX)

    assert response.status_code == 200
    content = response.content.decode()
    assert "<html" not in content
    assert 'value="2027-03-04"' in content  # 12:00 UTC is 15:00 for the teacher in Moscow
    assert 'value="15:00"' in content
    assert "Paris quiz" in content


def test_the_form_comes_with_the_exercise_it_was_opened_for(
    teacher_client, project, student, quiz, other_teacher
):
    secret = make_exercise(
        Exercise.Kind.TRUE_FALSE, [{"statement": "x", "correct": True}], author=other_teacher
    )
    query = {"project": project.pk, "student": student.pk}

    content = teacher_client.get(CREATE, {**query, "exercise": quiz.pk}).content.decode()
    assert f'value="{quiz.pk}" checked' in content
    assert 'value="Paris quiz"' in content  # the title field

    content = teacher_client.get(CREATE, {**query, "exercise": secret.pk}).content.decode()
    assert not re.search(r'name="exercises" value="\d+" checked', content)
    assert f'name="exercises" value="{secret.pk}"' not in content
    assert teacher_client.get(CREATE, {**query, "exercise": "x"}).status_code == 200


def test_giving_homework_from_the_dialog(teacher_client, lesson, student, quiz, essay, mailoutbox):
    response = teacher_client.post(
        f"{CREATE}?lesson={lesson.pk}",
        form_data(student=student.pk, exercises=[essay.pk, quiz.pk]),
        headers=HTMX,
    )

    assert response.status_code == 204
    assert "closeDialog" in response["HX-Trigger"] and "calendarChanged" in response["HX-Trigger"]
    homework = Homework.objects.get()
    assert homework.lesson == lesson and homework.student == student
    assert homework.due_at == utc(2027, 3, 4, 12)
    assert [item.exercise for item in homework.items.all()] == [essay, quiz]
    assert [message.to for message in mailoutbox] == [[student.email]]


def test_giving_homework_without_javascript_goes_to_it(teacher_client, project, student):
    response = teacher_client.post(f"{CREATE}?project={project.pk}", form_data(student=student.pk))
    homework = Homework.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("homework:detail", args=[homework.pk])
    assert homework.lesson is None


def test_an_empty_task_is_refused_with_a_message(teacher_client, lesson, student):
    response = teacher_client.post(
        f"{CREATE}?lesson={lesson.pk}",
        form_data(student=student.pk, text=""),
        headers=HTMX,
    )
    assert response.status_code == 200
    assertContains(response, "Give a task")
    assert not Homework.objects.exists()


def test_a_file_too_large_is_refused(teacher_client, lesson, student, settings):
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 + 1))
    response = teacher_client.post(
        f"{CREATE}?lesson={lesson.pk}", form_data(student=student.pk, attachment=big)
    )
    assertContains(response, "larger than 10 MB")
    assert not Homework.objects.exists()


def test_a_pdf_is_attached(teacher_client, lesson, student, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    pdf = SimpleUploadedFile("task.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    teacher_client.post(
        f"{CREATE}?lesson={lesson.pk}", form_data(student=student.pk, attachment=pdf)
    )
    homework = Homework.objects.get()
    # /media/ is public: the file sits in a directory nobody can guess, shown by its own name.
    directory, name = homework.attachment.name.rsplit("/", 1)
    assert name == "task.pdf"
    assert re.fullmatch(rf"homework/{homework.project_id}/[0-9a-f]{{32}}", directory)
    edit_page = teacher_client.get(reverse("homework:edit", args=[homework.pk]))
    assertContains(edit_page, ">task.pdf</a>")


def test_another_teachers_exercise_cannot_be_given(teacher_client, lesson, student, other_teacher):
    secret = make_exercise(
        Exercise.Kind.TRUE_FALSE, [{"statement": "x", "correct": True}], author=other_teacher
    )
    response = teacher_client.post(
        f"{CREATE}?lesson={lesson.pk}", form_data(student=student.pk, exercises=[secret.pk])
    )
    assert response.status_code == 200
    assert not Homework.objects.exists()


def test_a_student_of_another_project_cannot_be_chosen(teacher_client, lesson, other_student):
    response = teacher_client.post(
        f"{CREATE}?lesson={lesson.pk}", form_data(student=other_student.pk)
    )
    assert response.status_code == 200
    assert not Homework.objects.exists()


def test_it_checks_ownership_of_the_lesson_and_project(client, lesson, project, other_teacher, now):
    client.force_login(other_teacher)
    assert client.get(CREATE, {"lesson": lesson.pk}).status_code == 404
    assert client.get(CREATE, {"project": project.pk}).status_code == 404
    assert client.get(CREATE).status_code == 404


def test_students_may_not_give_homework(student_client, lesson):
    assert student_client.get(CREATE, {"lesson": lesson.pk}).status_code == 403


def test_the_exercise_picker_filters_and_keeps_the_ticked(teacher_client, project, quiz, essay):
    library = make_exercise(
        Exercise.Kind.TRUE_FALSE,
        [{"statement": "x", "correct": True}],
        title="Library B2 quiz",
        level="B2",
        library_state=LibraryState.APPROVED,
    )
    url = reverse("homework:exercise_choices")

    response = teacher_client.get(url, {"project": project.pk, "q": "essay", "exercises": quiz.pk})
    assertContains(response, "Holiday essay")
    assertContains(response, "Paris quiz")  # ticked before: stays
    assertContains(response, "checked")
    assertNotContains(response, "Library B2 quiz")

    response = teacher_client.get(url, {"project": project.pk, "level": "B2"})
    assertContains(response, "Library B2 quiz")
    assertNotContains(response, "Holiday essay")
    assert library.pk


# The lesson dialog and the calendar


def test_the_lesson_dialog_offers_homework_and_shows_its_state(teacher_client, homework, lesson):
    response = teacher_client.get(reverse("scheduling:lesson_detail", args=[lesson.pk]))
    assertContains(response, "Give homework")
    assertContains(response, f"{CREATE}?lesson={lesson.pk}")
    assertContains(response, "Unit 3")
    assertContains(response, "homework given")


def test_the_lesson_dialog_shows_the_mark_once_checked(teacher_client, homework, lesson):
    Homework.objects.filter(pk=homework.pk).update(state=HomeworkState.CHECKED, grade=88)

    response = teacher_client.get(reverse("scheduling:lesson_detail", args=[lesson.pk]))

    assertContains(response, "homework checked")
    assertContains(response, "mark 88%")


def test_the_calendar_shows_the_badge(teacher_client, homework):
    response = teacher_client.get(reverse("scheduling:calendar"), {"date": "2027-03-01"})
    assertContains(response, "homework given")


def test_the_calendar_query_count_does_not_grow_with_homework(
    teacher_client, project, teacher, student, lesson, next_lesson, django_assert_max_num_queries
):
    url = reverse("scheduling:calendar")
    teacher_client.get(url)  # a first visit makes the teacher's calendar version
    with django_assert_max_num_queries(40) as few:
        teacher_client.get(url, {"date": "2027-03-01"})
    give(project, teacher, student, lesson=lesson)
    give(project, teacher, student, lesson=next_lesson)
    with django_assert_max_num_queries(40) as many:
        teacher_client.get(url, {"date": "2027-03-01"})
    assert len(many.captured_queries) == len(few.captured_queries)


# Changing and deleting


def test_editing_before_submission(teacher_client, homework, quiz, essay):
    url = reverse("homework:edit", args=[homework.pk])
    assertContains(teacher_client.get(url), "Unit 3")

    response = teacher_client.post(url, form_data(title="Unit 3 again", exercises=[essay.pk]))

    assert response.status_code == 302
    homework.refresh_from_db()
    assert homework.title == "Unit 3 again"
    assert [item.exercise for item in homework.items.all()] == [essay]


def test_editing_after_submission_is_refused(teacher_client, homework):
    services.homework_submit(homework=homework, text="", file=None)
    url = reverse("homework:edit", args=[homework.pk])
    response = teacher_client.post(url, form_data(title="Changed"), follow=True)
    assertContains(response, "cannot be changed")
    homework.refresh_from_db()
    assert homework.title == "Unit 3"


def test_deleting(teacher_client, homework):
    response = teacher_client.post(reverse("homework:delete", args=[homework.pk]))
    assert response.status_code == 302
    assert not Homework.objects.exists()


def test_delete_rejects_get(teacher_client, homework):
    assert teacher_client.get(reverse("homework:delete", args=[homework.pk])).status_code == 405


def test_deleting_after_submission_is_refused(teacher_client, homework):
    services.homework_submit(homework=homework, text="", file=None)
    teacher_client.post(reverse("homework:delete", args=[homework.pk]))
    assert Homework.objects.exists()


def test_other_teachers_get_404(client, homework, other_teacher):
    client.force_login(other_teacher)
    for name in ("detail", "edit", "review"):
        assert client.get(reverse(f"homework:{name}", args=[homework.pk])).status_code == 404
    assert client.post(reverse("homework:delete", args=[homework.pk])).status_code == 404
    assert Homework.objects.exists()


def test_the_project_page_lists_homework_and_offers_more(teacher_client, homework, project):
    response = teacher_client.get(reverse("projects:detail", args=[project.pk]))
    assertContains(response, "Unit 3")
    assertContains(response, "homework given")
    assertContains(response, f"{CREATE}?project={project.pk}&amp;student=")


# Checking


def _submitted_with_essay(project, teacher, student, quiz, essay) -> tuple[Homework, object]:
    homework = give(project, teacher, student, exercises=[quiz, essay])
    quiz_item, essay_item = quiz.items.get(), essay.items.get()
    with time_machine.travel(utc(2027, 3, 2, 10), tick=False):
        attempt_record(exercise=quiz, student=student, answers={str(quiz_item.pk): True})
        essay_attempt = attempt_record(
            exercise=essay, student=student, answers={str(essay_item.pk): {"text": "I swam a lot."}}
        )
        services.homework_submit(homework=homework, text="My notes", file=None)
    return homework, essay_attempt


def test_the_queue_lists_submitted_homework(teacher_client, project, teacher, student, quiz, essay):
    homework, _attempt = _submitted_with_essay(project, teacher, student, quiz, essay)
    give(project, teacher, student, title="Not handed in")

    response = teacher_client.get(QUEUE)

    assertContains(response, homework.title)
    assertContains(response, "Sasha Student")
    assertContains(response, "to mark")
    assertNotContains(response, "Not handed in")


def test_the_queue_shows_only_the_teachers_students(
    client, project, teacher, student, quiz, essay, other_teacher
):
    _submitted_with_essay(project, teacher, student, quiz, essay)
    client.force_login(other_teacher)
    assertContains(client.get(QUEUE), "Nothing to check")


def test_the_queue_query_count_is_fixed(
    teacher_client, project, teacher, student, quiz, essay, django_assert_max_num_queries
):
    _submitted_with_essay(project, teacher, student, quiz, essay)
    with django_assert_max_num_queries(20) as few:
        teacher_client.get(QUEUE)
    for _number in range(4):
        _submitted_with_essay(project, teacher, student, quiz, essay)
    with django_assert_max_num_queries(20) as many:
        teacher_client.get(QUEUE)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_dashboard_counts_homework_to_check(
    teacher_client, project, teacher, student, quiz, essay
):
    _submitted_with_essay(project, teacher, student, quiz, essay)
    response = teacher_client.get(reverse("common:home"))
    assertContains(response, "Homework to check")
    assertContains(response, QUEUE)


def test_checking_marks_the_free_answer(
    teacher_client, project, teacher, student, quiz, essay, mailoutbox
):
    homework, essay_attempt = _submitted_with_essay(project, teacher, student, quiz, essay)
    url = reverse("homework:review", args=[homework.pk])
    page = teacher_client.get(url)
    assertContains(page, "I swam a lot.")
    assertContains(page, "Describe your holiday.")
    assertContains(page, "My notes")
    mailoutbox.clear()

    response = teacher_client.post(
        url, {f"mark-{essay_attempt.pk}-0": "0.5", "grade": "", "comment": "Good effort"}
    )

    assert response.status_code == 302
    homework.refresh_from_db()
    essay_attempt.refresh_from_db()
    assert homework.state == HomeworkState.CHECKED
    assert homework.grade == 75 and homework.comment == "Good effort"
    assert essay_attempt.score == 50
    assert [message.to for message in mailoutbox] == [[student.email]]
    assert "checked" in mailoutbox[0].subject


def test_a_bad_mark_is_refused_with_a_message(
    teacher_client, project, teacher, student, quiz, essay
):
    homework, essay_attempt = _submitted_with_essay(project, teacher, student, quiz, essay)
    url = reverse("homework:review", args=[homework.pk])
    for bad in ("5", "lots"):
        response = teacher_client.post(url, {f"mark-{essay_attempt.pk}-0": bad, "grade": "80"})
        assert response.status_code == 200
        assert "message-error" in response.content.decode()
    homework.refresh_from_db()
    assert homework.state == HomeworkState.SUBMITTED


def test_a_grade_over_100_is_refused(teacher_client, project, teacher, student, quiz, essay):
    homework, _attempt = _submitted_with_essay(project, teacher, student, quiz, essay)
    response = teacher_client.post(reverse("homework:review", args=[homework.pk]), {"grade": "120"})
    assert response.status_code == 200
    homework.refresh_from_db()
    assert homework.state == HomeworkState.SUBMITTED


def test_homework_not_handed_in_cannot_be_checked(teacher_client, homework):
    response = teacher_client.get(reverse("homework:review", args=[homework.pk]))
    assert response.status_code == 302


def test_the_picker_filters_by_language(teacher_client, project, quiz, teacher):
    french = make_exercise(
        Exercise.Kind.TRUE_FALSE,
        [{"statement": "x", "correct": True}],
        author=teacher,
        title="Quiz en français",
        lang="fr",
    )
    url = reverse("homework:exercise_choices")

    default = teacher_client.get(url, {"project": project.pk})
    assertContains(default, "Paris quiz")
    assertNotContains(default, "Quiz en français")

    response = teacher_client.get(url, {"project": project.pk, "language": french.language_id})
    assertContains(response, "Quiz en français")
    assertNotContains(response, "Paris quiz")

    response = teacher_client.get(url, {"project": project.pk, "language": ""})
    assertContains(response, "Quiz en français")
    assertContains(response, "Paris quiz")


def test_the_picker_checks_the_project(client, project, other_teacher, now):
    client.force_login(other_teacher)
    response = client.get(reverse("homework:exercise_choices"), {"project": project.pk})
    assert response.status_code == 404
