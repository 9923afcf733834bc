"""Operations on accounts: sign-up, moderation, invitations."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mail_admins
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from .models import Invitation, Role, TeacherStudent, User

INVALID_LINK = _lazy("This invitation link is not valid. Check that you copied all of it.")


class InvitationError(Exception):
    """The invitation cannot be used; the message says why, for the person holding the link."""


def _send_to_user(
    user_or_email: User | str, language: str, subject: str, template: str, context: dict
) -> None:
    """Send `accounts/email/<template>.txt` with its `.html` twin as the HTML alternative."""
    address = user_or_email.email if isinstance(user_or_email, User) else user_or_email
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {"site_url": settings.SITE_URL, **context}
        text = render_to_string(f"accounts/email/{template}.txt", context)
        html = render_to_string(f"accounts/email/{template}.html", context)
        message = EmailMultiAlternatives(
            settings.EMAIL_SUBJECT_PREFIX + str(subject), text, None, [address]
        )
        message.attach_alternative(html, "text/html")
        message.send()


def teacher_sign_up(*, email: str, name: str, password: str, time_zone: str, language: str) -> User:
    """Create a pending teacher and tell the administrators."""
    teacher = User.objects.create_user(
        email=email,
        password=password,
        name=name,
        role=Role.TEACHER,
        time_zone=time_zone,
        language=language,
    )
    with translation.override(settings.LANGUAGE_CODE):
        mail_admins(
            _("New teacher awaiting approval: %(name)s") % {"name": teacher.name},
            render_to_string(
                "accounts/email/teacher_signed_up.txt",
                {
                    "teacher": teacher,
                    "admin_url": settings.SITE_URL
                    + reverse("admin:accounts_user_changelist")
                    + "?role__exact=teacher&pending=yes",
                },
            ),
        )
    return teacher


def teacher_approve(*, teacher: User) -> bool:
    """Approve a pending teacher and let them know. Returns False if there was nothing to do."""
    updated = User.objects.filter(
        pk=teacher.pk, role=Role.TEACHER, approved_at__isnull=True
    ).update(approved_at=timezone.now())
    if not updated:
        return False
    teacher.refresh_from_db(fields=["approved_at"])
    _send_to_user(
        teacher,
        teacher.language,
        _("Your teacher account is approved"),
        "teacher_approved",
        {"teacher": teacher, "login_url": settings.SITE_URL + reverse("accounts:login")},
    )
    return True


def student_link(*, teacher: User, student: User) -> TeacherStudent:
    link, _created = TeacherStudent.objects.get_or_create(teacher=teacher, student=student)
    return link


def _send_invitation(invitation: Invitation, link: str) -> None:
    if invitation.email:
        _send_to_user(
            invitation.email,
            invitation.teacher.language,
            _("%(teacher)s invites you to study on Verbal Voyager")
            % {"teacher": invitation.teacher.name},
            "invitation",
            {"invitation": invitation, "link": link},
        )


def invitation_create(
    *, teacher: User, email: str = "", name: str = "", link_base: str
) -> Invitation:
    """Invite a student by link; when an address is given the link is also e-mailed.

    `link_base` is the scheme and host the link is built on (from the request).
    """
    invitation = Invitation.objects.create(teacher=teacher, email=email.lower(), name=name)
    _send_invitation(invitation, link_base + invitation.get_absolute_url())
    return invitation


@transaction.atomic
def student_create(*, teacher: User, name: str, email: str, link_base: str) -> Invitation:
    """Create a student account directly; the returned invitation lets them set a password."""
    student = User.objects.create_user(email=email, password=None, name=name, role=Role.STUDENT)
    student_link(teacher=teacher, student=student)
    invitation = Invitation.objects.create(
        teacher=teacher, email=student.email, name=name, student=student
    )
    _send_invitation(invitation, link_base + invitation.get_absolute_url())
    return invitation


def invitation_revoke(*, invitation: Invitation) -> None:
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])


def invitation_renew(*, invitation: Invitation, link_base: str) -> Invitation:
    """Replace an invitation (expired, revoked or lost) by a fresh one for the same person."""
    with transaction.atomic():
        invitation_revoke(invitation=invitation)
        fresh = Invitation.objects.create(
            teacher=invitation.teacher,
            email=invitation.email,
            name=invitation.name,
            student=invitation.student,
        )
    _send_invitation(fresh, link_base + fresh.get_absolute_url())
    return fresh


def _lock_open_invitation(token: str) -> Invitation:
    invitation = (
        Invitation.objects.select_for_update().select_related("teacher").filter(token=token).first()
    )
    if invitation is None:
        raise InvitationError(INVALID_LINK)
    if invitation.problem:
        raise InvitationError(invitation.problem)
    return invitation


def invitation_accept_new(
    *, token: str, email: str, name: str, password: str, time_zone: str, language: str
) -> User:
    """Accept an invitation by creating the student's account or, if the teacher created it, finishing it."""
    with transaction.atomic():
        invitation = _lock_open_invitation(token)
        if invitation.student_id:
            student = invitation.student
            student.name = name
            student.set_password(password)
            student.time_zone = time_zone
            student.language = language
            student.save(update_fields=["name", "password", "time_zone", "language"])
        else:
            student = User.objects.create_user(
                email=email,
                password=password,
                name=name,
                role=Role.STUDENT,
                time_zone=time_zone,
                language=language,
            )
        student_link(teacher=invitation.teacher, student=student)
        _mark_accepted(invitation, student)
    return student


def invitation_accept_existing(*, token: str, student: User) -> Invitation:
    """A student who already has an account joins one more teacher."""
    with transaction.atomic():
        invitation = _lock_open_invitation(token)
        if not student.is_student:
            raise InvitationError(
                _("Invitations are for students. You are logged in with a different role.")
            )
        if invitation.student_id and invitation.student_id != student.pk:
            raise InvitationError(_("This invitation was made for another student's account."))
        student_link(teacher=invitation.teacher, student=student)
        _mark_accepted(invitation, student)
    return invitation


def _mark_accepted(invitation: Invitation, student: User) -> None:
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = student
    invitation.save(update_fields=["accepted_at", "accepted_by"])
