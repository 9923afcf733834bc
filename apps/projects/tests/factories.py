"""Helpers that make projects for tests in any app."""

from __future__ import annotations

from datetime import date

from apps.accounts.models import User
from apps.projects.models import Language, Level, Project


def make_project(
    teacher: User, *, students: tuple[User, ...] = (), language: str = "en", **fields
) -> Project:
    fields.setdefault("title", "English B1")
    fields.setdefault("level", Level.B1)
    fields.setdefault("start_date", date(2027, 1, 4))
    project = Project.objects.create(
        teacher=teacher, language=Language.objects.get(code=language), **fields
    )
    project.students.set(students)
    return project
