"""Shared test fixtures: the personas every test module uses."""

from __future__ import annotations

import pytest
from django.utils import timezone

from apps.accounts.models import Role, User
from apps.accounts.services import student_link

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the database is rolled back after a test, so ids
    come back in the next one, and what an earlier test cached under them must not show."""
    from django.core.cache import cache

    cache.clear()


def make_user(email: str, name: str, role: str, **extra) -> User:
    return User.objects.create_user(email=email, password=PASSWORD, name=name, role=role, **extra)


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def teacher(db) -> User:
    return make_user(
        "teacher@example.com",
        "Tatiana Teacher",
        Role.TEACHER,
        approved_at=timezone.now(),
        language="en",
    )


@pytest.fixture
def other_teacher(db) -> User:
    return make_user(
        "other.teacher@example.com",
        "Oleg Other",
        Role.TEACHER,
        approved_at=timezone.now(),
        language="en",
    )


@pytest.fixture
def pending_teacher(db) -> User:
    return make_user("pending@example.com", "Polina Pending", Role.TEACHER, language="en")


@pytest.fixture
def student(teacher) -> User:
    user = make_user(
        "student@example.com",
        "Sasha Student",
        Role.STUDENT,
        time_zone="Asia/Novosibirsk",
        language="en",
    )
    student_link(teacher=teacher, student=user)
    return user


@pytest.fixture
def other_student(other_teacher) -> User:
    user = make_user("other.student@example.com", "Olga Other", Role.STUDENT, language="en")
    student_link(teacher=other_teacher, student=user)
    return user


@pytest.fixture
def admin_user(db) -> User:
    return User.objects.create_superuser(
        email="admin@example.com", password=PASSWORD, name="Ada Admin", language="en"
    )


@pytest.fixture
def teacher_client(client, teacher):
    client.force_login(teacher)
    return client


@pytest.fixture
def student_client(client, student):
    client.force_login(student)
    return client
