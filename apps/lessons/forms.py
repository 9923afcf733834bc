from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.projects.models import Project

from .models import PaymentMethod

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PaymentForm(forms.Form):
    """Record a payment: the project is the teacher's, the student one of the project's."""

    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.none())
    student = forms.ModelChoiceField(label=_("Student"), queryset=User.objects.none())
    amount = forms.DecimalField(
        label=_("Amount"), max_digits=10, decimal_places=2, min_value=Decimal("0.01")
    )
    paid_on = forms.DateField(label=_("Date"), widget=DATE)
    method = forms.ChoiceField(
        label=_("Method"), choices=PaymentMethod.choices, initial=PaymentMethod.CASH
    )
    comment = forms.CharField(label=_("Comment"), max_length=300, required=False)

    def __init__(self, *args, teacher: User, **kwargs):
        super().__init__(*args, **kwargs)
        projects = Project.objects.for_teacher(teacher).order_by("title", "pk")
        self.fields["project"].queryset = projects
        self.fields["student"].queryset = (
            User.objects.filter(student_projects__in=projects).distinct().order_by("name", "pk")
        )
        self.fields["paid_on"].initial = timezone.localdate()
        # Once the project is known, only its students can be chosen.
        project_id = self.data.get("project") if self.is_bound else self.initial.get("project")
        if project_id and str(project_id).isdigit():
            self.fields["student"].queryset = User.objects.filter(
                student_projects__in=projects.filter(pk=project_id)
            ).order_by("name", "pk")

    def clean(self):
        cleaned = super().clean()
        project, student = cleaned.get("project"), cleaned.get("student")
        if project and student and not project.students.filter(pk=student.pk).exists():
            self.add_error("student", _("This student does not take part in the project."))
        return cleaned


class PaymentEditForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount"), max_digits=10, decimal_places=2, min_value=Decimal("0.01")
    )
    paid_on = forms.DateField(label=_("Date"), widget=DATE)
    method = forms.ChoiceField(label=_("Method"), choices=PaymentMethod.choices)
    comment = forms.CharField(label=_("Comment"), max_length=300, required=False)


class VoidForm(forms.Form):
    void_reason = forms.CharField(
        label=_("Why is it voided?"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_void_reason(self) -> str:
        reason = self.cleaned_data["void_reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why it is voided."))
        return reason


class PackageForm(forms.Form):
    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.none())
    lessons = forms.IntegerField(label=_("Number of lessons"), min_value=1, max_value=1000)
    price = forms.DecimalField(
        label=_("Price"), max_digits=10, decimal_places=2, min_value=Decimal("0")
    )
    bought_on = forms.DateField(label=_("Date"), widget=DATE)
    comment = forms.CharField(label=_("Comment"), max_length=300, required=False)

    def __init__(self, *args, teacher: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.for_teacher(teacher).order_by(
            "title", "pk"
        )
        self.fields["bought_on"].initial = timezone.localdate()
