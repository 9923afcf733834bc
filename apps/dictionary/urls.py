from django.urls import path

from . import views

app_name = "dictionary"

urlpatterns = [
    path("", views.search, name="search"),
    path("suggest/", views.suggest, name="suggest"),
    path("suggestions/", views.suggestions, name="suggestions"),
    path("<int:entry_id>/", views.entry_detail, name="entry"),
    path("<int:entry_id>/edit/", views.suggestion_edit, name="suggestion_edit"),
    path("<int:entry_id>/delete/", views.suggestion_delete, name="suggestion_delete"),
    path("<int:entry_id>/audio/", views.entry_audio, name="audio"),
    path("<int:entry_id>/audio/generate/", views.audio_generate, name="audio_generate"),
    path("<int:entry_id>/audio/upload/", views.audio_upload, name="audio_upload"),
    path("<int:entry_id>/audio/<int:audio_id>/delete/", views.audio_delete, name="audio_delete"),
    path("<int:entry_id>/pictures/upload/", views.picture_upload, name="picture_upload"),
    path(
        "<int:entry_id>/pictures/<int:picture_id>/delete/",
        views.picture_delete,
        name="picture_delete",
    ),
]
