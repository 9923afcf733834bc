"""The teacher's exercise builder: create, edit with a live preview, delete, duplicate,
export and import as JSON, submit to the library.

Only the author edits, deletes and submits an exercise; every other teacher gets a 404 for a
private exercise. Library exercises of others can be duplicated and exported, never edited.
"""

from __future__ import annotations

import json
import math

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import NoReverseMatch, reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect, trigger_client_event

from apps.accounts.access import teacher_required
from apps.common.http import AuthedRequest, wants_fragment

from . import kinds, selectors, services, transfer
from .forms import ITEM_PREFIX, MAX_ITEMS, ExerciseForm, ImportForm, item_formset_class
from .models import Exercise, Item, LibraryState, Tag

PLAYER_ITEM_TEMPLATE = "exercises/_item.html"
FALLBACK_ITEM_TEMPLATE = "exercises/build/build_preview_item.html"


# Access: a 404 for everyone who may not see the exercise.


def _own_exercise_or_404(request: AuthedRequest, exercise_id: int) -> Exercise:
    return selectors.exercise_for_teacher_or_404(request.user, exercise_id, editable=True)


def _visible_exercise_or_404(request: AuthedRequest, exercise_id: int) -> Exercise:
    """The teacher's own exercise or one from the library."""
    return selectors.exercise_for_teacher_or_404(request.user, exercise_id)


def _list_url() -> str:
    try:
        return reverse("exercises:list")
    except NoReverseMatch:
        return reverse("exercises:create")


def _navigate(request: AuthedRequest, url: str) -> HttpResponse:
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return redirect(url)


# Saving (atomic: the exercise, its tags and all its items, or nothing)


def _set_tags(exercise: Exercise, names: list[str]) -> None:
    tags = []
    for name in names:
        tag = Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(name=name)
        tags.append(tag)
    exercise.tags.set(tags)


@transaction.atomic
def _exercise_create(*, form: ExerciseForm, author) -> Exercise:
    exercise = form.save(commit=False)
    exercise.author = author
    exercise.category = form.cleaned_data["category"]
    exercise.library_state = LibraryState.PRIVATE
    exercise.save()
    _set_tags(exercise, form.cleaned_data["tag_names"])
    return exercise


def _ordered_rows(formset) -> list:
    """The forms that are kept, in the order the teacher gave them (empty new rows left out)."""
    rows = []
    for index, form in enumerate(formset.forms):
        if formset._should_delete_form(form):
            continue
        if index >= formset.initial_form_count() and not form.has_changed():
            continue
        rows.append((_position_of(form), index, form))
    rows.sort(key=lambda row: (row[0], row[1]))
    return [form for _position, _index, form in rows]


def _position_of(form) -> float:
    raw = form.data.get(form.add_prefix("ORDER"), "")
    try:
        return float(raw)
    except (TypeError, ValueError):
        return math.inf


def _file_value(item: Item, field: str, value) -> None:
    if value is False:
        setattr(item, field, "")
    elif value and hasattr(value, "content_type"):  # a new upload
        setattr(item, field, value)


@transaction.atomic
def _exercise_save(*, exercise: Exercise, form: ExerciseForm, formset) -> bool:
    """Save the settings and items; True when an approved exercise went back to pending."""
    exercise = form.save(commit=False)
    exercise.category = form.cleaned_data["category"]
    back_to_pending = exercise.library_state == LibraryState.APPROVED
    if back_to_pending:
        exercise.library_state = LibraryState.PENDING
    exercise.save()
    _set_tags(exercise, form.cleaned_data["tag_names"])

    existing = {
        item.pk: item for item in Item.objects.select_for_update().filter(exercise=exercise)
    }
    deleted = {
        f.cleaned_data.get("item")
        for f in formset.forms
        if formset._should_delete_form(f) and f.cleaned_data.get("item") in existing
    }
    Item.objects.filter(exercise=exercise, pk__in=deleted).delete()
    for position, item_form in enumerate(_ordered_rows(formset)):
        data = item_form.cleaned_data
        item = existing.get(data.get("item")) or Item(exercise=exercise)
        if item.pk in deleted:
            continue
        item.position = position
        item.data = item_form.item_data()
        item.explanation = data.get("explanation", "").strip()
        _file_value(item, "image", data.get("image"))
        _file_value(item, "audio", data.get("audio"))
        item.save()
    return back_to_pending


# Creating


@teacher_required
def exercise_create(request: AuthedRequest) -> HttpResponse:
    form = ExerciseForm(request.POST or None, initial={"tolerance": Exercise.Tolerance.IGNORE_CASE})
    if request.method == "POST" and form.is_valid():
        exercise = _exercise_create(form=form, author=request.user)
        messages.success(request, _("The exercise is created. Now add its items."))
        return _navigate(request, reverse("exercises:edit", args=[exercise.pk]))
    return render(request, "exercises/build_create.html", {"form": form, "list_url": _list_url()})


# Editing


def _item_initial(exercise: Exercise, items: list[Item]) -> list[dict]:
    form_class = item_formset_class(exercise.kind).form
    return [
        {
            "item": item.pk,
            "explanation": item.explanation,
            "image": item.image or None,
            "audio": item.audio or None,
            **_content_initial(form_class, item.data),
        }
        for item in items
    ]


