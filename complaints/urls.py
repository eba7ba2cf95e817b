from django.urls import path

from complaints import views

app_name = "complaints"

urlpatterns = [
    path("check/", views.progress_start, name="progress_start"),
    # Placeholder: the complaint journey replaces it.
    path("", views.progress_start, name="start"),
]
