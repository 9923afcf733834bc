"""Browsing and doing exercises: the teacher's list, the exercise page with its answer key,
the player (students, and teachers trying an exercise) and attempts.

The builder's pages are in authoring.py. Marking lives in checking.py; what the player may show
before checking in kinds.public_item_view; answers are never put into the page before a check.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.files.storage import default_storage
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_tables2 import RequestConfig

from apps.accounts.access import student_required, teacher_required
from apps.accounts.models import User
from apps.common.http import AuthedRequest, template_for

from . import answer_form, checking, kinds, markup, selectors, services
from .library import SCOPE_LIBRARY, SCOPE_MINE, CategoryTree, ExerciseFilter, ExerciseTable
from .models import Attempt, Exercise, Item, Kind

PER_PAGE = 25
ATTEMPTS_SHOWN = 50
START_SALT = "exercises.play.started"
START_MAX_AGE = 7 * 24 * 3600
ACCENTS = ["é", "è", "ê", "ë", "à", "â", "ç", "î", "ï", "ô", "û", "ù", "œ"]


def _pending_teacher_redirect(view):
    """Logged-in users only; a teacher waiting for approval goes to the waiting page."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_pending_teacher:
            return redirect("accounts:awaiting_approval")
        return view(request, *args, **kwargs)

    return wrapper


# The teacher's list


@teacher_required
@require_GET
def exercise_list(request: AuthedRequest) -> HttpResponse:
    tree = CategoryTree()
    filterset = ExerciseFilter(
        request.GET or None,
        queryset=selectors.exercises_for_teacher(request.user).order_by("title", "pk"),
        request=request,
        tree=tree,
    )
    table = ExerciseTable(filterset.qs, tree=tree, user=request.user)
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    selected_tags = []
    if filterset.form.is_valid():
        selected_tags = [tag.name for tag in filterset.form.cleaned_data.get("tags") or []]
    context = {
        "filter": filterset,
        "table": table,
        "selected_tags": selected_tags,
        "scope_choices": [
            ("", _("Mine and the library")),
            (SCOPE_MINE, _("Mine")),
            (SCOPE_LIBRARY, _("Library")),
        ],
    }
    return render(request, template_for(request, "exercises/list.html", "table"), context)


# The exercise page: what a teacher sees, answers included


def _key_segments(item: Item, kind: str) -> list[dict]:
    """A gap text for the answer key: plain text and gaps with their accepted answers."""
    try:
        segments = markup.parse(item.data.get("text", ""))
    except markup.MarkupError:
        return [{"type": "text", "text": item.data.get("text", "")}]
    out = []
    for segment in segments:
        if isinstance(segment, markup.Gap):
            right = segment.starred if kind == Kind.GAP_SELECT else segment.texts
            others = [t for t in segment.texts if t not in right]
            out.append({"type": "gap", "right": right, "others": others})
        else:
            out.append({"type": "text", "text": segment})
    return out


def _answer_key(item: Item, kind: str) -> dict:
    data = item.data if isinstance(item.data, dict) else {}
    key: dict = {"item": item, "data": data, "summary": kinds.item_summary(kind, data)}
    if kind in (Kind.SINGLE_CHOICE, Kind.MULTIPLE_CHOICE):
        correct = set(data.get("correct", []))
        key["choices"] = [
            {"text": text, "right": i in correct} for i, text in enumerate(data.get("choices", []))
        ]
    elif kind in kinds.GAP_KINDS:
        key["segments"] = _key_segments(item, kind)
        key["distractors"] = data.get("distractors", [])
    return key


@_pending_teacher_redirect
@require_GET
def exercise_detail(request: AuthedRequest, exercise_id: int) -> HttpResponse:
    user = request.user
    if user.is_student:
        selectors.exercise_for_student_or_404(user, exercise_id)
        return redirect("exercises:play", exercise_id)
    if not user.is_approved_teacher:
        raise Http404
    exercise = selectors.exercise_for_teacher_or_404(user, exercise_id)
    items = selectors.exercise_items(exercise)
    attempts = (
        Attempt.objects.filter(
            exercise=exercise,
            student__in=User.objects.filter(teacher_links__teacher=user).values("pk"),
        )
        .select_related("student")
        .order_by("-finished_at", "-pk")[:ATTEMPTS_SHOWN]
    )
    context = {
        "exercise": exercise,
        "keys": [_answer_key(item, exercise.kind) for item in items],
        "tags": list(exercise.tags.all()),
        "attempts": list(attempts),
        "is_author": exercise.author_id == user.pk,
    }
    return render(request, "exercises/detail.html", context)


