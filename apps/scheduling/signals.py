"""What the calendar shows changed: its cached pages are out of date (calendar_cache.py).

Saves and deletes (the admin's too, and cascades) arrive here; the bulk updates in services.py,
which send no signals, call calendar_changed themselves."""

from __future__ import annotations

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from apps.homework.models import Homework
from apps.projects.models import Project

from .calendar_cache import calendar_changed
from .models import DayOff, Lesson, TimetableSlot


@receiver(post_save, sender=Lesson)
@receiver(post_delete, sender=Lesson)
@receiver(post_save, sender=TimetableSlot)
@receiver(post_delete, sender=TimetableSlot)
def _lesson_or_slot_changed(sender, instance, **kwargs) -> None:
    calendar_changed(project_ids=[instance.project_id])


@receiver(post_save, sender=DayOff)
@receiver(post_delete, sender=DayOff)
@receiver(post_save, sender=Project)
@receiver(post_delete, sender=Project)
@receiver(post_save, sender=Homework)
@receiver(post_delete, sender=Homework)
def _teachers_thing_changed(sender, instance, **kwargs) -> None:
    calendar_changed(teacher_ids=[instance.teacher_id])


@receiver(m2m_changed, sender=Project.students.through)
def _project_students_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    if reverse:  # student.projects.add(...): instance is the student
        calendar_changed(
            project_ids=pk_set or instance.student_projects.values_list("pk", flat=True)
        )
    else:
        calendar_changed(teacher_ids=[instance.teacher_id])


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def _student_changed(sender, instance, update_fields, **kwargs) -> None:
    """A student's name is on their lessons in their teachers' calendars."""
    if not instance.is_student or kwargs.get("created"):
        return
    if update_fields is not None and set(update_fields) <= {"last_login", "password"}:
        return
    calendar_changed(project_ids=list(instance.student_projects.values_list("pk", flat=True)))
