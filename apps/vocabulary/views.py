"""My words (students), a student's words (teachers), and the review flashcards."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import trigger_client_event

from apps.accounts.access import student_required, teacher_required
from apps.accounts.models import User
from apps.common.http import AuthedRequest, template_for, wants_fragment
from apps.dictionary.models import Entry
from apps.projects.models import Project

from . import checking, selectors, services
from . import exercises as vocabulary_exercises
from .forms import (
    EntryAddForm,
    MakeExerciseForm,
    MoveForm,
    SettingsForm,
    WordEditForm,
    WordForm,
    WordListForm,
)
from .models import Rating, ReviewMode, StudentSettings, Word, WordList, WordSource

PER_PAGE = 100
WORDS_CHANGED = "wordsChanged"
MAX_DURATION = timedelta(minutes=10)


# Access: a student sees only their own words and lists; a teacher only their students'.


def _student_word_or_404(request: AuthedRequest, word_id: int) -> Word:
    return get_object_or_404(
        Word.objects.select_related("language"), pk=word_id, student=request.user
    )


def _student_list_or_404(request: AuthedRequest, list_id: int) -> WordList:
    return get_object_or_404(WordList, pk=list_id, student=request.user)


def _teacher_student_or_404(request: AuthedRequest, student_id: int) -> User:
    return get_object_or_404(selectors.teacher_students(request.user), pk=student_id)


def _viewer_is_teacher_or_student(request: AuthedRequest) -> None:
    if not (request.user.is_student or request.user.is_approved_teacher):
        raise Http404


def _safe_next(request: AuthedRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _words_changed(response: HttpResponse) -> HttpResponse:
    return trigger_client_event(response, WORDS_CHANGED)


# My words


def _filter_state(request: AuthedRequest, student: User) -> dict:
    list_param = request.GET.get("list", "")
    word_list = None
    no_list = list_param == "none"
    if list_param.isdigit():
        word_list = WordList.objects.filter(student=student, pk=int(list_param)).first()
    return {
        "list_param": list_param if (word_list or no_list) else "",
        "word_list": word_list,
        "no_list": no_list,
        "q": request.GET.get("q", "")[:100],
    }


def _words_page(request: AuthedRequest, student: User, state: dict):
    words = selectors.student_words(
        student, word_list=state["word_list"], no_list=state["no_list"], q=state["q"]
    )
    return Paginator(words, PER_PAGE).get_page(request.GET.get("page"))


@student_required
@require_GET
def word_list_page(request: AuthedRequest) -> HttpResponse:
    student = request.user
    now = timezone.now()
    state = _filter_state(request, student)
    context = {
        **state,
        "student": student,
        "page": _words_page(request, student, state),
        "lists": list(selectors.student_lists(student)),
        "progress": selectors.student_progress(student, now),
        "now": now,
        "word_form": WordForm(user=student),
        "list_form": WordListForm(student=student),
        "can_edit": True,
        "oob": wants_fragment(request),
    }
    return render(request, template_for(request, "vocabulary/list.html", "words"), context)


@login_required
@require_GET
def dictionary_search(request: AuthedRequest) -> HttpResponse:
    """Entries for the add box; each with an "Add" button for the student (or chosen student)."""
    _viewer_is_teacher_or_student(request)
    student = request.user
    if request.user.is_approved_teacher:
        student_id = request.GET.get("student", "")
        student = _teacher_student_or_404(request, int(student_id) if student_id.isdigit() else 0)
    q = request.GET.get("q", "")[:100]
    entries = selectors.dictionary_search(q) if q.strip() else []
    have = set(
        Word.objects.filter(student=student, entry__in=entries).values_list("entry_id", flat=True)
    )
    prefer = (student.language or "ru").split("-")[0]
    results = [
        {
            "entry": entry,
            "text": services.entry_text(entry),
            "translation": services.entry_translation(entry, prefer=prefer),
            "have": entry.pk in have,
        }
        for entry in entries
    ]
    context = {"results": results, "q": q, "student": student}
    return render(request, "vocabulary/_dictionary_results.html", context)


def _add_result(request, *, word: Word | None, error: str, for_other: bool) -> HttpResponse:
    message = _added_message(word, for_other=for_other) if word else error
    context = {"word": word, "message": message, "for_other": for_other}
    response = render(request, "vocabulary/_add_result.html", context)
    return _words_changed(response) if word else response


@login_required
@require_POST
def add_entry(request: AuthedRequest, entry_id: int) -> HttpResponse:
    """Add a dictionary entry to the user's words, or (teacher) to one of their students'."""
    _viewer_is_teacher_or_student(request)
    entry = get_object_or_404(Entry.objects.select_related("language"), pk=entry_id)
    if not entry.is_visible_to(request.user):  # waiting for moderation: its contributor's only
        raise Http404
    form = EntryAddForm(request.POST, user=request.user)
    word = None
    error = ""
    if form.is_valid():
        student = form.cleaned_data["for_student"]
        try:
            word = services.word_add_from_entry(
                student=student,
                added_by=request.user,
                entry=entry,
                word_list=form.cleaned_data.get("word_list"),
            )
        except services.DuplicateWord as duplicate:
            error = _duplicate_message(duplicate.word, for_other=request.user != student)
    else:
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    for_other = request.user.is_teacher
    if wants_fragment(request):
        return _add_result(request, word=word, error=error, for_other=for_other)
    if word:
        messages.success(request, _added_message(word, for_other=for_other))
    else:
        messages.error(request, error)
    return redirect(_safe_next(request, _default_page(request)))


def _default_page(request: AuthedRequest) -> str:
    if request.user.is_student:
        return reverse("vocabulary:list")
    return reverse("common:home")


def _added_message(word: Word, *, for_other: bool) -> str:
    if for_other:
        return _("“%(word)s” is added to %(student)s's words.") % {
            "word": word.text,
            "student": word.student.name,
        }
    return _("“%(word)s” is added to your words.") % {"word": word.text}


def _duplicate_message(existing: Word, *, for_other: bool) -> str:
    if for_other:
        return _("%(student)s already has “%(word)s” among their words.") % {
            "student": existing.student.name,
            "word": existing.text,
        }
    return _("“%(word)s” is already among your words.") % {"word": existing.text}


def _source(form: WordForm) -> dict:
    """Where a word typed by hand came from: an exercise, a lesson, or neither."""
    notes = []
    source = WordSource.MANUAL
    lesson = form.cleaned_data.get("lesson")
    if lesson is not None:
        notes.append(form.fields["lesson"].label_from_instance(lesson))
        source = WordSource.LESSON
    exercise = form.cleaned_data.get("exercise")
    if exercise is not None:
        notes.insert(0, form.fields["exercise"].label_from_instance(exercise))
        source = WordSource.EXERCISE
    if not notes:
        return {}
    return {"source": source, "source_note": " · ".join(notes)[:200]}


def _add_word(
    request: AuthedRequest, *, student: User, form_page: str, success_url: str
) -> HttpResponse:
    """Add a word typed by hand; shared by the student's and the teacher's page."""
    form = WordForm(request.POST, user=request.user, student=student)
    if form.is_valid():
        data = form.cleaned_data
        try:
            word = services.word_add(
                student=student,
                added_by=request.user,
                text=data["text"],
                translation=data["translation"],
                language=data["language"],
                context=data["context"],
                word_list=data.get("word_list"),
                **_source(form),
            )
        except services.DuplicateWord as duplicate:
            form.add_error(
                "text", _duplicate_message(duplicate.word, for_other=student != request.user)
            )
        else:
            message = _added_message(word, for_other=student != request.user)
            if wants_fragment(request):
                fresh = WordForm(
                    user=request.user,
                    student=student,
                    initial={"language": word.language_id, "word_list": word.word_list_id},
                )
                context = {"word_form": fresh, "student": student, "added": message}
                return _words_changed(render(request, f"{form_page}#add-word", context))
            messages.success(request, message)
            return redirect(_safe_next(request, success_url))
    context = {"word_form": form, "student": student}
    if wants_fragment(request):
        return render(request, f"{form_page}#add-word", context)
    return render(request, "vocabulary/add_word.html", context)


@student_required
@require_POST
def word_add(request: AuthedRequest) -> HttpResponse:
    return _add_word(
        request,
        student=request.user,
        form_page="vocabulary/list.html",
        success_url=reverse("vocabulary:list"),
    )


@student_required
@require_POST
def word_move(request: AuthedRequest, word_id: int) -> HttpResponse:
    word = _student_word_or_404(request, word_id)
    form = MoveForm(request.POST, student=request.user)
    if form.is_valid():
        services.word_move(word=word, word_list=form.cleaned_data["word_list"])
        if not wants_fragment(request):
            messages.success(request, _("The word is moved."))
    else:
        messages.error(request, _("Choose one of your lists."))
    if wants_fragment(request):
        context = {
            "word": word,
            "lists": list(selectors.student_lists(request.user)),
            "now": timezone.now(),
            "can_edit": True,
        }
        return render(request, "vocabulary/_word_row.html", context)
    return redirect(_safe_next(request, reverse("vocabulary:list")))


@student_required
def word_edit(request: AuthedRequest, word_id: int) -> HttpResponse:
    word = _student_word_or_404(request, word_id)
    form = WordEditForm(request.POST or None, instance=word)
    if request.method == "POST" and form.is_valid():
        try:
            services.word_update(
                word=word,
                text=form.cleaned_data["text"],
                translation=form.cleaned_data["translation"],
                context=form.cleaned_data["context"],
            )
        except services.DuplicateWord as duplicate:
            form.add_error("text", _duplicate_message(duplicate.word, for_other=False))
        else:
            messages.success(request, _("The word is saved."))
            return redirect(_safe_next(request, reverse("vocabulary:list")))
    return render(request, "vocabulary/edit.html", {"form": form, "word": word})


@student_required
@require_POST
def word_delete(request: AuthedRequest, word_id: int) -> HttpResponse:
    word = _student_word_or_404(request, word_id)
    text = word.text
    services.word_delete(word=word)
    messages.success(request, _("“%(word)s” is deleted.") % {"word": text})
    if wants_fragment(request):
        return _words_changed(HttpResponse(""))
    return redirect(_safe_next(request, reverse("vocabulary:list")))


@student_required
@require_POST
def list_create(request: AuthedRequest) -> HttpResponse:
    form = WordListForm(request.POST, student=request.user)
    if form.is_valid():
        word_list = services.word_list_create(
            student=request.user,
            name=form.cleaned_data["name"],
            project=form.cleaned_data["project"],
        )
        messages.success(request, _("The list “%(name)s” is created.") % {"name": word_list.name})
        return redirect(reverse("vocabulary:list") + f"?list={word_list.pk}")
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect("vocabulary:list")


@student_required
@require_POST
def list_delete(request: AuthedRequest, list_id: int) -> HttpResponse:
    word_list = _student_list_or_404(request, list_id)
    name = word_list.name
    services.word_list_delete(word_list=word_list)
    messages.success(request, _("The list “%(name)s” is deleted; its words stay.") % {"name": name})
    return redirect("vocabulary:list")


@student_required
def settings_page(request: AuthedRequest) -> HttpResponse:
    instance = StudentSettings.objects.filter(student=request.user).first()
    form = SettingsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.settings_save(
            student=request.user, desired_retention=form.cleaned_data["desired_retention"]
        )
        messages.success(request, _("Your settings are saved."))
        return redirect("vocabulary:settings")
    return render(request, "vocabulary/settings.html", {"form": form})


# Review


def _review_mode(value: str | None) -> str:
    return value if value in ReviewMode.values else ReviewMode.RECOGNISE


def _parse_moment(value: str | None, default: datetime) -> datetime:
    try:
        moment = datetime.fromisoformat(value or "")
    except ValueError:
        return default
    if timezone.is_naive(moment):
        return default
    return moment


def _review_state(request: AuthedRequest, data) -> dict:
    now = timezone.now()
    list_param = data.get("list", "")
    word_list = None
    if list_param.isdigit():
        word_list = WordList.objects.filter(student=request.user, pk=int(list_param)).first()
    started = _parse_moment(data.get("started"), now)
    return {
        "mode": _review_mode(data.get("mode")),
        "word_list": word_list,
        "list_param": str(word_list.pk) if word_list else "",
        "started": min(started, now),
        "now": now,
    }


def _front(request: AuthedRequest, state: dict) -> HttpResponse:
    """The next card's question, or the session's summary when nothing is left."""
    student = request.user
    word = selectors.review_queue(
        student, now=state["now"], mode=state["mode"], word_list=state["word_list"]
    ).first()
    context = {**state, "word": word, "stage": "front", "shown_at": state["now"].isoformat()}
    if word is None:
        context["stage"] = "done"
        context["summary"] = selectors.session_summary(
            student, since=state["started"], now=state["now"]
        )
    elif state["mode"] == ReviewMode.GENDER:
        context["bare"] = checking.without_article(word.text)
    return render(request, template_for(request, "vocabulary/review.html", "card"), context)


@student_required
@require_GET
def review(request: AuthedRequest) -> HttpResponse:
    state = _review_state(request, request.GET)
    state["modes"] = ReviewMode.choices
    state["lists"] = selectors.student_lists(request.user)
    return _front(request, state)


@student_required
@require_POST
def review_answer(request: AuthedRequest, word_id: int) -> HttpResponse:
    """Turn the card over: show the answer, checked when one was typed or chosen."""
    word = _student_word_or_404(request, word_id)
    state = _review_state(request, request.POST)
    result = None
    if state["mode"] == ReviewMode.TYPE:
        result = checking.check_typed(request.POST.get("answer", ""), word.text)
    elif state["mode"] == ReviewMode.GENDER:
        result = checking.check_gender(request.POST.get("answer", ""), word.gender)
    suggested = result.suggested if result else Rating.GOOD
    context = {
        **state,
        "word": word,
        "stage": "back",
        "result": result,
        "answer": request.POST.get("answer", "")[:200],
        "options": services.grade_options(word, now=state["now"]),
        "suggested": int(suggested),
        "shown_at": request.POST.get("shown_at", ""),
    }
    return render(request, template_for(request, "vocabulary/review.html", "card"), context)


@student_required
@require_POST
def review_grade(request: AuthedRequest, word_id: int) -> HttpResponse:
    word = _student_word_or_404(request, word_id)
    state = _review_state(request, request.POST)
    rating = request.POST.get("rating", "")
    if rating not in {str(value) for value in Rating.values}:
        messages.error(request, _("Choose Again, Hard, Good or Easy."))
        return _front(request, state)
    shown_at = _parse_moment(request.POST.get("shown_at"), state["now"])
    duration = min(max(state["now"] - shown_at, timedelta(0)), MAX_DURATION)
    services.word_review(
        word=word,
        rating=int(rating),
        mode=state["mode"],
        duration_ms=int(duration.total_seconds() * 1000),
        now=state["now"],
        expected_due=request.POST.get("card_due") or None,
    )
    return _front(request, state)


# Teachers


@teacher_required
@require_GET
def students_page(request: AuthedRequest) -> HttpResponse:
    """The teacher's students with their words: how many, learned, due; a link to each."""
    students = list(selectors.students_with_counts(request.user, timezone.now()))
    return render(request, "vocabulary/students.html", {"students": students})


