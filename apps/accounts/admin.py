from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import Invitation, Role, TeacherStudent, User


class PendingTeacherFilter(admin.SimpleListFilter):
    title = _("approval")
    parameter_name = "pending"

    def lookups(self, request, model_admin):
        return [("yes", _("Awaiting approval")), ("no", _("Approved"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(role=Role.TEACHER, approved_at__isnull=True)
        if self.value() == "no":
            return queryset.filter(role=Role.TEACHER, approved_at__isnull=False)
        return queryset


class StudentLinkInline(admin.TabularInline):
    model = TeacherStudent
    fk_name = "teacher"
    extra = 0
    autocomplete_fields = ["student"]
    verbose_name = _("student")
    verbose_name_plural = _("students")


class TeacherLinkInline(admin.TabularInline):
    model = TeacherStudent
    fk_name = "student"
    extra = 0
    autocomplete_fields = ["teacher"]
    verbose_name = _("teacher")
    verbose_name_plural = _("teachers")


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "name", "role"]


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    list_display = [
        "email",
        "name",
        "role",
        "approval",
        "time_zone",
        "is_active",
        "is_staff",
        "date_joined",
    ]
    list_filter = ["role", PendingTeacherFilter, "is_active", "is_staff", "language"]
    search_fields = ["name", "email"]
    ordering = ["-date_joined"]
    readonly_fields = ["date_joined", "last_login", "approved_at"]
    actions = ["approve_teachers"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profile"), {"fields": ["name", "role", "approved_at", "time_zone", "language"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {"classes": ["wide"], "fields": ["email", "name", "role", "password1", "password2"]},
        ),
    ]

    def get_inlines(self, request, obj):
        if obj is None:
            return []
        if obj.is_teacher:
            return [StudentLinkInline]
        if obj.is_student:
            return [TeacherLinkInline]
        return []

    @admin.display(description=_("approval"))
    def approval(self, obj: User) -> str:
        if not obj.is_teacher:
            return "—"
        return _("approved") if obj.approved_at else _("awaiting approval")

    @admin.action(description=_("Approve selected teachers"))
    def approve_teachers(self, request, queryset):
        approved = sum(services.teacher_approve(teacher=teacher) for teacher in queryset)
        if approved:
            self.message_user(
                request,
                ngettext("%(count)d teacher approved.", "%(count)d teachers approved.", approved)
                % {"count": approved},
                messages.SUCCESS,
            )
        else:
            self.message_user(request, _("No pending teachers were selected."), messages.WARNING)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "email",
        "teacher",
        "state",
        "created_at",
        "expires_at",
        "accepted_by",
    ]
    list_filter = [
        ("accepted_at", admin.EmptyFieldListFilter),
        ("revoked_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["email", "name", "teacher__name", "teacher__email"]
    list_select_related = ["teacher", "accepted_by"]
    autocomplete_fields = ["teacher", "student"]
    readonly_fields = ["token", "created_at", "accepted_at", "accepted_by"]
    date_hierarchy = "created_at"

    @admin.display(description=_("state"))
    def state(self, obj: Invitation) -> str:
        return obj.state
