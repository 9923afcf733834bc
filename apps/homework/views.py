from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect, trigger_client_event

from apps.accounts.access import student_required, teacher_required
from apps.common.http import AuthedRequest, wants_fragment
from apps.exercises.models import Item, Kind
from apps.projects.models import Language, Level, Project
from apps.scheduling.models import Lesson

from . import selectors, services
from .forms import AnswerForm, HomeworkForm, ReviewForm
from .models import Homework, HomeworkState

# Access: everyone who may not see a homework gets a 404.


def _teacher_homework_or_404(request: AuthedRequest, homework_id: int) -> Homework:
    try:
        return selectors.homework_with_items(
            Homework.objects.for_teacher(request.user), homework_id
        )
    except Homework.DoesNotExist as exc:
        raise Http404 from exc


def _student_homework_or_404(request: AuthedRequest, homework_id: int) -> Homework:
    try:
        return selectors.homework_with_items(
            Homework.objects.for_student(request.user), homework_id
        )
    except Homework.DoesNotExist as exc:
        raise Http404 from exc


def _page(request: AuthedRequest, template: str, context: dict) -> HttpResponse:
    """A page, or its dialog part for htmx requests (the calendar's lesson dialog)."""
    if wants_fragment(request):
        return render(request, f"{template}#dialog", context)
    return render(request, template, context)


def _done(request: AuthedRequest, message: str, url: str) -> HttpResponse:
    """After a change: htmx dialogs close and the calendar refreshes; pages go to `url`."""
    messages.success(request, message)
    if request.htmx and request.headers.get("HX-Target") == "dialog-body":
        response = trigger_client_event(HttpResponse(status=204), "calendarChanged")
        return trigger_client_event(response, "closeDialog")
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return redirect(url)


# The student's side


@student_required
def homework_list(request: AuthedRequest) -> HttpResponse:
    context = {"homework": selectors.student_homework(student=request.user)}
    return render(request, "homework/list.html", context)


@login_required
def homework_detail(request: AuthedRequest, homework_id: int) -> HttpResponse:
    user = request.user
    if user.is_approved_teacher:
        homework = _teacher_homework_or_404(request, homework_id)
        context = _detail_context(homework, is_teacher=True)
    elif user.is_student:
        homework = _student_homework_or_404(request, homework_id)
        context = _detail_context(homework, is_teacher=False)
        context["form"] = AnswerForm(initial={"answer_text": homework.answer_text})
    else:
        raise Http404
    return _page(request, "homework/detail.html", context)


def _detail_context(homework: Homework, *, is_teacher: bool) -> dict:
    items = list(homework.items.all())
    if homework.state == HomeworkState.ASSIGNED:
        # Until it is submitted: the student's latest attempt since the homework was given.
        attempts = services.attempts_since_assigned(homework)
        for item in items:
            tries = attempts.get(item.exercise_id, [])
            item.shown_attempt = tries[0] if tries else None
            item.tries = len(tries)
    else:
        for item in items:
            item.shown_attempt = item.attempt
            item.tries = None
    return {"homework": homework, "items": items, "is_teacher": is_teacher}


@student_required
@require_POST
def homework_answer(request: AuthedRequest, homework_id: int) -> HttpResponse:
    """Save the answer to the free task as a draft, or hand the homework in."""
    homework = _student_homework_or_404(request, homework_id)
    detail_url = reverse("homework:detail", args=[homework.pk])
    if homework.state != HomeworkState.ASSIGNED:
        messages.error(request, _("This homework is already handed in."))
        return redirect(detail_url)
    form = AnswerForm(request.POST, request.FILES)
    if not form.is_valid():
        context = _detail_context(homework, is_teacher=False)
        context["form"] = form
        return render(request, "homework/detail.html", context)
    text, file = form.cleaned_data["answer_text"], form.cleaned_data["answer_file"]
    if "submit" in request.POST:
        services.homework_submit(homework=homework, text=text, file=file)
        messages.success(request, _("The homework is handed in. Your teacher will check it."))
    else:
        services.homework_save_answer(homework=homework, text=text, file=file)
        messages.success(request, _("Your answer is saved. You can come back and hand it in."))
    return redirect(detail_url)


# The teacher's side: giving, changing, deleting


