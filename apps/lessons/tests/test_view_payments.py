from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.lessons import services
from apps.lessons.models import Package, Payment
from apps.projects.tests.factories import make_project

from .conftest import held_lessons

URL = reverse("lessons:payments")
CREATE = reverse("lessons:payment_create")
EXPORT = reverse("lessons:payments_export")


@pytest.fixture
def teacher_client(now, client, teacher):
    client.force_login(teacher)
    return client


@pytest.fixture
def payment(project, student, teacher) -> Payment:
    return services.payment_record(
        project=project, student=student, amount="500", paid_on=date(2027, 2, 15), by=teacher
    )


@pytest.fixture
def other_payment(now, other_teacher, other_student) -> Payment:
    other = make_project(other_teacher, students=(other_student,), title="Secret German")
    return services.payment_record(
        project=other, student=other_student, amount="700", paid_on=date(2027, 2, 1), by=None
    )


def _csv(response) -> list[list[str]]:
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:])))


def test_it_works(teacher_client, project, student, payment):
    held_lessons(project, 2)
    response = teacher_client.get(URL)
    assert response.status_code == 200
    text = response.text
    assert text.index("Who owes me") < text.index("Download CSV")
    # 2 lessons × 1000 − 500 paid: 1500 owed, the record link pre-filled.
    assert "1500.00 RUB" in text
    assert f"?project={project.pk}&amp;student={student.pk}&amp;amount=1500.00" in text