def _content_initial(form_class, data) -> dict:
    """The item form's fields for stored data; data of the wrong shape shows as empty fields."""
    try:
        return form_class.initial_for(data if isinstance(data, dict) else {})
    except (AttributeError, TypeError, ValueError):
        return {}


def _item_formset(request: AuthedRequest, exercise: Exercise, items: list[Item]):
    formset_class = item_formset_class(exercise.kind)
    initial = _item_initial(exercise, items)
    if request.method != "POST":
        formset = formset_class(initial=initial, prefix=ITEM_PREFIX)
        if not items:
            formset.extra = 1  # a new exercise starts with one empty item
        return formset
    data = request.POST
    if "add_item" in data or "remove_item" in data:
        # Without JavaScript the row buttons submit the form: show it again, changed.
        data = data.copy()
        total = _int(data.get(f"{ITEM_PREFIX}-TOTAL_FORMS"))
        if "add_item" in data:
            data[f"{ITEM_PREFIX}-TOTAL_FORMS"] = str(min(total + 1, MAX_ITEMS))
        else:
            data[f"{ITEM_PREFIX}-{_int(data.get('remove_item'))}-DELETE"] = "on"
    return formset_class(data, request.FILES, initial=initial, prefix=ITEM_PREFIX)


def _int(value) -> int:
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return 0


def _edit_page(request: AuthedRequest, exercise: Exercise, form, formset, preview) -> HttpResponse:
    context = {
        "exercise": exercise,
        "form": form,
        "formset": formset,
        "preview": preview,
        "list_url": _list_url(),
        "typed_kind": kinds.KINDS[exercise.kind].typed,
        "states": LibraryState,
        "item_template": _item_template(),
    }
    return render(request, "exercises/build_edit.html", context)


@teacher_required
def exercise_edit(request: AuthedRequest, exercise_id: int) -> HttpResponse:
    exercise = _own_exercise_or_404(request, exercise_id)
    items = list(exercise.items.order_by("position", "pk"))
    form = ExerciseForm(request.POST or None, instance=exercise)
    formset = _item_formset(request, exercise, items)
    row_change = "add_item" in request.POST or "remove_item" in request.POST
    if request.method == "POST" and not row_change:
        form_valid = form.is_valid()  # both checked, so both show their errors
        if formset.is_valid() and form_valid:
            back_to_pending = _exercise_save(exercise=exercise, form=form, formset=formset)
            messages.success(request, _("The exercise is saved."))
            if back_to_pending:
                messages.info(
                    request,
                    _(
                        "It was in the library: it waits for approval again and is out of the "
                        "library until then."
                    ),
                )
            return _navigate(request, reverse("exercises:edit", args=[exercise.pk]))
    if request.method == "POST":
        preview = _preview_entries(exercise, formset, {item.pk: item for item in items})
    else:
        preview = _saved_preview(exercise, items)
    if row_change:  # only a row was added or removed: not yet the time to point out mistakes
        form.errors.clear()
        for item_form in formset:
            item_form.errors.clear()
    if request.method == "POST":
        exercise.refresh_from_db()  # the page shows what is saved, not the form's guesses
    return _edit_page(request, exercise, form, formset, preview)


@teacher_required
@require_GET
def item_row(request: AuthedRequest, exercise_id: int) -> HttpResponse:
    """One more empty item form (htmx), numbered after the rows there are."""
    exercise = _own_exercise_or_404(request, exercise_id)
    index = min(_int(request.GET.get(f"{ITEM_PREFIX}-TOTAL_FORMS")), MAX_ITEMS - 1)
    formset = item_formset_class(exercise.kind)(prefix=ITEM_PREFIX)
    item_form = formset.form(
        auto_id=formset.auto_id,
        prefix=formset.add_prefix(index),
        empty_permitted=True,
        use_required_attribute=False,
    )
    formset.add_fields(item_form, index)
    context = {
        "exercise": exercise,
        "item_form": item_form,
        "index": index,
        "number": index + 1,
        "total_forms": index + 1,
    }
    return render(request, "exercises/build/build_item.html", context)


@teacher_required
@require_GET
def item_row_remove(request: AuthedRequest, exercise_id: int) -> HttpResponse:
    """What replaces a removed item form (htmx): it is deleted when the exercise is saved."""
    exercise = _own_exercise_or_404(request, exercise_id)
    index = min(_int(request.GET.get("index")), MAX_ITEMS - 1)
    item_id = _int(request.GET.get("item")) or None
    if item_id is not None and not exercise.items.filter(pk=item_id).exists():
        raise Http404
    context = {"prefix": f"{ITEM_PREFIX}-{index}", "item_id": item_id}
    response = render(request, "exercises/build/build_item_removed.html", context)
    return trigger_client_event(response, "buildChanged", after="settle")


# The live preview


def _item_template() -> str:
    try:
        get_template(PLAYER_ITEM_TEMPLATE)
    except TemplateDoesNotExist:
        return FALLBACK_ITEM_TEMPLATE
    return PLAYER_ITEM_TEMPLATE