def _form_context(request: AuthedRequest, form: HomeworkForm, project: Project, **extra) -> dict:
    selected = []
    if form.is_bound:
        selected = [int(pk) for pk in form.data.getlist("exercises") if str(pk).isdigit()]
    elif form.initial.get("exercises"):
        selected = list(form.initial["exercises"])
    return {
        "form": form,
        "project": project,
        "choices": selectors.exercise_choices(
            teacher=request.user, language_id=project.language_id, selected=selected
        ),
        "selected": set(selected),
        "levels": Level.choices,
        "languages": Language.objects.order_by("name"),
        **extra,
    }


@teacher_required
def homework_create(request: AuthedRequest) -> HttpResponse:
    """Give homework: for a lesson (?lesson=) or for a project's student (?project=&student=)."""
    lesson = None
    if request.GET.get("lesson", "").isdigit():
        lesson = get_object_or_404(
            Lesson.objects.for_teacher(request.user).select_related("project"),
            pk=request.GET["lesson"],
        )
        project = lesson.project
    elif request.GET.get("project", "").isdigit():
        project = get_object_or_404(
            Project.objects.for_teacher(request.user), pk=request.GET["project"]
        )
    else:
        raise Http404
    zone = timezone.get_current_timezone()
    students = list(project.students.order_by("name"))
    form = HomeworkForm(
        request.POST or None,
        request.FILES or None,
        teacher=request.user,
        project=project,
        zone=zone,
    )
    if request.method == "POST" and form.is_valid():
        homework = services.homework_assign(
            teacher=request.user,
            project=project,
            student=form.cleaned_data["student"],
            lesson=lesson,
            title=form.cleaned_data["title"],
            text=form.cleaned_data["text"],
            link=form.cleaned_data["link"],
            attachment=form.cleaned_data["attachment"],
            due_at=form.due_at(),
            exercises=form.chosen_exercises(),
        )
        return _done(
            request,
            _("Homework given to %(name)s.") % {"name": homework.student.name},
            reverse("homework:detail", args=[homework.pk]),
        )
    if not form.is_bound:
        wanted = request.GET.get("student", "")
        student = next((s for s in students if str(s.pk) == wanted), None) or (
            students[0] if students else None
        )
        due = services.default_due(
            project=project, student=student or request.user, lesson=lesson
        ).astimezone(zone)
        form.initial = {
            "student": student.pk if student else None,
            "due_date": due.date(),
            "due_time": due.time().replace(second=0, microsecond=0),
        }
        # "Give it as homework" from an exercise: ticked, and its title as the homework's.
        wanted = request.GET.get("exercise", "")
        exercise = (
            form.fields["exercises"].queryset.filter(pk=wanted).first()
            if wanted.isdigit()
            else None
        )
        if exercise is not None:
            form.initial.update(exercises=[exercise.pk], title=exercise.title)
    context = _form_context(request, form, project, lesson=lesson, homework=None)
    return _page(request, "homework/form.html", context)


@teacher_required
def homework_edit(request: AuthedRequest, homework_id: int) -> HttpResponse:
    homework = _teacher_homework_or_404(request, homework_id)
    detail_url = reverse("homework:detail", args=[homework.pk])
    if not homework.is_editable:
        messages.error(request, _("Handed-in homework cannot be changed."))
        return redirect(detail_url)
    zone = timezone.get_current_timezone()
    form = HomeworkForm(
        request.POST or None,
        request.FILES or None,
        teacher=request.user,
        project=homework.project,
        zone=zone,
        editing=True,
    )
    if request.method == "POST" and form.is_valid():
        services.homework_update(
            homework=homework,
            title=form.cleaned_data["title"],
            text=form.cleaned_data["text"],
            link=form.cleaned_data["link"],
            attachment=form.cleaned_data["attachment"],
            clear_attachment=form.cleaned_data["clear_attachment"],
            due_at=form.due_at(),
            exercises=form.chosen_exercises(),
        )
        return _done(request, _("The homework is saved."), detail_url)
    if not form.is_bound:
        due = homework.due_at.astimezone(zone)
        form.initial = {
            "title": homework.title,
            "text": homework.text,
            "link": homework.link,
            "due_date": due.date(),
            "due_time": due.time().replace(second=0, microsecond=0),
            "exercises": [item.exercise_id for item in homework.items.all()],
        }
    context = _form_context(
        request, form, homework.project, lesson=homework.lesson, homework=homework
    )
    return _page(request, "homework/form.html", context)