def test_it_requires_login(client, payment):
    for url in [
        URL,
        CREATE,
        EXPORT,
        reverse("lessons:payment_edit", args=[payment.pk]),
        reverse("lessons:payment_void", args=[payment.pk]),
        reverse("lessons:package_create"),
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "login" in response["Location"]


def test_it_checks_ownership(teacher_client, other_payment):
    for name in ["lessons:payment_edit", "lessons:payment_void"]:
        url = reverse(name, args=[other_payment.pk])
        assert teacher_client.get(url).status_code == 404
        assert teacher_client.post(url, {"void_reason": "x", "amount": "1"}).status_code == 404
    other_payment.refresh_from_db()
    assert other_payment.amount == Decimal("700.00") and not other_payment.is_voided
    assert "Secret German" not in teacher_client.get(URL).text
    assert len(_csv(teacher_client.get(EXPORT))) == 1


def test_students_cannot_change_anything(now, client, student, payment, project):
    client.force_login(student)
    package = services.package_record(
        project=project, lessons=4, price="3000", bought_on=date(2027, 2, 1), by=None
    )
    posts = {
        CREATE: {
            "project": project.pk,
            "student": student.pk,
            "amount": "1",
            "paid_on": "2027-03-01",
            "method": "cash",
        },
        reverse("lessons:payment_edit", args=[payment.pk]): {
            "amount": "1",
            "paid_on": "2027-03-01",
            "method": "cash",
        },
        reverse("lessons:payment_void", args=[payment.pk]): {"void_reason": "mine"},
        reverse("lessons:package_create"): {
            "project": project.pk,
            "lessons": 1,
            "price": "1",
            "bought_on": "2027-03-01",
        },
        reverse("lessons:package_void", args=[package.pk]): {"void_reason": "mine"},
    }
    for url, data in posts.items():
        assert client.get(url).status_code == 403, url
        assert client.post(url, data).status_code == 403, url
    assert client.get(URL).status_code == 403
    payment.refresh_from_db()
    assert Payment.objects.count() == 1 and payment.amount == Decimal("500.00")
    assert Package.objects.count() == 1 and Package.objects.valid().count() == 1
    assert not payment.is_voided


def test_record_payment(teacher_client, project, student, teacher):
    response = teacher_client.get(
        CREATE, {"project": project.pk, "student": student.pk, "amount": "1500.00"}
    )
    form = response.context["form"]
    assert form["amount"].value() == "1500.00" and form["paid_on"].value() == date(2027, 3, 1)
    response = teacher_client.post(
        CREATE,
        {
            "project": project.pk,
            "student": student.pk,
            "amount": "1500.00",
            "paid_on": "2027-03-01",
            "method": "card",
            "comment": "March",
        },
    )
    assert response.status_code == 302
    payment = Payment.objects.get()
    assert (payment.amount, payment.currency, payment.method, payment.created_by) == (
        Decimal("1500.00"),
        "RUB",
        "card",
        teacher,
    )


def test_record_payment_rejects_bad_input(teacher_client, project, student, other_payment):
    bad = [
        {"amount": "0"},
        {"amount": "-5"},
        {"amount": "abc"},
        {"paid_on": ""},
        {"project": other_payment.project_id},  # another teacher's project
        {"student": other_payment.student_id},  # not a student of the project
    ]
    for change in bad:
        data = {
            "project": project.pk,
            "student": student.pk,
            "amount": "100",
            "paid_on": "2027-03-01",
            "method": "cash",
        } | change
        response = teacher_client.post(CREATE, data)
        assert response.status_code == 200, change
        assert response.context["form"].errors, change
        assert "Nothing was saved" in response.text
    assert Payment.objects.count() == 1


def test_edit_payment(teacher_client, payment):
    url = reverse("lessons:payment_edit", args=[payment.pk])
    assert teacher_client.get(url).context["form"]["amount"].value() == Decimal("500.00")
    response = teacher_client.post(
        url, {"amount": "600", "paid_on": "2027-02-16", "method": "card", "comment": "fixed"}
    )
    assert response.status_code == 302
    payment.refresh_from_db()
    assert (payment.amount, payment.paid_on, payment.method) == (
        Decimal("600.00"),
        date(2027, 2, 16),
        "card",
    )
    response = teacher_client.post(url, {"amount": "-1", "paid_on": "2027-02-16", "method": "card"})
    assert response.status_code == 200
    payment.refresh_from_db()
    assert payment.amount == Decimal("600.00")


def test_void_payment_needs_a_reason(teacher_client, payment):
    url = reverse("lessons:payment_void", args=[payment.pk])
    response = teacher_client.post(url, {"void_reason": "   "})
    assert response.status_code == 200
    payment.refresh_from_db()
    assert not payment.is_voided
    response = teacher_client.post(url, {"void_reason": "Counted twice"})
    assert response.status_code == 302
    payment.refresh_from_db()
    assert payment.is_voided and payment.void_reason == "Counted twice"
    text = teacher_client.get(URL).text
    assert "<del>500.00 RUB</del>" in text and "Counted twice" in text
    # A voided payment can no longer be edited.
    edit = reverse("lessons:payment_edit", args=[payment.pk])
    teacher_client.post(edit, {"amount": "1", "paid_on": "2027-02-16", "method": "card"})
    payment.refresh_from_db()
    assert payment.amount == Decimal("500.00")


def test_csv_equals_filtered_rows(teacher_client, project, student, teacher, payment):
    services.payment_record(
        project=project,
        student=student,
        amount="200",
        paid_on=date(2027, 1, 10),
        method="card",
        by=teacher,
    )
    voided = services.payment_record(
        project=project, student=student, amount="300", paid_on=date(2027, 2, 20), by=teacher
    )
    services.payment_void(payment=voided, reason="typo", by=teacher)
    params = {"paid_from": "2027-02-01", "voided": "no"}
    rows = _csv(teacher_client.get(EXPORT, params))
    assert rows == [
        ["Date", "Project", "Student", "Amount", "Method", "Comment"],
        ["2027-02-15", "English B1", "Sasha Student", "500.00", "cash", ""],
    ]
    page = teacher_client.get(URL, params, headers={"HX-Request": "true"})
    assert 'id="payment-table"' in page.text and "<html" not in page.text
    assert len(page.context["table"].rows) == 1
    rows = _csv(teacher_client.get(EXPORT, {"voided": "yes"}))
    assert rows[1][-1] == "[voided: typo]"
    assert len(_csv(teacher_client.get(EXPORT, {"method": "card"}))) == 2
    response = teacher_client.get(EXPORT)
    assert response["Content-Disposition"] == 'attachment; filename="payments-2027-03-01.csv"'


def test_query_count_is_constant(
    teacher_client, project, student, teacher, django_assert_max_num_queries
):
    def add(count):
        for _i in range(count):
            services.payment_record(
                project=project, student=student, amount="10", paid_on=date(2027, 2, 1), by=teacher
            )
        held_lessons(project, count)
        services.package_record(
            project=project, lessons=2, price="100", bought_on=date(2027, 1, 1), by=teacher
        )

    add(3)
    with django_assert_max_num_queries(100) as few:
        teacher_client.get(URL)
    add(27)
    with django_assert_max_num_queries(100) as many:
        teacher_client.get(URL)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_packages(teacher_client, project, teacher):
    url = reverse("lessons:package_create")
    response = teacher_client.post(
        url, {"project": project.pk, "lessons": 4, "price": "3500", "bought_on": "2027-02-01"}
    )
    assert response.status_code == 302
    package = Package.objects.get()
    assert (package.lessons, package.price, package.currency) == (4, Decimal("3500.00"), "RUB")
    held_lessons(project, 3)
    text = teacher_client.get(URL).text
    assert "Package running out" in text
    response = teacher_client.post(
        url, {"project": project.pk, "lessons": 0, "price": "-1", "bought_on": "2027-02-01"}
    )
    assert response.status_code == 200 and Package.objects.count() == 1
    void = reverse("lessons:package_void", args=[package.pk])
    teacher_client.post(void, {"void_reason": ""})
    assert Package.objects.valid().count() == 1
    teacher_client.post(void, {"void_reason": "Refunded"})
    assert Package.objects.voided().count() == 1
    assert "Refunded" in teacher_client.get(URL).text


def test_package_checks_ownership(teacher_client, other_teacher, other_student):
    other = make_project(other_teacher, students=(other_student,), title="Secret German")
    package = services.package_record(
        project=other, lessons=4, price="1", bought_on=date(2027, 2, 1), by=None
    )
    void = reverse("lessons:package_void", args=[package.pk])
    assert teacher_client.post(void, {"void_reason": "x"}).status_code == 404
    response = teacher_client.post(
        reverse("lessons:package_create"),
        {"project": other.pk, "lessons": 4, "price": "1", "bought_on": "2027-02-01"},
    )
    assert response.status_code == 200
    assert Package.objects.valid().count() == 1


def test_choosing_a_project_limits_the_students(teacher_client, teacher, project, student):
    from apps.accounts.models import Role
    from conftest import make_user

    other = make_user("x@example.com", "Xenia", Role.STUDENT)
    make_project(teacher, students=(other,), title="Other")
    everyone = teacher_client.get(CREATE).context["form"].fields["student"].queryset
    assert set(everyone) == {student, other}
    response = teacher_client.get(CREATE, {"project": project.pk}, headers={"HX-Request": "true"})
    assert list(response.context["form"].fields["student"].queryset) == [student]
