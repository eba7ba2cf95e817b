from django.urls import path

from guidance import directory_views, tool_views, views

app_name = "guidance"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    # The "who should I complain to?" tool and the local police lookup.
    path("who-should-i-complain-to/", tool_views.tool_start, name="tool_start"),
    path("who-should-i-complain-to/result/", tool_views.tool_result, name="tool_result"),
    path("who-should-i-complain-to/<slug:step>/", tool_views.tool_step, name="tool_step"),
    path("find-your-local-police/", directory_views.directory, name="directory"),
    path(
        "find-your-local-police/<slug:slug>/",
        directory_views.directory_result,
        name="directory_result",
    ),
    # Every guidance page, at its path (victims-code/right-to-information/). Keep it last:
    # it matches any path, so routes added above it win.
    path("<path:path>/", views.page, name="page"),
]