# The player


def _start_token() -> str:
    return signing.dumps(int(timezone.now().timestamp()), salt=START_SALT)


def _started_at(token: str | None) -> datetime | None:
    """When the student opened the player, from the signed token; None if it is not valid."""
    if not token:
        return None
    try:
        seconds = signing.loads(token, salt=START_SALT, max_age=START_MAX_AGE)
        return datetime.fromtimestamp(int(seconds), tz=UTC)
    except (signing.BadSignature, TypeError, ValueError, OverflowError):
        return None


def _kept(request: AuthedRequest) -> str | None:
    """The start token sent with a form that must be shown again, if it is valid."""
    token = request.POST.get("started")
    return token if _started_at(token) is not None else None


def _playable_exercise_or_404(request: AuthedRequest, exercise_id: int) -> Exercise:
    user = request.user
    if user.is_approved_teacher:
        return selectors.exercise_for_teacher_or_404(user, exercise_id)
    if user.is_student:
        return selectors.exercise_for_student_or_404(user, exercise_id)
    raise Http404


def _rows(items: list[Item], answers: dict | None = None, results: list | None = None):
    by_item = {r.get("item"): r for r in results or []}
    rows = []
    for number, item in enumerate(items, 1):
        rows.append(
            {
                "item": item,
                "view": kinds.public_item_view(item),
                "number": number,
                "answer": (answers or {}).get(str(item.pk)),
                "result": by_item.get(item.pk),
            }
        )
    return rows


def _typed(exercise: Exercise, items: list[Item]) -> bool:
    """Whether the student types anything (so letters with accents help)."""
    if exercise.kind == Kind.GAP_FILL:
        return True
    return exercise.kind == Kind.FREE_ANSWER and any(
        not answer_form.is_audio_item(item, exercise.kind) for item in items
    )


def _player_context(request: AuthedRequest, exercise: Exercise, items: list[Item], **extra):
    user = request.user
    best = last = None
    if user.is_student:
        best, last = services.best_and_last(user, exercise, last=extra.get("attempt"))
    return {
        "exercise": exercise,
        "rows": _rows(items, extra.pop("answers", None), extra.pop("results", None)),
        "started": extra.pop("started", None) or _start_token(),
        "best": best,
        "last": last,
        "accents": ACCENTS if exercise.language.code == "fr" and _typed(exercise, items) else [],
        "multipart": any(answer_form.is_audio_item(i, exercise.kind) for i in items),
        "is_trial": not user.is_student,
        **extra,
    }


def _own_homework_id(request: AuthedRequest, exercise: Exercise) -> int | None:
    """The ?homework= the student came from, if it is their own homework with this exercise;
    anything else is ignored (no link back, no error)."""
    raw = request.GET.get("homework", "")
    if not request.user.is_student or not (raw.isascii() and raw.isdigit()) or len(raw) > 18:
        return None
    # Imported here, as in selectors.assigned_exercise_ids: homework builds on exercises, not
    # the other way round.
    from apps.homework.models import Homework

    return (
        Homework.objects.for_student(request.user)
        .filter(pk=int(raw), items__exercise=exercise)
        .values_list("pk", flat=True)
        .first()
    )


