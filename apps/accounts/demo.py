"""Demo accounts for `manage.py seed_demo`. Idempotent: found by e-mail, created when missing."""

from __future__ import annotations

from django.utils import timezone

from .models import Role, User
from .services import student_link

DEMO_PASSWORD = "demo-password-2026"

ADMIN = ("admin@example.com", "Администратор", "Europe/Moscow", "ru")
TEACHERS = [
    ("anna.petrova@example.com", "Анна Петрова", "Europe/Moscow", "ru"),
    ("james.wilson@example.com", "James Wilson", "Europe/London", "en"),
]
PENDING_TEACHER = ("olga.smirnova@example.com", "Ольга Смирнова", "Asia/Yekaterinburg", "ru")
STUDENTS = {
    "anna.petrova@example.com": [
        ("ivan.sokolov@example.com", "Иван Соколов", "Europe/Moscow", "ru"),
        ("maria.kuznetsova@example.com", "Мария Кузнецова", "Asia/Novosibirsk", "ru"),
        ("dmitry.popov@example.com", "Дмитрий Попов", "Europe/Moscow", "ru"),
        ("ekaterina.volkova@example.com", "Екатерина Волкова", "Europe/Berlin", "ru"),
        ("alexey.morozov@example.com", "Алексей Морозов", "Asia/Yekaterinburg", "ru"),
        ("sofia.lebedeva@example.com", "София Лебедева", "Europe/Moscow", "en"),
        ("emily.clarke@example.com", "Emily Clarke", "Europe/London", "en"),
    ],
    "james.wilson@example.com": [
        ("olivia.brown@example.com", "Olivia Brown", "Europe/London", "en"),
        ("thomas.martin@example.com", "Thomas Martin", "Europe/Paris", "en"),
        ("natalia.orlova@example.com", "Наталья Орлова", "Europe/Moscow", "ru"),
        ("pavel.novikov@example.com", "Павел Новиков", "Asia/Vladivostok", "ru"),
        ("lucy.evans@example.com", "Lucy Evans", "America/New_York", "en"),
        ("sergey.fedorov@example.com", "Сергей Фёдоров", "Europe/Moscow", "ru"),
        # A student of both demo teachers.
        ("ekaterina.volkova@example.com", "Екатерина Волкова", "Europe/Berlin", "ru"),
    ],
}


def _user(email: str, name: str, zone: str, language: str, role: str, **extra) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email,
            password=DEMO_PASSWORD,
            name=name,
            role=role,
            time_zone=zone,
            language=language,
            **extra,
        )
    return user


def seed() -> list[tuple[str, str]]:
    """Create the demo accounts; returns (role, e-mail) pairs to print as logins."""
    admin = User.objects.filter(email=ADMIN[0]).first()
    if admin is None:
        admin = User.objects.create_superuser(
            email=ADMIN[0],
            password=DEMO_PASSWORD,
            name=ADMIN[1],
            time_zone=ADMIN[2],
            language=ADMIN[3],
        )
    logins = [("admin", admin.email)]
    for email, name, zone, language in TEACHERS:
        teacher = _user(email, name, zone, language, Role.TEACHER, approved_at=timezone.now())
        logins.append(("teacher", teacher.email))
        for s_email, s_name, s_zone, s_language in STUDENTS[email]:
            student = _user(s_email, s_name, s_zone, s_language, Role.STUDENT)
            student_link(teacher=teacher, student=student)
    pending = _user(*PENDING_TEACHER, Role.TEACHER)
    logins.append(("pending teacher", pending.email))
    logins.append(("student", STUDENTS[TEACHERS[0][0]][0][0]))
    return logins
