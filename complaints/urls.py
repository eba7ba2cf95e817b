from django.urls import path

from complaints import views

app_name = "complaints"

urlpatterns = [
    path("check/", views.progress_start, name="progress_start"),
]
