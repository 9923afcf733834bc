"""Every model in the admin opens for an administrator: list (with search) and add form."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

MODELS = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model in admin.site._registry
    if model._meta.app_label in {"accounts", "projects", "scheduling"}
)


@pytest.mark.parametrize(("app_label", "model_name"), MODELS)
def test_changelist_and_add_form_open(client, admin_user, app_label, model_name):
    client.force_login(admin_user)

    changelist = client.get(reverse(f"admin:{app_label}_{model_name}_changelist"), {"q": "a"})
    add = client.get(reverse(f"admin:{app_label}_{model_name}_add"))

    assert changelist.status_code == 200
    assert add.status_code == 200


def test_the_models_are_registered():
    assert ("accounts", "user") in MODELS
    assert ("scheduling", "lesson") in MODELS
    assert ("projects", "project") in MODELS


def test_a_teacher_cannot_open_the_admin(client, teacher):
    client.force_login(teacher)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
