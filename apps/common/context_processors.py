from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# The header navigation per role: (label, url name). Later parts of the product add their pages here.
TEACHER_NAVIGATION = [
    (_("Dashboard"), "common:home"),
    (_("Calendar"), "scheduling:calendar"),
    (_("Students"), "projects:list"),
    (_("Homework"), "homework:review_queue"),
    (_("Exercises"), "exercises:list"),
    (_("Words"), "vocabulary:students"),
    (_("Dictionary"), "dictionary:search"),
    (_("Payments"), "lessons:payments"),
]
STUDENT_NAVIGATION = [
    (_("Today"), "common:home"),
    (_("My projects"), "projects:student_list"),
    (_("Homework"), "homework:list"),
    (_("Exercises"), "exercises:mine"),
    (_("My words"), "vocabulary:list"),
    (_("Dictionary"), "dictionary:search"),
    (_("My teachers"), "accounts:my_teachers"),
    (_("Payments"), "lessons:student_money"),
]
ADMIN_NAVIGATION = [
    (_("Dashboard"), "common:home"),
]


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    if user.is_approved_teacher:
        items = TEACHER_NAVIGATION
    elif user.is_student:
        items = STUDENT_NAVIGATION
    elif user.is_staff:
        items = ADMIN_NAVIGATION
    else:
        items = []
    path = request.path
    entries = []
    for label, name in items:
        url = reverse(name)
        current = path == url if url == "/" else path.startswith(url)
        entries.append({"label": label, "url": url, "current": current})
    return {"navigation": entries}
