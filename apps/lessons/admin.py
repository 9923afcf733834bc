from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from apps.scheduling.admin import LessonAdmin
from apps.scheduling.models import Lesson, LessonStatus

from . import services
from .models import LessonStatusChange, Package, Payment


class VoidedFilter(admin.SimpleListFilter):
    title = _("voided")
    parameter_name = "voided"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.voided()
        if self.value() == "no":
            return queryset.valid()
        return queryset


class VoidForm(forms.ModelForm):
    """Voiding happens on the change form: tick "void" and say why."""

    void = forms.BooleanField(label=_("void"), required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("void") and not (cleaned.get("void_reason") or "").strip():
            self.add_error("void_reason", _("Say why it is voided."))
        return cleaned


class VoidableAdmin(admin.ModelAdmin):
    """Money records are never deleted, and not edited once voided."""

    form = VoidForm
    actions = None
    list_filter = [VoidedFilter]
    readonly_fields = ["currency", "created_by", "created_at", "voided_at", "voided_by"]
    autocomplete_fields = ["project"]
    service_void = None

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_voided:
            return [f.name for f in self.model._meta.fields]
        return self.readonly_fields

    def get_fields(self, request, obj=None):
        fields = [*super().get_fields(request, obj)]
        if obj is None:
            return [f for f in fields if f not in {"void", "void_reason"}]
        if obj.is_voided:
            return [f for f in fields if f != "void"]
        return fields

    def save_model(self, request, obj, form, change: bool) -> None:
        if not change:
            obj.created_by = request.user
            obj.currency = obj.project.currency
        if change and form.cleaned_data.get("void"):
            reason = form.cleaned_data["void_reason"]
            obj.void_reason = ""  # the service sets it with the void
            super().save_model(request, obj, form, change)
            self.void(obj=obj, reason=reason, by=request.user)
            return
        obj.void_reason = ""  # a reason alone, without "void" ticked, voids nothing
        super().save_model(request, obj, form, change)

    def void(self, *, obj, reason: str, by) -> None:
        raise NotImplementedError


@admin.register(Payment)
class PaymentAdmin(VoidableAdmin):
    list_display = ["paid_on", "student", "project", "amount", "currency", "method", "voided_at"]
    list_filter = [
        "method",
        VoidedFilter,
        ("project__teacher", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["student", "project"]
    search_fields = ["student__name", "student__email", "project__title", "comment"]
    date_hierarchy = "paid_on"
    autocomplete_fields = ["project", "student"]

    def void(self, *, obj, reason: str, by) -> None:
        services.payment_void(payment=obj, reason=reason, by=by)


@admin.register(Package)
class PackageAdmin(VoidableAdmin):
    list_display = ["bought_on", "project", "lessons", "price", "currency", "voided_at"]
    list_filter = [VoidedFilter, ("project__teacher", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["project"]
    search_fields = ["project__title", "project__students__name", "comment"]
    date_hierarchy = "bought_on"

    def void(self, *, obj, reason: str, by) -> None:
        services.package_void(package=obj, reason=reason, by=by)


class LessonStatusChangeInline(admin.TabularInline):
    model = LessonStatusChange
    extra = 0
    fields = ["changed_at", "from_status", "to_status", "changed_by"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


admin.site.unregister(Lesson)


@admin.register(Lesson)
class LessonWithHistoryAdmin(LessonAdmin):
    inlines = [LessonStatusChangeInline]
    actions = [*LessonAdmin.actions, "mark_held", "mark_cancelled_by_teacher", "mark_paid"]

    def get_inline_instances(self, request, obj=None):
        # The history is read-only: a POST has nothing to save in it, and leaving it out
        # means a form posted without its (empty) management form is still valid.
        if request.method == "POST":
            return []
        return super().get_inline_instances(request, obj)

    def save_model(self, request, obj: Lesson, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change and "status" in form.changed_data:
            LessonStatusChange.objects.create(
                lesson=obj,
                changed_by=request.user,
                from_status=form.initial.get("status", ""),
                to_status=obj.status,
            )

    def _set_status(self, request, queryset, status: str) -> None:
        changed, refused = 0, []
        for lesson in queryset:
            before = lesson.status
            try:
                services.lesson_set_status(lesson=lesson, status=status, by=request.user)
            except ValueError as exc:
                refused.append(f"{lesson}: {exc}")
                continue
            changed += before != status
        self.message_user(
            request,
            ngettext("%(count)d lesson changed.", "%(count)d lessons changed.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )
        for message in refused:
            self.message_user(request, message, messages.WARNING)

    @admin.action(description=_("Mark selected lessons held"))
    def mark_held(self, request, queryset):
        self._set_status(request, queryset, LessonStatus.HELD)

    @admin.action(description=_("Mark selected lessons cancelled by the teacher"))
    def mark_cancelled_by_teacher(self, request, queryset):
        self._set_status(request, queryset, LessonStatus.CANCELLED_BY_TEACHER)

    @admin.action(description=_("Mark selected lessons paid"))
    def mark_paid(self, request, queryset):
        """Record what each selected lesson still owes, oldest first; lessons already paid,
        covered by a package or not charged record nothing."""
        recorded, refused = 0, []
        for lesson in queryset.select_related("project").order_by("start", "pk"):
            try:
                payment = services.lesson_mark_paid(lesson=lesson, by=request.user)
            except (ValueError, ValidationError) as exc:
                refused.append(f"{lesson}: {'; '.join(getattr(exc, 'messages', [str(exc)]))}")
                continue
            recorded += payment is not None
        self.message_user(
            request,
            ngettext("%(count)d payment recorded.", "%(count)d payments recorded.", recorded)
            % {"count": recorded},
            messages.SUCCESS,
        )
        for message in refused:
            self.message_user(request, message, messages.WARNING)