@teacher_required
@require_POST
def homework_delete(request: AuthedRequest, homework_id: int) -> HttpResponse:
    homework = _teacher_homework_or_404(request, homework_id)
    project_url = reverse("projects:detail", args=[homework.project_id])
    try:
        services.homework_delete(homework=homework)
    except ValueError:
        messages.error(request, _("Handed-in homework cannot be deleted."))
        return redirect("homework:detail", homework_id=homework.pk)
    return _done(request, _("The homework is deleted."), project_url)


@teacher_required
@require_GET
def exercise_choices(request: AuthedRequest) -> HttpResponse:
    """The exercise picker's list, filtered (htmx); ticked exercises stay listed and ticked."""
    project = get_object_or_404(
        Project.objects.for_teacher(request.user), pk=request.GET.get("project") or 0
    )
    selected = [int(pk) for pk in request.GET.getlist("exercises") if pk.isdigit()]
    language = request.GET.get("language", str(project.language_id))
    level = request.GET.get("level", "")
    choices = selectors.exercise_choices(
        teacher=request.user,
        language_id=int(language) if language.isdigit() else None,
        level=level if level in Level.values else "",
        query=request.GET.get("q", "").strip()[:100],
        selected=selected,
    )
    context = {"choices": choices, "selected": set(selected)}
    return render(request, "homework/_exercise_choices.html", context)


# The teacher's side: checking


@teacher_required
def review_queue(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "homework/review_queue.html",
        {"queue": selectors.review_queue(teacher=request.user)},
    )


def pending_entries(attempt, prompts: dict[int, str]) -> list[dict]:
    """The items of an attempt that wait for the teacher's mark (free answers), with the
    question and the student's answer."""
    rows = []
    for index, entry in enumerate(attempt.results or []):
        if not isinstance(entry, dict) or entry.get("status") != "pending":
            continue
        item_id = entry.get("item")
        answer = (attempt.answers or {}).get(str(item_id))
        rows.append(
            {
                "index": index,
                "item_id": item_id,
                "prompt": prompts.get(item_id, ""),
                "answer": answer if isinstance(answer, dict) else {"text": str(answer or "")},
                "max": entry.get("max") or 1,
            }
        )
    return rows


def _review_marks(request: AuthedRequest, items) -> tuple[dict[int, dict], list[str]]:
    marks: dict[int, dict] = {}
    errors = []
    for item in items:
        for row in item.pending:
            name = f"mark-{item.attempt.pk}-{row['index']}"
            raw = request.POST.get(name, "").strip().replace(",", ".")
            if raw == "":
                continue
            try:
                value = Decimal(raw)
            except InvalidOperation:
                errors.append(_("Marks must be numbers."))
                continue
            if value < 0 or value > Decimal(str(row["max"])):
                errors.append(
                    _("A mark must be between 0 and %(max)s.") % {"max": f"{row['max']:g}"}
                )
                continue
            marks.setdefault(item.attempt.pk, {})[str(row["item_id"])] = float(value)
    return marks, errors


@teacher_required
def homework_review(request: AuthedRequest, homework_id: int) -> HttpResponse:
    homework = _teacher_homework_or_404(request, homework_id)
    if homework.state == HomeworkState.ASSIGNED:
        messages.error(request, _("This homework is not handed in yet."))
        return redirect("homework:detail", homework_id=homework.pk)
    items = list(homework.items.all())
    prompts = {
        item.pk: (item.data or {}).get("prompt", "")
        for item in Item.objects.filter(
            exercise_id__in=[i.exercise_id for i in items], exercise__kind=Kind.FREE_ANSWER
        )
    }
    for item in items:
        item.pending = pending_entries(item.attempt, prompts) if item.attempt else []
    initial = {"grade": homework.grade, "comment": homework.comment}
    form = ReviewForm(request.POST or None, initial=initial)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        marks, errors = _review_marks(request, items)
        if not errors:
            services.homework_review(
                homework=homework,
                by=request.user,
                grade=form.cleaned_data["grade"],
                comment=form.cleaned_data["comment"],
                marks=marks,
            )
            messages.success(
                request,
                _("The homework is checked; %(name)s is told.") % {"name": homework.student.name},
            )
            return redirect("homework:review_queue")
    context = {"homework": homework, "items": items, "form": form, "mark_errors": errors}
    return render(request, "homework/review.html", context)
