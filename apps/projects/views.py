from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect
from django_tables2 import RequestConfig

from apps.accounts.access import student_required, teacher_required
from apps.common.http import AuthedRequest, template_for, wants_fragment
from apps.homework import selectors as homework_selectors
from apps.lessons.selectors import project_account
from apps.scheduling import services as scheduling

from . import selectors, services
from .filters import ProjectFilter
from .forms import SLOT_PREFIX, GoalForm, ProjectForm, SlotFormSet
from .models import Goal, Project, ProjectStatus
from .tables import ProjectTable

PER_PAGE = 25


# Access: everyone who may not see a project gets a 404.


def _teacher_project_or_404(request: AuthedRequest, project_id: int) -> Project:
    return get_object_or_404(
        Project.objects.for_teacher(request.user).select_related("language", "teacher"),
        pk=project_id,
    )


def _teacher_goal_or_404(request: AuthedRequest, project: Project, goal_id: int) -> Goal:
    return get_object_or_404(Goal, pk=goal_id, project=project)


def _viewer_project_or_404(request: AuthedRequest, project_id: int) -> Project:
    """The project for its teacher, or read-only for one of its students."""
    user = request.user
    if user.is_approved_teacher:
        projects = Project.objects.for_teacher(user)
    elif user.is_student:
        projects = Project.objects.for_student(user)
    else:
        raise Http404
    return get_object_or_404(projects.select_related("language", "teacher"), pk=project_id)


# The teacher's list ("Students")


@teacher_required
def project_list(request: AuthedRequest) -> HttpResponse:
    projects = selectors.teacher_projects(request.user)
    filterset = ProjectFilter(request.GET or None, queryset=projects, request=request)
    table = ProjectTable(filterset.qs)
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    context = {
        "filter": filterset,
        "table": table,
        "has_projects": Project.objects.for_teacher(request.user).exists(),
    }
    return render(request, template_for(request, "projects/list.html", "table"), context)


# Creating and editing


def _slot_formset(request: AuthedRequest, initial: list[dict], *, add_row: bool = False):
    if request.method == "POST":
        data = request.POST
        if add_row:
            # Without JavaScript "Add a time" submits the form: show it again with a new row,
            # holding the defaults so that it counts as not filled in.
            data = data.copy()
            index = int(data.get(f"{SLOT_PREFIX}-TOTAL_FORMS") or 0)
            data[f"{SLOT_PREFIX}-TOTAL_FORMS"] = str(index + 1)
            data[f"{SLOT_PREFIX}-{index}-weekday"] = "0"
            data[f"{SLOT_PREFIX}-{index}-interval"] = "1"
        return SlotFormSet(data, initial=initial, prefix=SLOT_PREFIX)
    formset = SlotFormSet(initial=initial, prefix=SLOT_PREFIX)
    if not initial:
        formset.extra = 1  # a new timetable starts with one empty row
    return formset


def _slot_initial(project: Project) -> list[dict]:
    rows = []
    for slot in selectors.current_slots(project):
        weekday, interval = selectors.slot_weekly_day(slot)
        rows.append(
            {
                "weekday": weekday,
                "start_time": slot.start_time,
                "duration": None if slot.duration == project.lesson_duration else slot.duration,
                "interval": interval,
                "slot": slot.pk,
            }
        )
    return rows


def _project_form_page(
    request: AuthedRequest, project: Project | None, form: ProjectForm, formset
) -> HttpResponse:
    other_slots = []
    if project is not None:
        # Slots set up in the administration with rules the rows cannot show: listed, kept.
        lines = selectors.timetable(
            project, today=timezone.localdate(), viewer_zone=timezone.get_current_timezone()
        )
        other_slots = [line for line in lines if selectors.slot_weekly_day(line.slot) is None]
    context = {
        "project": project,
        "project_form": form,
        "formset": formset,
        "other_slots": other_slots,
        "has_students": form.fields["students"].queryset.exists(),
    }
    return render(request, template_for(request, "projects/form.html", "form"), context)


def _project_saved(request: AuthedRequest, project: Project, message: str) -> HttpResponse:
    messages.success(request, message)
    url = reverse("projects:detail", args=[project.pk])
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return redirect(url)


@teacher_required
def project_create(request: AuthedRequest) -> HttpResponse:
    teacher = request.user
    add_row = "add_slot" in request.POST
    form = ProjectForm(
        request.POST or None,
        teacher=teacher,
        initial={"start_date": timezone.localdate()},
    )
    formset = _slot_formset(request, [], add_row=add_row)
    if request.method == "POST" and not add_row and form.is_valid() and formset.is_valid():
        project = services.project_save(teacher=teacher, form=form, slots=formset.rows())
        return _project_saved(request, project, _("The project is created."))
    if add_row:
        form.errors.clear()  # only a row was added: not yet the time to point out mistakes
    return _project_form_page(request, None, form, formset)


@teacher_required
def project_edit(request: AuthedRequest, project_id: int) -> HttpResponse:
    project = _teacher_project_or_404(request, project_id)
    add_row = "add_slot" in request.POST
    form = ProjectForm(request.POST or None, instance=project, teacher=request.user)
    formset = _slot_formset(request, _slot_initial(project), add_row=add_row)
    if request.method == "POST" and not add_row and form.is_valid() and formset.is_valid():
        project = services.project_save(teacher=request.user, form=form, slots=formset.rows())
        return _project_saved(request, project, _("The project is saved."))
    if add_row:
        form.errors.clear()
    return _project_form_page(request, project, form, formset)


