from __future__ import annotations

import pytest

from apps.accounts.models import Invitation


@pytest.fixture
def invitation(teacher) -> Invitation:
    """An open invitation by link, without an address."""
    return Invitation.objects.create(teacher=teacher, name="Nina New")


@pytest.fixture
def other_invitation(other_teacher) -> Invitation:
    return Invitation.objects.create(teacher=other_teacher, name="Someone Else")


@pytest.fixture
def new_student_data(password) -> dict:
    """What a new student types into the invitation form."""
    return {
        "name": "Nina New",
        "email": "nina@example.com",
        "password1": password,
        "password2": password,
        "time_zone": "Europe/Berlin",
        "language": "en",
    }
