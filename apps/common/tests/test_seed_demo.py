from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from apps.accounts.demo import DEMO_PASSWORD
from apps.accounts.models import Role, TeacherStudent, User
from apps.dictionary.models import Entry
from apps.exercises.models import Exercise
from apps.homework.models import Homework, HomeworkExercise
from apps.lessons.models import Package, Payment
from apps.vocabulary.models import Word


def _seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_it_works(db):
    output = _seed()

    approved = User.objects.filter(role=Role.TEACHER, approved_at__isnull=False)
    pending = User.objects.filter(role=Role.TEACHER, approved_at__isnull=True)
    assert approved.count() == 2
    assert pending.count() == 1
    assert User.objects.filter(role=Role.ADMIN, is_superuser=True).count() == 1
    for teacher in approved:
        assert 6 <= teacher.student_links.count() <= 8, teacher
    students = User.objects.filter(role=Role.STUDENT)
    assert len({student.time_zone for student in students}) >= 3
    shared = students.annotate(n=Count("teacher_links")).filter(n=2)
    assert shared.count() >= 1
    # The logins it prints work with the printed password.
    printed = [line.split()[-3] for line in output.splitlines() if "password:" in line]
    assert len(printed) == 5
    for email in printed:
        assert User.objects.get(email=email).check_password(DEMO_PASSWORD)


def test_it_loads_exercises_dictionary_homework_and_words(db):
    _seed()

    library = Exercise.objects.library()
    assert library.count() >= 40
    assert library.filter(language__code="en").count() >= 25
    assert library.filter(language__code="fr").count() >= 15
    assert Entry.objects.filter(language__code="fr").exists()
    assert Entry.objects.filter(language__code="en").exists()
    # Homework in every state, some of it made of starter exercises.
    assert {h.badge for h in Homework.objects.all()} >= {"assigned", "submitted", "checked"}
    assert HomeworkExercise.objects.filter(exercise__in=library).exists()
    # Each demo student with a project has words to learn.
    assert Word.objects.values("student").distinct().count() >= 2


def _counts() -> dict[str, int]:
    models = [User, TeacherStudent, Payment, Package, Exercise, Entry, Homework, Word]
    return {model.__name__: model.objects.count() for model in models} | {
        "HomeworkExercise": HomeworkExercise.objects.count()
    }


def test_it_is_idempotent(db):
    _seed()
    before = _counts()
    assert all(before.values()), before

    _seed()

    assert _counts() == before


def test_a_demo_student_finds_homework_and_words(client, db):
    _seed()
    homework = Homework.objects.filter(
        items__isnull=False, state="assigned", student__words__isnull=False
    ).first()
    client.force_login(homework.student)

    assertContains(client.get(reverse("homework:list")), homework.title)
    word = Word.objects.filter(student=homework.student).first()
    assertContains(client.get(reverse("vocabulary:list")), word.text)


def test_the_demo_teacher_can_log_in(client, db):
    _seed()
    teacher = User.objects.filter(role=Role.TEACHER, approved_at__isnull=False).first()

    response = client.post(
        reverse("accounts:login"), {"username": teacher.email, "password": DEMO_PASSWORD}
    )

    assertRedirects(response, reverse("common:home"))
    assert client.get(reverse("accounts:students")).status_code == 200
