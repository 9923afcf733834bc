from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from apps.accounts.access import teacher_required
from apps.common.http import AuthedRequest, wants_fragment

from . import display, selectors, services, tasks
from .forms import AudioForm, PictureForm, SearchForm, SuggestionForm
from .models import Audio, Entry, Picture

ADD_BUTTON_TEMPLATE = "vocabulary/_add_button.html"
MAX_POLLS = 15  # the page asks every 2 seconds whether a queued pronunciation is ready


def member_required(view):
    """Approved teachers, students and staff. A pending teacher waits for approval."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if user.is_pending_teacher:
            return redirect("accounts:awaiting_approval")
        if not (user.is_approved_teacher or user.is_student or user.is_staff):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _entry_or_404(request: AuthedRequest, entry_id: int) -> Entry:
    # The dictionary is shared: every member sees every published entry.
    entry = get_object_or_404(Entry.objects.select_related("language"), pk=entry_id)
    if not entry.is_visible_to(request.user):
        raise Http404
    return entry


def _entry_detail_or_404(request: AuthedRequest, entry_id: int) -> Entry:
    entry = selectors.entry_detail(entry_id)
    if entry is None or not entry.is_visible_to(request.user):
        raise Http404
    return entry


def _has_template(name: str) -> bool:
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return False
    return True


# Search


@member_required
@require_GET
def search(request: AuthedRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    values = form.values()
    if wants_fragment(request):
        # What htmx asks for as a member types: the same for everyone who reads this language,
        # so the rendered rows are kept until the dictionary changes.
        fragment = "more-rows" if values["page"] > 1 else "results"  # "More words", or all
        html = selectors.kept(
            ("search-html", fragment, request.GET.urlencode(), get_language() or ""),
            lambda: render_to_string(
                f"dictionary/search.html#{fragment}", _search_context(form, values), request
            ),
        )
        return HttpResponse(html)
    context = _search_context(form, values)
    if request.user.is_staff:
        context["pending_count"] = selectors.pending_count()
    return render(request, "dictionary/search.html", context)


def _search_context(form: SearchForm, values: dict) -> dict:
    # "Not in the dictionary? Suggest it", with what was searched for.
    prefill = {
        "q": values["query"],
        "language": values["language"],
        "pos": values["part_of_speech"],
    }
    suggest_url = reverse("dictionary:suggest")
    if any(prefill.values()):
        suggest_url += "?" + urlencode({key: value for key, value in prefill.items() if value})
    results = selectors.search(**values)
    return {"form": form, "results": results, "suggest_url": suggest_url}


# The entry page


def _entry_context(request: AuthedRequest, entry: Entry, **extra) -> dict:
    drawing, pictures = display.pictures(entry)
    context = {
        "entry": entry,
        "headword": display.headword(entry),
        "forms": display.forms(entry),
        "senses": display.sense_groups(entry),
        # The OpenMoji drawing beside the headword; the teachers' pictures below.
        "drawing": drawing,
        "pictures": pictures,
        "can_edit": request.user.is_approved_teacher,
        "can_change_suggestion": entry.is_editable_by(request.user),
        "is_mine": entry.contributed_by_id is not None
        and entry.contributed_by_id == request.user.pk,
        "can_generate": services.can_generate(entry),
        "show_add_button": _has_template(ADD_BUTTON_TEMPLATE),
        "audio_form": None,
        "picture_form": None,
    }
    if context["can_edit"]:
        context["audio_form"] = AudioForm()
        context["picture_form"] = PictureForm()
    context.update(extra)
    return context


@member_required
@require_GET
def entry_detail(request: AuthedRequest, entry_id: int) -> HttpResponse:
    entry = _entry_detail_or_404(request, entry_id)
    return render(request, "dictionary/entry.html", _entry_context(request, entry))


# Suggested words: a member's, waiting for moderation


def _suggestion_or_404(request: AuthedRequest, entry_id: int) -> Entry:
    """An entry its contributor (or staff) may change; 404 to everyone else."""
    entry = get_object_or_404(Entry.objects.select_related("language"), pk=entry_id)
    if not (request.user.is_staff or entry.contributed_by_id == request.user.pk):
        raise Http404
    return entry


def _published_already(request: AuthedRequest, entry: Entry) -> HttpResponse:
    messages.info(request, _("This word is published already: only moderators change it now."))
    return redirect("dictionary:entry", entry_id=entry.pk)


def _suggestion_page(
    request: AuthedRequest, form: SuggestionForm, *, entry: Entry | None = None, duplicate=None
) -> HttpResponse:
    context = {
        "form": form,
        "entry": entry,
        "duplicate": duplicate,
        "duplicate_visible": duplicate is not None and duplicate.is_visible_to(request.user),
        "duplicate_editable": duplicate is not None and duplicate.is_editable_by(request.user),
    }
    return render(request, "dictionary/suggest.html", context)


@member_required
def suggest(request: AuthedRequest) -> HttpResponse:
    """Suggest a word the dictionary lacks; it waits for a moderator."""
    if request.method != "POST":
        form = SuggestionForm(initial=SuggestionForm.initial_from_search(request.GET))
        return _suggestion_page(request, form)
    form = SuggestionForm(request.POST)
    if not form.is_valid():
        return _suggestion_page(request, form)
    try:
        entry = services.entry_suggest(
            suggestion=services.Suggestion(**form.cleaned_data), by=request.user
        )
    except services.DuplicateEntry as error:
        return _suggestion_page(request, form, duplicate=error.entry)
    except services.SuggestionError as error:
        form.add_error(None, str(error))
        return _suggestion_page(request, form)
    messages.success(
        request,
        _("Thank you! The word waits for a moderator; we will e-mail you once it is published."),
    )
    return redirect("dictionary:entry", entry_id=entry.pk)


@member_required
def suggestion_edit(request: AuthedRequest, entry_id: int) -> HttpResponse:
    entry = _suggestion_or_404(request, entry_id)
    if not entry.is_editable_by(request.user):
        return _published_already(request, entry)
    if request.method != "POST":
        suggestion = services.suggestion_of(entry)
        form = SuggestionForm(initial=SuggestionForm.initial_from_suggestion(suggestion))
        return _suggestion_page(request, form, entry=entry)
    form = SuggestionForm(request.POST)
    if not form.is_valid():
        return _suggestion_page(request, form, entry=entry)
    try:
        services.entry_suggestion_update(
            entry=entry, suggestion=services.Suggestion(**form.cleaned_data)
        )
    except services.DuplicateEntry as error:
        return _suggestion_page(request, form, entry=entry, duplicate=error.entry)
    except services.SuggestionError:
        return _published_already(request, entry)
    messages.success(request, _("Your changes are saved."))
    return redirect("dictionary:entry", entry_id=entry.pk)


@member_required
def suggestion_delete(request: AuthedRequest, entry_id: int) -> HttpResponse:
    """Withdraw a suggested word: a confirmation page, then POST."""
    entry = _suggestion_or_404(request, entry_id)
    if not entry.is_editable_by(request.user):
        return _published_already(request, entry)
    if request.method != "POST":
        context = {"entry": entry}
        return render(request, "dictionary/suggestion_delete.html", context)
    try:
        services.entry_suggestion_delete(entry=entry)
    except services.SuggestionError:
        return _published_already(request, entry)
    messages.success(request, _("“%(headword)s” is withdrawn.") % {"headword": entry.headword})
    return redirect("dictionary:suggestions")


@member_required
@require_GET
def suggestions(request: AuthedRequest) -> HttpResponse:
    """The words the member suggested: waiting and published."""
    page = selectors.suggestions(user=request.user, page=request.GET.get("page") or 1)
    return render(request, "dictionary/suggestions.html", {"page": page})


# Pronunciation


@member_required
@require_GET
def entry_audio(request: AuthedRequest, entry_id: int) -> HttpResponse:
    """The pronunciation block alone: htmx polls it while a generation is queued."""
    entry = _entry_detail_or_404(request, entry_id)
    try:
        tries = int(request.GET.get("pending", "0"))
    except ValueError:
        tries = 0
    waiting = not entry.audio.all() and tries > 0
    context = _entry_context(
        request,
        entry,
        pending=waiting and tries < MAX_POLLS,
        pending_tries=tries + 1,
        gave_up=waiting and tries >= MAX_POLLS,
    )
    if wants_fragment(request):
        return render(request, "dictionary/entry.html#audio", context)
    return redirect("dictionary:entry", entry_id=entry.pk)


@member_required
@require_POST
def audio_generate(request: AuthedRequest, entry_id: int) -> HttpResponse:
    """Queue the espeak-ng pronunciation; with eager Celery it is ready on return."""
    entry = _entry_or_404(request, entry_id)
    if not services.can_generate(entry):
        messages.error(request, _("Pronunciations cannot be generated on this server."))
    elif not entry.audio.exists():
        tasks.generate_audio.delay(entry.pk)
    entry = selectors.entry_detail(entry.pk)
    pending = not entry.audio.all() and services.can_generate(entry)  # type: ignore[union-attr]
    if wants_fragment(request):
        context = _entry_context(request, entry, pending=pending, pending_tries=1)  # type: ignore[arg-type]
        return render(request, "dictionary/entry.html#audio", context)
    if pending:
        messages.info(request, _("The pronunciation is being prepared. Reload in a moment."))
    return redirect("dictionary:entry", entry_id=entry_id)


def _upload_page(
    request: AuthedRequest, entry: Entry, title: str, form, *, status: int = 200
) -> HttpResponse:
    context = {"entry": entry, "headword": display.headword(entry), "form": form, "title": title}
    return render(request, "dictionary/upload.html", context, status=status)


@teacher_required
def audio_upload(request: AuthedRequest, entry_id: int) -> HttpResponse:
    entry = _entry_or_404(request, entry_id)
    form = AudioForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.audio_upload(
            entry=entry,
            file=form.cleaned_data["file"],
            content_type=form.cleaned_data["content_type"],
            extension=form.cleaned_data["extension"],
            by=request.user,
        )
        messages.success(request, _("The recording is added."))
        return _to_entry(request, entry)
    return _upload_page(request, entry, _("Add a recording"), form)


@teacher_required
@require_POST
def audio_delete(request: AuthedRequest, entry_id: int, audio_id: int) -> HttpResponse:
    entry = _entry_or_404(request, entry_id)
    audio = get_object_or_404(Audio, pk=audio_id, entry=entry)
    if not _may_delete(request, audio.uploaded_by_id):
        raise Http404
    services.audio_delete(audio=audio)
    messages.success(request, _("The recording is deleted."))
    return _to_entry(request, entry)


# Pictures


@teacher_required
def picture_upload(request: AuthedRequest, entry_id: int) -> HttpResponse:
    entry = _entry_or_404(request, entry_id)
    form = PictureForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.picture_upload(
            entry=entry,
            file=form.cleaned_data["file"],
            extension=form.cleaned_data["extension"],
            attribution=form.cleaned_data["attribution"],
            by=request.user,
        )
        messages.success(request, _("The picture is added."))
        return _to_entry(request, entry)
    return _upload_page(request, entry, _("Add a picture"), form)


@teacher_required
@require_POST
def picture_delete(request: AuthedRequest, entry_id: int, picture_id: int) -> HttpResponse:
    entry = _entry_or_404(request, entry_id)
    picture = get_object_or_404(Picture, pk=picture_id, entry=entry)
    if not _may_delete(request, picture.uploaded_by_id):
        raise Http404
    services.picture_delete(picture=picture)
    messages.success(request, _("The picture is deleted."))
    return _to_entry(request, entry)


def _may_delete(request: AuthedRequest, uploaded_by_id: int | None) -> bool:
    """A teacher deletes what they uploaded; staff anything."""
    return request.user.is_staff or (
        uploaded_by_id is not None and uploaded_by_id == request.user.pk
    )


def _to_entry(request: AuthedRequest, entry: Entry) -> HttpResponse:
    url = reverse("dictionary:entry", args=[entry.pk])
    if wants_fragment(request):
        return HttpResponseClientRedirect(url)
    return redirect(url)