def _warm_up(teacher: User, student: User, now: datetime) -> dict:
    """The words most likely forgotten by the start of the next lesson (or now, without one)."""
    lesson = selectors.next_shared_lesson(teacher, student, now)
    return {
        "lesson": lesson,
        "warm_up": selectors.words_at_risk(
            student,
            at=lesson.start if lesson else now,
            language_id=lesson.project.language_id if lesson else None,
        ),
    }


@teacher_required
@require_GET
def student_page(request: AuthedRequest, student_id: int) -> HttpResponse:
    student = _teacher_student_or_404(request, student_id)
    now = timezone.now()
    state = _filter_state(request, student)
    context = {
        **_warm_up(request.user, student, now),
        "exercise_form": MakeExerciseForm(student=student),
        **state,
        "student": student,
        "page": _words_page(request, student, state),
        "lists": list(selectors.student_lists(student)),
        "progress": selectors.student_progress(student, now),
        "now": now,
        "word_form": WordForm(user=request.user, student=student),
        "list_form": WordListForm(student=student, teacher=request.user),
        "can_edit": False,
        "oob": wants_fragment(request),
    }
    return render(request, template_for(request, "vocabulary/student.html", "words"), context)


@teacher_required
@require_POST
def student_list_create(request: AuthedRequest, student_id: int) -> HttpResponse:
    """The teacher starts a list for their student (per project or per topic)."""
    student = _teacher_student_or_404(request, student_id)
    form = WordListForm(request.POST, student=student, teacher=request.user)
    page = reverse("vocabulary:student", args=[student.pk])
    if form.is_valid():
        word_list = services.word_list_create(
            student=student, name=form.cleaned_data["name"], project=form.cleaned_data["project"]
        )
        messages.success(request, _("The list “%(name)s” is created.") % {"name": word_list.name})
        return redirect(page + f"?list={word_list.pk}")
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect(page)