def _preview_item(exercise: Exercise, position: int, data: dict, explanation: str, saved) -> Item:
    item = Item(exercise=exercise, position=position, data=data, explanation=explanation)
    if saved is not None:
        item.pk = saved.pk  # the same shuffle the students get
        item.image, item.audio = saved.image, saved.audio
    else:
        item.pk = -(position + 1)  # new items' fields must not share names in the preview
    return item


def _saved_preview(exercise: Exercise, items: list[Item]) -> list[dict]:
    return [
        {"number": n, "item": item, "view": kinds.public_item_view(item), "errors": []}
        for n, item in enumerate(items, start=1)
    ]


def _preview_entries(exercise: Exercise, formset, saved: dict[int, Item]) -> list[dict]:
    """Each item the teacher is writing, as a student will see it, or what is wrong with it."""
    formset.is_valid()
    entries = []
    for number, form in enumerate(_ordered_rows(formset), start=1):
        errors = [str(e) for errors in form.errors.values() for e in errors]
        cleaned = form.cleaned_data
        if errors or "data" not in cleaned:
            entries.append(
                {"number": number, "errors": errors or [_("This item is not complete.")]}
            )
            continue
        item = _preview_item(
            exercise,
            number - 1,
            form.item_data(),
            cleaned.get("explanation", ""),
            saved.get(cleaned.get("item")),
        )
        entries.append(
            {"number": number, "item": item, "view": kinds.public_item_view(item), "errors": []}
        )
    return entries


@teacher_required
@require_POST
def exercise_preview(request: AuthedRequest, exercise_id: int) -> HttpResponse:
    """The items as the form holds them, rendered like the player does; nothing is saved."""
    exercise = _own_exercise_or_404(request, exercise_id)
    items = list(exercise.items.all())
    formset = item_formset_class(exercise.kind)(
        request.POST, initial=_item_initial(exercise, items), prefix=ITEM_PREFIX
    )
    exercise.title = request.POST.get("title", exercise.title)[:200]
    exercise.instructions = request.POST.get("instructions", exercise.instructions)[:5000]
    context = {
        "exercise": exercise,
        "preview": _preview_entries(exercise, formset, {item.pk: item for item in items}),
        "item_template": _item_template(),
    }
    return render(request, "exercises/build/build_preview.html", context)


# Delete, duplicate, export, import, submit


@teacher_required
def exercise_delete(request: AuthedRequest, exercise_id: int) -> HttpResponse:
    exercise = _own_exercise_or_404(request, exercise_id)
    if request.method == "POST":
        title = exercise.title
        exercise.delete()
        messages.success(request, _("“%(title)s” is deleted.") % {"title": title})
        return _navigate(request, _list_url())
    context = {"exercise": exercise, "attempt_count": exercise.attempts.count()}
    template = "exercises/build_delete.html"
    if wants_fragment(request):
        template += "#dialog"
    return render(request, template, context)


@teacher_required
@require_POST
def exercise_duplicate(request: AuthedRequest, exercise_id: int) -> HttpResponse:
    exercise = _visible_exercise_or_404(request, exercise_id)
    copy = services.exercise_duplicate(exercise=exercise, by=request.user)
    messages.success(request, _("This is your own copy; change it as you like."))
    return _navigate(request, reverse("exercises:edit", args=[copy.pk]))


@teacher_required
@require_GET
def exercise_export(request: AuthedRequest, exercise_id: int) -> HttpResponse:
    exercise = _visible_exercise_or_404(request, exercise_id)
    data = transfer.export_exercise(exercise)
    body = json.dumps(data, ensure_ascii=False, indent=2)
    name = slugify(exercise.title) or "exercise"
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.json"'
    return response


@teacher_required
def exercise_import(request: AuthedRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            created = transfer.import_exercises(
                form.cleaned_data["file"], author=request.user, library_state=LibraryState.PRIVATE
            )
        except transfer.TransferError as error:
            problems = [str(message) for message in error.errors]
        else:
            if len(created) == 1:
                messages.success(request, _("The exercise is imported."))
                return _navigate(request, reverse("exercises:edit", args=[created[0].pk]))
            count = len(created)
            messages.success(
                request,
                ngettext(
                    "%(count)s exercise is imported.", "%(count)s exercises are imported.", count
                )
                % {"count": count},
            )
            return _navigate(request, _list_url())
    context = {"form": form, "problems": problems, "list_url": _list_url()}
    return render(request, "exercises/build_import.html", context)


@teacher_required
@require_POST
def exercise_submit(request: AuthedRequest, exercise_id: int) -> HttpResponse:
    """The author offers the exercise to the library; an administrator approves it."""
    exercise = _own_exercise_or_404(request, exercise_id)
    if exercise.library_state in (LibraryState.PRIVATE, LibraryState.REJECTED):
        try:
            services.exercise_submit_for_library(exercise=exercise)
        except ValueError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("The exercise is submitted to the library and waits for approval.")
            )
    return _navigate(request, reverse("exercises:edit", args=[exercise.pk]))