@_pending_teacher_redirect
@require_http_methods(["GET", "POST"])
def exercise_play(request: AuthedRequest, exercise_id: int) -> HttpResponse:
    exercise = _playable_exercise_or_404(request, exercise_id)
    items = selectors.exercise_items(exercise)
    template = template_for(request, "exercises/play.html", "player")
    homework_id = _own_homework_id(request, exercise)
    way_back = {
        "homework_id": homework_id,
        # Kept on the form's address and "Try again", so the way back survives a check.
        "homework_query": f"?homework={homework_id}" if homework_id else "",
    }
    if request.method != "POST":
        return render(request, template, _player_context(request, exercise, items, **way_back))

    user = request.user
    try:
        answers, uploads = answer_form.read_answers(exercise, items, request.POST, request.FILES)
    except answer_form.BadInput as error:
        context = _player_context(
            request, exercise, items, error=str(error), started=_kept(request), **way_back
        )
        return render(request, template, context)

    attempt = None
    stored: list[str] = []
    try:
        if user.is_student:
            stored = answer_form.store_uploads(
                answers=answers, uploads=uploads, student_id=user.pk, exercise_id=exercise.pk
            )
            attempt = services.attempt_record(
                exercise=exercise,
                student=user,
                answers=answers,
                started_at=_started_at(request.POST.get("started")),
                items=items,
            )
            results, score, needs_review = attempt.results, attempt.score, attempt.needs_review
        else:
            # A teacher trying the exercise: marked, never stored.
            for key in uploads:
                answers[key] = {"audio": "trial"}
            checked = checking.check(exercise, answers, items)
            results, score, needs_review = checked.results, checked.score, checked.needs_review
    except checking.BadAnswer as error:
        answer_form.delete_uploads(stored)
        context = _player_context(
            request, exercise, items, error=str(error), started=_kept(request), **way_back
        )
        return render(request, template, context)

    context = _player_context(
        request,
        exercise,
        items,
        answers=answers,
        results=results,
        checked=True,
        score=score,
        needs_review=needs_review,
        points=sum(r["points"] for r in results),
        max_points=sum(r["max"] for r in results),
        attempt=attempt,
        duration=_duration(attempt),
        **way_back,
    )
    return render(request, template, context)


# Attempts


def _duration(attempt: Attempt | None) -> str:
    seconds = attempt.duration_seconds if attempt is not None else None
    if seconds is None:
        return ""
    minutes, seconds = divmod(seconds, 60)
    if minutes:
        return _("%(minutes)s min %(seconds)s s") % {"minutes": minutes, "seconds": seconds}
    return _("%(seconds)s s") % {"seconds": seconds}


def _attempts_by_exercise(student: User):
    """The exercises a student has attempted, with the best and last score, newest first."""
    mine = Attempt.objects.filter(student=student, exercise=OuterRef("pk"))
    newest = mine.order_by("-finished_at", "-pk")
    return (
        Exercise.objects.filter(pk__in=Attempt.objects.filter(student=student).values("exercise"))
        .select_related("language")
        .annotate(
            best_score=Subquery(
                mine.filter(score__isnull=False).order_by("-score").values("score")[:1]
            ),
            last_score=Subquery(newest.values("score")[:1]),
            last_at=Subquery(newest.values("finished_at")[:1]),
            last_id=Subquery(newest.values("pk")[:1]),
            last_pending=Subquery(newest.values("needs_review")[:1]),
        )
        .order_by("-last_at", "-pk")
    )


@student_required
@require_GET
def my_exercises(request: AuthedRequest) -> HttpResponse:
    exercises = list(_attempts_by_exercise(request.user)[:200])
    return render(request, "exercises/mine.html", {"exercises": exercises})


def _attempt_or_404(request: AuthedRequest, attempt_id: int) -> Attempt:
    user = request.user
    if user.is_student:
        return selectors.attempt_for_student_or_404(user, attempt_id)
    if user.is_approved_teacher:
        return selectors.attempt_for_teacher_or_404(user, attempt_id)
    raise Http404


@_pending_teacher_redirect
@require_GET
def attempt_detail(request: AuthedRequest, attempt_id: int) -> HttpResponse:
    attempt = _attempt_or_404(request, attempt_id)
    exercise = Exercise.objects.select_related("language").get(pk=attempt.exercise_id)
    items = selectors.exercise_items(exercise)
    rows = _rows(items, attempt.answers, attempt.results)
    for row in rows:
        answer = row["answer"]
        if isinstance(answer, dict) and answer.get("audio") and answer["audio"] != "trial":
            row["audio_url"] = default_storage.url(answer["audio"])
    context = {
        "attempt": attempt,
        "exercise": exercise,
        "student": attempt.student if not request.user.is_student else request.user,
        "rows": rows,
        "may_play": request.user.is_student and selectors.student_may_open(request.user, exercise),
    }
    return render(request, "exercises/attempt.html", context)