@teacher_required
@require_POST
def student_word_add(request: AuthedRequest, student_id: int) -> HttpResponse:
    student = _teacher_student_or_404(request, student_id)
    return _add_word(
        request,
        student=student,
        form_page="vocabulary/student.html",
        success_url=reverse("vocabulary:student", args=[student.pk]),
    )


def _homework_url(teacher: User, student: User, exercise) -> str:
    """The homework form for the student in a shared project of the exercise's language."""
    project = (
        Project.objects.for_teacher(teacher)
        .filter(students=student, language_id=exercise.language_id)
        .order_by("status", "-start_date", "pk")
        .first()
    )
    if project is None:
        return ""
    query = f"?project={project.pk}&student={student.pk}&exercise={exercise.pk}"
    return reverse("homework:create") + query


@teacher_required
@require_POST
def student_exercise(request: AuthedRequest, student_id: int) -> HttpResponse:
    """One click: the student's list (or all their words) becomes the teacher's exercise."""
    student = _teacher_student_or_404(request, student_id)
    form = MakeExerciseForm(request.POST, student=student)
    exercise = None
    error = ""
    if form.is_valid():
        word_list = form.cleaned_data["word_list"]
        try:
            exercise = vocabulary_exercises.exercise_from_words(
                teacher=request.user,
                student=student,
                words=selectors.exercise_words(student, word_list=word_list),
                kind=form.cleaned_data["kind"],
                word_list=word_list,
            )
        except vocabulary_exercises.CannotBuild as cannot:
            error = str(cannot)
    else:
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    if wants_fragment(request):
        context = {
            "exercise": exercise,
            "error": error,
            "homework_url": _homework_url(request.user, student, exercise) if exercise else "",
        }
        return render(request, "vocabulary/_exercise_result.html", context)
    if exercise is None:
        messages.error(request, error)
        return redirect("vocabulary:student", student.pk)
    messages.success(request, _("The exercise “%(title)s” is made.") % {"title": exercise.title})
    return redirect("exercises:detail", exercise.pk)
