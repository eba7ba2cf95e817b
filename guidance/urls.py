from django.urls import path

from guidance import views

app_name = "guidance"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    # Placeholders: the tool and the directory replace these.
    path("who-should-i-complain-to/", views.home, name="tool_start"),
    path("find-your-local-police/", views.home, name="directory"),
    path("<slug:slug>/", views.page, name="page"),
]
