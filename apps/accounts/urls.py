from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("sign-up/", views.sign_up, name="sign_up"),
    path("awaiting-approval/", views.awaiting_approval, name="awaiting_approval"),
    path("password/", views.password_change, name="password_change"),
    path("password/done/", views.password_change_done, name="password_change_done"),
    path("password/reset/", views.password_reset, name="password_reset"),
    path("password/reset/sent/", views.password_reset_done, name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("password/reset/done/", views.password_reset_complete, name="password_reset_complete"),
    path("profile/", views.profile, name="profile"),
    path("language/", views.set_language, name="set_language"),
    path("students/", views.students, name="students"),
    path("students/invite/", views.invitation_create, name="invitation_create"),
    path("students/new/", views.student_create, name="student_create"),
    path(
        "invitations/<int:invitation_id>/revoke/", views.invitation_revoke, name="invitation_revoke"
    ),
    path("invitations/<int:invitation_id>/renew/", views.invitation_renew, name="invitation_renew"),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("teachers/", views.my_teachers, name="my_teachers"),
]
