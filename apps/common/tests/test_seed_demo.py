from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from apps.accounts.demo import DEMO_PASSWORD
from apps.accounts.models import Role, TeacherStudent, User
from apps.lessons.models import Package, Payment


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


def test_it_is_idempotent(db):
    _seed()
    users = User.objects.count()
    links = TeacherStudent.objects.count()
    money = (Payment.objects.count(), Package.objects.count())
    assert money[0] > 0 and money[1] > 0

    _seed()

    assert User.objects.count() == users
    assert TeacherStudent.objects.count() == links
    assert (Payment.objects.count(), Package.objects.count()) == money


def test_the_demo_teacher_can_log_in(client, db):
    _seed()
    teacher = User.objects.filter(role=Role.TEACHER, approved_at__isnull=False).first()

    response = client.post(
        reverse("accounts:login"), {"username": teacher.email, "password": DEMO_PASSWORD}
    )

    assertRedirects(response, reverse("common:home"))
    assert client.get(reverse("accounts:students")).status_code == 200
