"""Admin for the exercise library: categories, tags, exercises (with moderation), attempts.

Moderators approve exercises teachers offer to the shared library, or reject them with a
reason the author sees. Attempts are shown read-only.
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .kinds import KINDS, validate_item_data
from .models import Attempt, Category, Exercise, Item, LibraryState, Tag


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["full_path", "parent", "position"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["parent__parent__parent__parent"]
    search_fields = ["name", "parent__name"]
    ordering = ["parent__name", "position", "name"]
    autocomplete_fields = ["parent"]

    @admin.display(description=_("category"))
    def full_path(self, obj: Category) -> str:
        return str(obj)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "exercise_count"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(exercise_count=Count("exercises"))

    @admin.display(description=_("exercises"), ordering="exercise_count")
    def exercise_count(self, obj: Tag) -> int:
        return obj.exercise_count


class PrettyJSONField(forms.JSONField):
    def prepare_value(self, value):
        if isinstance(value, str):
            return value
        return json.dumps(value, ensure_ascii=False, indent=2)


class ItemForm(forms.ModelForm):
    data = PrettyJSONField(
        label=_("content"),
        widget=forms.Textarea(attrs={"rows": 6, "cols": 80, "class": "vLargeTextField"}),
    )

    class Meta:
        model = Item
        fields = ["position", "data", "explanation", "audio", "image"]


class ItemFormSet(forms.BaseInlineFormSet):
    """Every item's content is validated for the exercise's type (as chosen on the form)."""

    def clean(self):
        super().clean()
        kind = self.instance.kind
        if kind not in KINDS:  # the exercise form itself reports the missing type
            return
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            if "data" not in form.cleaned_data:
                continue
            for message in validate_item_data(kind, form.cleaned_data["data"]):
                form.add_error("data", message)


class ItemInline(admin.StackedInline):
    model = Item
    form = ItemForm
    formset = ItemFormSet
    extra = 0


class ModerationFilter(admin.SimpleListFilter):
    """The moderators' queue: exercises waiting for approval, the longest waiting first."""

    title = _("moderation")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [("pending", _("Waiting for approval (oldest first)"))]

    def queryset(self, request, queryset):
        if self.value() == "pending":
            return queryset.filter(library_state=LibraryState.PENDING).order_by("updated_at", "pk")
        return queryset


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejection"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=_("The author sees it."),
    )


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "kind",
        "language",
        "level",
        "category",
        "author",
        "library_state",
        "item_count",
        "updated_at",
    ]
    list_filter = [
        ModerationFilter,
        "library_state",
        "kind",
        "language",
        "level",
        ("category", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["language", "author", "category__parent__parent__parent"]
    search_fields = ["title", "instructions", "author__email", "author__name", "tags__name"]
    autocomplete_fields = ["author", "category", "tags"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [ItemInline]
    actions = ["approve", "reject"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(item_count=Count("items", distinct=True))

    @admin.display(description=_("items"), ordering="item_count")
    def item_count(self, obj: Exercise) -> int:
        return obj.item_count

    @admin.action(description=_("Approve for the library"))
    def approve(self, request: HttpRequest, queryset) -> None:
        approved = 0
        for exercise in queryset.prefetch_related("items"):
            items = list(exercise.items.all())
            broken = not items or any(validate_item_data(exercise.kind, i.data) for i in items)
            if broken:
                self.message_user(
                    request,
                    _("“%(title)s” was not approved: it has no items or an item is invalid.")
                    % {"title": exercise.title},
                    messages.WARNING,
                )
                continue
            services.exercise_approve(exercise=exercise)
            approved += 1
        if approved:
            self.message_user(
                request,
                ngettext(
                    "%(count)d exercise approved for the library.",
                    "%(count)d exercises approved for the library.",
                    approved,
                )
                % {"count": approved},
                messages.SUCCESS,
            )

    @admin.action(description=_("Reject (with a reason)"))
    def reject(self, request: HttpRequest, queryset):
        form = RejectForm(request.POST if "reason" in request.POST else None)
        if form.is_bound and form.is_valid():
            count = 0
            for exercise in queryset:
                services.exercise_reject(exercise=exercise, reason=form.cleaned_data["reason"])
                count += 1
            self.message_user(
                request,
                ngettext("%(count)d exercise rejected.", "%(count)d exercises rejected.", count)
                % {"count": count},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Reject exercises"),
            "opts": self.model._meta,
            "form": form,
            "exercises": queryset,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "select_across": request.POST.get("select_across", "0"),
        }
        return TemplateResponse(request, "admin/exercises/reject.html", context)


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    """Attempts are the students' record: shown, never added or edited here."""

    list_display = [
        "student",
        "exercise",
        "score",
        "points",
        "max_points",
        "needs_review",
        "finished_at",
    ]
    list_filter = ["exercise__kind", "needs_review", "finished_at"]
    list_select_related = ["student", "exercise"]
    search_fields = ["student__email", "student__name", "exercise__title"]
    date_hierarchy = "finished_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
