"""The demo projects loaded by `manage.py seed_demo`, and their pages."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from apps.accounts.demo import STUDENTS, TEACHERS
from apps.accounts.models import User
from apps.projects import demo
from apps.projects.models import Currency, Goal, Project, ProjectStatus
from apps.scheduling.models import Lesson, LessonStatus, TimetableSlot


def _seed() -> None:
    call_command("seed_demo", stdout=StringIO())


def test_it_works(db):
    _seed()

    for email, *_rest in TEACHERS:
        teacher = User.objects.get(email=email)
        projects = Project.objects.filter(teacher=teacher)
        assert projects.count() == len(STUDENTS[email])
        assert projects.filter(status=ProjectStatus.PAUSED).count() == 1
        students = {s for p in projects for s in p.students.values_list("email", flat=True)}
        assert students == {student[0] for student in STUDENTS[email]}
    assert {p.currency for p in Project.objects.all()} == {Currency.RUB, Currency.EUR}
    assert set(Project.objects.values_list("language__code", flat=True)) == {"en", "fr"}
    assert Project.objects.filter(slots__isnull=False).distinct().count() == Project.objects.count()
    assert TimetableSlot.objects.count() > Project.objects.count()  # some have two
    assert Goal.objects.count() > Project.objects.count()
    assert Lesson.objects.filter(status=LessonStatus.HELD).exists()
    paused = Project.objects.filter(status=ProjectStatus.PAUSED)
    assert not Lesson.objects.filter(project__in=paused, status=LessonStatus.PLANNED).exists()


def test_it_is_idempotent(db):
    _seed()
    counts = (Project.objects.count(), TimetableSlot.objects.count(), Lesson.objects.count())

    _seed()

    assert (
        Project.objects.count(),
        TimetableSlot.objects.count(),
        Lesson.objects.count(),
    ) == counts
    assert demo.seed() == 0


def test_the_demo_pages_work(client, db):
    _seed()
    teacher = User.objects.get(email=TEACHERS[0][0])
    client.force_login(teacher)

    assert client.get(reverse("projects:list")).status_code == 200
    for project in Project.objects.filter(teacher=teacher):
        assert client.get(reverse("projects:detail", args=[project.pk])).status_code == 200
        assert client.get(reverse("projects:edit", args=[project.pk])).status_code == 200
    student = User.objects.get(email=STUDENTS[TEACHERS[0][0]][0][0])
    client.force_login(student)
    assert client.get(reverse("projects:student_list")).status_code == 200
