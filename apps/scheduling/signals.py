"""What a teacher's pages show changed: the pages kept in the cache are out of date
(teacher_cache.py).

Saves and deletes (the admin's too, and cascades) arrive here; the bulk updates in services.py,
which send no signals, call teacher_data_changed themselves."""

from __future__ import annotations

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from apps.homework.models import Homework
from apps.lessons.models import Package, Payment
from apps.projects.models import Project

from .models import DayOff, Lesson, TimetableSlot
from .teacher_cache import teacher_data_changed


@receiver(post_save, sender=Lesson)
@receiver(post_delete, sender=Lesson)
@receiver(post_save, sender=TimetableSlot)
@receiver(post_delete, sender=TimetableSlot)
@receiver(post_save, sender=Payment)
@receiver(post_delete, sender=Payment)
@receiver(post_save, sender=Package)
@receiver(post_delete, sender=Package)
def _project_thing_changed(sender, instance, **kwargs) -> None:
    teacher_data_changed(project_ids=[instance.project_id])


@receiver(post_save, sender=DayOff)
@receiver(post_delete, sender=DayOff)
@receiver(post_save, sender=Project)
@receiver(post_delete, sender=Project)
@receiver(post_save, sender=Homework)
@receiver(post_delete, sender=Homework)
def _teachers_thing_changed(sender, instance, **kwargs) -> None:
    teacher_data_changed(teacher_ids=[instance.teacher_id])


@receiver(m2m_changed, sender=Project.students.through)
def _project_students_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    if reverse:  # student.projects.add(...): instance is the student
        teacher_data_changed(
            project_ids=pk_set or instance.student_projects.values_list("pk", flat=True)
        )
    else:
        teacher_data_changed(teacher_ids=[instance.teacher_id])


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def _student_changed(sender, instance, update_fields, **kwargs) -> None:
    """A student's name is on their lessons in their teachers' calendars and lists."""
    if not instance.is_student or kwargs.get("created"):
        return
    if update_fields is not None and set(update_fields) <= {"last_login", "password"}:
        return
    teacher_data_changed(project_ids=list(instance.student_projects.values_list("pk", flat=True)))
