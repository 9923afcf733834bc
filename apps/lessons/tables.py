from __future__ import annotations

import django_tables2 as tables
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from apps.projects.templatetags.projects import price
from apps.scheduling.models import STATUS_BUTTONS, Lesson

from .models import Payment, PaymentState


def amount(value, currency: str) -> str:
    return f"{number_format(value, 2, force_grouping=True)} {currency}"


class LessonTable(tables.Table):
    """Lessons with their payment state; `states` comes from selectors.lesson_payment_states."""

    start = tables.DateTimeColumn(verbose_name=_("Date"), format="D j M Y, H:i")
    project = tables.Column(verbose_name=_("Project"), order_by=("project__title", "start"))
    students = tables.Column(verbose_name=_("Students"), accessor="project", orderable=False)
    status = tables.Column(verbose_name=_("Attendance"))
    payment = tables.Column(verbose_name=_("Payment"), accessor="pk", orderable=False)
    price = tables.Column(
        verbose_name=_("Price"),
        accessor="project__price",
        order_by=("project__price", "start"),
        attrs={"td": {"class": "number"}},
    )
    # Rendered by templates/lessons/_lesson_row.html: one-click statuses and "Mark paid".
    actions = tables.Column(
        verbose_name=_("Actions"),
        accessor="pk",
        orderable=False,
        exclude_from_export=True,
        attrs={"td": {"class": "lesson-actions"}},
    )

    class Meta:
        model = Lesson
        fields = ["start", "project", "students", "status", "payment", "price"]
        template_name = "lessons/_lesson_table.html"
        row_attrs = {"data-lesson": lambda record: record.pk}
        orderable = True
        order_by = "-start"
        empty_text = _("No lessons match the filter.")
        attrs = {"class": "striped"}

    def __init__(self, *args, states: dict, **kwargs):
        self.states = states
        super().__init__(*args, **kwargs)

    def _state(self, record: Lesson) -> PaymentState | None:
        return self.states.get(record.pk)

    def render_project(self, record: Lesson):
        return format_html(
            '<span class="colour-dot" style="--project-colour: {}" aria-hidden="true"></span> '
            '<a href="{}">{}</a>',
            record.project.colour,
            reverse("projects:detail", args=[record.project_id]),
            record.project.title,
        )

    def value_project(self, record: Lesson) -> str:
        return record.project.title

    def _students(self, record: Lesson) -> str:
        return ", ".join(student.name for student in record.project.students.all())

    def render_students(self, record: Lesson) -> str:
        return self._students(record)

    def value_students(self, record: Lesson) -> str:
        return self._students(record)

    def value_start(self, record: Lesson) -> str:
        return f"{timezone.localtime(record.start):%Y-%m-%d %H:%M}"

    def render_status(self, record: Lesson):
        return format_html(
            '<span class="badge badge-{}">{}</span>', record.status, record.get_status_display()
        )

    def value_status(self, record: Lesson) -> str:
        return str(record.get_status_display())

    def render_payment(self, record: Lesson):
        state = self._state(record)
        if state is None:
            return "—"
        css = {PaymentState.UNPAID: "badge-warn", PaymentState.PAID: "badge-ok"}.get(state, "")
        return format_html('<span class="badge {}">{}</span>', css, state.label)

    def value_payment(self, record: Lesson) -> str:
        state = self._state(record)
        return "" if state is None else str(state.label)

    def render_price(self, record: Lesson) -> str:
        return price(record.project)

    def render_actions(self, record: Lesson) -> dict:
        """Not HTML: what the row template needs to draw the buttons."""
        return {
            "lesson": record,
            "status_buttons": STATUS_BUTTONS,
            "can_mark_paid": self._state(record) == PaymentState.UNPAID,
            "students": list(record.project.students.all()),
        }

    def value_price(self, record: Lesson) -> str:
        return f"{record.project.price} {record.project.currency}"


class PaymentTable(tables.Table):
    paid_on = tables.DateColumn(verbose_name=_("Date"), format="j M Y")
    project = tables.Column(verbose_name=_("Project"), order_by=("project__title", "paid_on"))
    student = tables.Column(verbose_name=_("Student"), order_by=("student__name", "paid_on"))
    amount = tables.Column(verbose_name=_("Amount"), attrs={"td": {"class": "number"}})
    method = tables.Column(verbose_name=_("Method"))
    comment = tables.Column(verbose_name=_("Comment"), orderable=False, empty_values=())
    actions = tables.Column(
        verbose_name=_("Actions"), accessor="pk", orderable=False, exclude_from_export=True
    )

    class Meta:
        model = Payment
        fields = ["paid_on", "project", "student", "amount", "method", "comment"]
        template_name = "projects/_table.html"
        orderable = True
        order_by = ("-paid_on", "-pk")
        empty_text = _("No payments match the filter.")
        attrs = {"class": "striped"}
        row_attrs = {"class": lambda record: "voided" if record.is_voided else ""}

    def render_paid_on(self, record: Payment, value):
        text = format_html("{}", value.strftime("%Y-%m-%d"))
        return format_html("<del>{}</del>", text) if record.is_voided else text

    def value_paid_on(self, record: Payment) -> str:
        return record.paid_on.isoformat()

    def render_project(self, record: Payment) -> str:
        return record.project.title

    def render_student(self, record: Payment) -> str:
        return record.student.name

    def render_amount(self, record: Payment):
        text = amount(record.amount, record.currency)
        if record.is_voided:
            return format_html("<del>{}</del>", text)
        return text

    def value_amount(self, record: Payment) -> str:
        return str(record.amount)

    def render_comment(self, record: Payment):
        if record.is_voided:
            return format_html(
                '{} <span class="badge badge-warn">{}</span> {}',
                record.comment,
                _("voided"),
                record.void_reason,
            )
        return record.comment

    def value_comment(self, record: Payment) -> str:
        if record.is_voided:
            return f"{record.comment} [{_('voided')}: {record.void_reason}]".strip()
        return record.comment

    def render_actions(self, record: Payment):
        if record.is_voided:
            return ""
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("lessons:payment_edit", args=[record.pk]),
            _("Edit"),
            reverse("lessons:payment_void", args=[record.pk]),
            _("Void"),
        )
