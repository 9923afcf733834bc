from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Verbal Voyager administration")
admin.site.site_title = _("Verbal Voyager")
admin.site.index_title = _("Administration")

urlpatterns = [
    path("", include("apps.common.urls")),
    path("accounts/", include("apps.accounts.urls")),
    path("projects/", include("apps.projects.urls")),
    path("calendar/", include("apps.scheduling.urls")),
    path("money/", include("apps.lessons.urls")),
    path("notifications/", include("apps.notifications.urls")),
    path("exercises/", include("apps.exercises.urls")),
    path("homework/", include("apps.homework.urls")),
    path("dictionary/", include("apps.dictionary.urls")),
    path("words/", include("apps.vocabulary.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "apps.common.views.permission_denied"
handler404 = "apps.common.views.page_not_found"
handler500 = "apps.common.views.server_error"

if settings.BENCH_HELLO:
    from apps.common.bench import hello

    urlpatterns.append(path("bench/hello", hello))

if settings.DEBUG:
    # Uploaded files in development, with byte ranges for audio; nginx serves /media/ in
    # production.
    from apps.common.media import serve_media

    urlpatterns.append(
        re_path(r"^media/(?P<path>.*)$", serve_media, {"document_root": settings.MEDIA_ROOT})
    )

if settings.DEBUG_TOOLBAR:
    urlpatterns.append(path("__debug__/", include("debug_toolbar.urls")))
