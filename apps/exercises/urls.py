from . import authoring_urls, player_urls

app_name = "exercises"

# Doing and browsing exercises (player_urls) and building them (authoring_urls).
urlpatterns = [*player_urls.urlpatterns, *authoring_urls.urlpatterns]
