"""Vocabulary pieces other pages include: the due-today box and the "Add to my words" form."""

from __future__ import annotations

from django import template
from django.utils import timezone

from apps.vocabulary import selectors
from apps.vocabulary.models import Word

register = template.Library()


@register.inclusion_tag("vocabulary/_due_today.html")
def words_due(student) -> dict:
    """`{% words_due student %}`: "N words due today" with a link to the review."""
    now = timezone.now()
    return {"due_count": selectors.words_due_count(student, now), "student": student}


@register.inclusion_tag("vocabulary/_add_form.html", takes_context=True)
def add_to_words(context, entry) -> dict:
    """The add form for a dictionary entry: a student's own words, or a teacher's students'."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    data = {
        "entry": entry,
        "viewer": None,
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
    if user is None or not user.is_authenticated:
        return data
    if user.is_student:
        data["viewer"] = "student"
        data["existing"] = Word.objects.filter(student=user, entry=entry).first()
        data["lists"] = list(selectors.student_lists(user))
    elif user.is_approved_teacher:
        students = list(selectors.teacher_students(user))
        data["viewer"] = "teacher"
        data["students"] = students
        data["lists"] = list(selectors.lists_of_students([s.pk for s in students]))
    return data
