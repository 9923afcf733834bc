from django.urls import path

from . import views

app_name = "vocabulary"

urlpatterns = [
    path("", views.word_list_page, name="list"),
    path("add/", views.word_add, name="add"),
    path("add/entry/<int:entry_id>/", views.add_entry, name="add_entry"),
    path("dictionary/", views.dictionary_search, name="dictionary_search"),
    path("<int:word_id>/edit/", views.word_edit, name="edit"),
    path("<int:word_id>/move/", views.word_move, name="move"),
    path("<int:word_id>/delete/", views.word_delete, name="delete"),
    path("lists/new/", views.list_create, name="list_create"),
    path("lists/<int:list_id>/delete/", views.list_delete, name="list_delete"),
    path("settings/", views.settings_page, name="settings"),
    path("review/", views.review, name="review"),
    path("review/<int:word_id>/answer/", views.review_answer, name="review_answer"),
    path("review/<int:word_id>/grade/", views.review_grade, name="review_grade"),
    path("students/", views.students_page, name="students"),
    path("student/<int:student_id>/", views.student_page, name="student"),
    path("student/<int:student_id>/add/", views.student_word_add, name="student_add"),
    path(
        "student/<int:student_id>/lists/new/", views.student_list_create, name="student_list_create"
    ),
    path("student/<int:student_id>/exercise/", views.student_exercise, name="student_exercise"),
]
