from __future__ import annotations

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from apps.exercises.services import attempt_record
from apps.homework import services
from apps.homework.models import HomeworkState
from apps.scheduling.tests.factories import utc

from .conftest import give

LIST = reverse("homework:list")

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def detail(homework) -> str:
    return reverse("homework:detail", args=[homework.pk])


def answer(homework) -> str:
    return reverse("homework:answer", args=[homework.pk])


# The list


def test_the_list_has_sections_and_due_times_in_the_students_zone(
    student_client, project, teacher, student, time_machine
):
    # 12:00 UTC on Tuesday is 19:00 in Novosibirsk: "tomorrow" seen from Monday 19:00 there.
    give(project, teacher, student, title="Tomorrow's task", due_at=utc(2027, 3, 2, 11))
    give(project, teacher, student, title="Late task", due_at=utc(2027, 2, 27, 11))
    done = give(project, teacher, student, title="Done task")
    services.homework_submit(homework=done, text="", file=None)

    response = student_client.get(LIST)

    content = response.content.decode()
    assert content.index("Overdue") < content.index("Late task") < content.index("To do")
    assert content.index("To do") < content.index("Tomorrow&#x27;s task") < content.index("Done")
    assert content.index("Done task") > content.index('id="done"')
    assertContains(response, "due tomorrow 18:00")
    assertContains(response, "homework overdue")


def test_the_list_shows_only_the_students_own(client, project, teacher, student, other_student):
    give(project, teacher, student, title="Mine")
    client.force_login(other_student)
    response = client.get(LIST)
    assertNotContains(response, "Mine")
    assertContains(response, "No homework yet")


def test_the_list_query_count_is_fixed(
    student_client, project, teacher, student, quiz, essay, django_assert_max_num_queries
):
    give(project, teacher, student, exercises=[quiz])
    first_done = give(project, teacher, student, exercises=[quiz])
    services.homework_submit(homework=first_done, text="", file=None)
    with django_assert_max_num_queries(20) as few:
        student_client.get(LIST)
    for number in range(6):
        homework = give(project, teacher, student, title=f"H{number}", exercises=[quiz, essay])
        if number % 2:
            services.homework_submit(homework=homework, text="", file=None)
    with django_assert_max_num_queries(20) as many:
        student_client.get(LIST)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_list_is_for_students(teacher_client):
    assert teacher_client.get(LIST).status_code == 403


def test_the_list_requires_login(client, db):
    assert client.get(LIST).status_code == 302


# One homework


def test_the_student_sees_the_task_and_their_latest_score(student_client, homework, student, quiz):
    item_id = str(quiz.items.get().pk)
    with time_machine.travel(utc(2027, 3, 1, 13), tick=False):
        attempt_record(exercise=quiz, student=student, answers={item_id: False})
    with time_machine.travel(utc(2027, 3, 1, 14), tick=False):
        attempt_record(exercise=quiz, student=student, answers={item_id: True})

    response = student_client.get(detail(homework))

    assertContains(response, "Read pages 10-12.")
    assertContains(response, "Paris quiz")
    assertContains(response, "100%")
    assertContains(response, "2 tries")
    assertContains(response, "Hand in")


def test_it_checks_ownership(client, homework, other_student, other_teacher):
    client.force_login(other_student)
    assert client.get(detail(homework)).status_code == 404
    assert client.post(answer(homework), {"answer_text": "x"}).status_code == 404
    client.force_login(other_teacher)
    assert client.get(detail(homework)).status_code == 404


def test_a_draft_is_saved_and_shown_again(student_client, homework):
    response = student_client.post(answer(homework), {"answer_text": "Half done", "save": "1"})

    assert response.status_code == 302
    homework.refresh_from_db()
    assert homework.state == HomeworkState.ASSIGNED
    assertContains(student_client.get(detail(homework)), "Half done")


def test_submitting_hands_it_in(student_client, homework):
    upload = SimpleUploadedFile("page.png", PNG, content_type="image/png")
    response = student_client.post(
        answer(homework), {"answer_text": "All done", "answer_file": upload, "submit": "1"}
    )

    assert response.status_code == 302
    homework.refresh_from_db()
    assert homework.state == HomeworkState.SUBMITTED
    assert homework.answer_file.name.endswith(".png")
    page = student_client.get(detail(homework))
    assertContains(page, "homework submitted")
    assertNotContains(page, "Hand in")


def test_a_file_of_another_type_is_refused_with_a_message(student_client, homework):
    upload = SimpleUploadedFile("virus.exe", b"MZ\x90\x00" + b"\x00" * 100)
    response = student_client.post(
        answer(homework), {"answer_text": "All done", "answer_file": upload, "submit": "1"}
    )

    assert response.status_code == 200
    assertContains(response, "This file type is not accepted")
    homework.refresh_from_db()
    assert homework.state == HomeworkState.ASSIGNED and homework.answer_text == ""


def test_answering_after_handing_in_changes_nothing(student_client, homework):
    services.homework_submit(homework=homework, text="First", file=None)
    student_client.post(answer(homework), {"answer_text": "Second", "submit": "1"})
    homework.refresh_from_db()
    assert homework.answer_text == "First"


def test_answer_rejects_get(student_client, homework):
    assert student_client.get(answer(homework)).status_code == 405


def test_after_checking_the_student_sees_marks_and_comment(student_client, homework, teacher):
    services.homework_submit(homework=homework, text="", file=None)
    services.homework_review(homework=homework, by=teacher, grade=85, comment="Nice work")

    response = student_client.get(detail(homework))

    assertContains(response, "homework checked")
    assertContains(response, "85%")
    assertContains(response, "Nice work")


def test_the_dashboard_shows_homework_to_do(student_client, project, teacher, student):
    give(project, teacher, student, due_at=utc(2027, 2, 27))
    give(project, teacher, student)
    response = student_client.get(reverse("common:home"))
    assertContains(response, "You have 2 pieces of homework to do.")
    assertContains(response, "1 is overdue.")
    assertContains(response, LIST)


def test_the_project_page_shows_only_the_students_homework(
    student_client, project, teacher, student
):
    from apps.accounts.models import Role
    from conftest import make_user

    classmate = make_user("mate@example.com", "Max Mate", Role.STUDENT)
    project.students.add(classmate)
    give(project, teacher, student, title="For Sasha")
    give(project, teacher, classmate, title="For Max")

    response = student_client.get(reverse("projects:detail", args=[project.pk]))

    assertContains(response, "For Sasha")
    assertNotContains(response, "For Max")
    assertNotContains(response, "Give homework")


def test_each_exercise_links_to_the_player_for_this_homework(student_client, homework, quiz):
    response = student_client.get(detail(homework))
    play = reverse("exercises:play", args=[quiz.pk])
    assertContains(response, f'href="{play}?homework={homework.pk}"')


def test_the_student_may_open_a_private_exercise_given_as_homework(
    student_client, homework, quiz, other_student
):
    from apps.exercises.selectors import student_may_open

    assert student_may_open(homework.student, quiz)
    assert not student_may_open(other_student, quiz)
