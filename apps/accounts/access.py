"""Who may do what: decorators for views by role."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect


def teacher_required(view):
    """An approved teacher only. A pending teacher is sent to the awaiting-approval page."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_pending_teacher:
            return redirect("accounts:awaiting_approval")
        if not request.user.is_approved_teacher:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def student_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_student:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
