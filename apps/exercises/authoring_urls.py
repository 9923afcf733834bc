"""The teacher's exercise builder (included in the `exercises` namespace by urls.py)."""

from django.urls import path

from . import authoring

urlpatterns = [
    path("new/", authoring.exercise_create, name="create"),
    path("import/", authoring.exercise_import, name="import"),
    path("<int:exercise_id>/edit/", authoring.exercise_edit, name="edit"),
    path("<int:exercise_id>/edit/row/", authoring.item_row, name="item_row"),
    path("<int:exercise_id>/edit/row/remove/", authoring.item_row_remove, name="item_row_remove"),
    path("<int:exercise_id>/edit/preview/", authoring.exercise_preview, name="preview"),
    path("<int:exercise_id>/delete/", authoring.exercise_delete, name="delete"),
    path("<int:exercise_id>/duplicate/", authoring.exercise_duplicate, name="duplicate"),
    path("<int:exercise_id>/export/", authoring.exercise_export, name="export"),
    path("<int:exercise_id>/submit/", authoring.exercise_submit, name="submit"),
]