@teacher_required
@require_GET
def slot_row(request: AuthedRequest) -> HttpResponse:
    """One more empty timetable row for the form (htmx), numbered after the rows there are."""
    try:
        index = max(0, int(request.GET.get(f"{SLOT_PREFIX}-TOTAL_FORMS", "0")))
    except ValueError:
        index = 0
    index = min(index, SlotFormSet.max_num)
    formset = SlotFormSet(prefix=SLOT_PREFIX)
    form = formset.form(
        auto_id=formset.auto_id,
        prefix=formset.add_prefix(index),
        empty_permitted=True,
        use_required_attribute=False,
    )
    formset.add_fields(form, index)
    return render(request, "projects/_slot_row.html", {"slot_form": form, "total_forms": index + 1})


@teacher_required
@require_POST
def project_status(request: AuthedRequest, project_id: int) -> HttpResponse:
    project = _teacher_project_or_404(request, project_id)
    status = request.POST.get("status", "")
    if status not in ProjectStatus.values:
        return HttpResponse(status=400)
    scheduling.project_set_status(project=project, status=status)
    messages.success(
        request,
        {
            ProjectStatus.ACTIVE: _("The project is active again; its lessons are planned."),
            ProjectStatus.PAUSED: _("The project is paused; its future lessons are removed."),
            ProjectStatus.FINISHED: _("The project is finished; its future lessons are removed."),
        }[status],
    )
    if not request.htmx:
        return redirect("projects:detail", project_id=project.pk)
    return _detail_response(request, project, fragment="project")


# The project page


def _detail_context(request: AuthedRequest, project: Project, **forms) -> dict:
    is_teacher = project.teacher_id == request.user.pk
    zone = timezone.get_current_timezone()
    context = {
        "project": project,
        "can_edit": is_teacher,
        "students": list(project.students.order_by("name")),
        "timetable": selectors.timetable(project, today=timezone.localdate(), viewer_zone=zone),
        "goals": selectors.goals_with_progress(project),
        "upcoming": selectors.upcoming_lessons(project),
        "past": selectors.past_lessons(project),
        "account": project_account(project=project),
        "statuses": ProjectStatus,
        "homework": homework_selectors.project_homework(
            project, student=None if is_teacher else request.user
        ),
    }
    if is_teacher:
        context["goal_form"] = forms.get("goal_form") or _new_goal_form()
        context["editing"] = forms.get("editing")
        context["edit_form"] = forms.get("edit_form")
    return context


def _detail_response(
    request: AuthedRequest, project: Project, *, fragment: str, **forms
) -> HttpResponse:
    template = "projects/detail.html"
    if wants_fragment(request):
        template = f"{template}#{fragment}"
    return render(request, template, _detail_context(request, project, **forms))


@login_required
def project_detail(request: AuthedRequest, project_id: int) -> HttpResponse:
    project = _viewer_project_or_404(request, project_id)
    return _detail_response(request, project, fragment="project")


# Goals (inline on the project page; each view also works as a page without JavaScript)


def _goals_changed(request: AuthedRequest, project: Project) -> HttpResponse:
    if not request.htmx:
        return redirect(reverse("projects:detail", args=[project.pk]) + "#goals")
    return _detail_response(request, project, fragment="goals")


def _new_goal_form(data=None) -> GoalForm:
    # Its own ids: the page may show a goal's edit form beside it.
    return GoalForm(data, initial={"manual_value": 0}, auto_id="new-goal-%s")


@teacher_required
@require_GET
def goal_list(request: AuthedRequest, project_id: int) -> HttpResponse:
    project = _teacher_project_or_404(request, project_id)
    return _goals_changed(request, project)


@teacher_required
def goal_create(request: AuthedRequest, project_id: int) -> HttpResponse:
    project = _teacher_project_or_404(request, project_id)
    form = _new_goal_form(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.goal_save(project=project, form=form)
        messages.success(request, _("The goal is added."))
        return _goals_changed(request, project)
    if wants_fragment(request):
        return _detail_response(request, project, fragment="goals", goal_form=form)
    return render(request, "projects/goal_form.html", {"project": project, "form": form})


@teacher_required
def goal_edit(request: AuthedRequest, project_id: int, goal_id: int) -> HttpResponse:
    project = _teacher_project_or_404(request, project_id)
    goal = _teacher_goal_or_404(request, project, goal_id)
    form = GoalForm(request.POST or None, instance=goal, auto_id=f"goal-{goal.pk}-%s")
    if request.method == "POST" and form.is_valid():
        services.goal_save(project=project, form=form)
        messages.success(request, _("The goal is saved."))
        return _goals_changed(request, project)
    if wants_fragment(request):
        return _detail_response(request, project, fragment="goals", editing=goal.pk, edit_form=form)
    return render(
        request, "projects/goal_form.html", {"project": project, "form": form, "goal": goal}
    )


@teacher_required
@require_POST
def goal_delete(request: AuthedRequest, project_id: int, goal_id: int) -> HttpResponse:
    project = _teacher_project_or_404(request, project_id)
    goal = _teacher_goal_or_404(request, project, goal_id)
    services.goal_delete(goal=goal)
    messages.success(request, _("The goal is deleted."))
    return _goals_changed(request, project)


# The student's side


@student_required
def student_list(request: AuthedRequest) -> HttpResponse:
    projects = selectors.student_projects(request.user)
    return render(request, "projects/student_list.html", {"projects": projects})
