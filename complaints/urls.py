from django.urls import path

from complaints import progress_downloads, views

app_name = "complaints"

urlpatterns = [
    # Make a complaint
    path("", views.start, name="start"),
    path("before-you-start/", views.before_you_start, name="before_you_start"),
    path("question/<slug:slug>/", views.step, name="step"),
    path("check-your-answers/", views.check_answers, name="check_answers"),
    path("check-your-answers/copy/", views.answers_copy, name="answers_copy"),
    path("complaint-sent/", views.confirmation, name="confirmation"),
    path("complaint-sent/copy/", views.sent_copy, name="sent_copy"),
    path("session-ended/", views.session_ended, name="session_ended"),
    path("keep-alive/", views.keep_alive, name="keep_alive"),
    path("delete-answers/", views.delete_answers, name="delete_answers"),
    # Check a complaint
    path("check/", views.progress_start, name="progress_start"),
    path("check/email-sent/", views.progress_sent, name="progress_sent"),
    # The one secret that must be in a URL: single-use, short-lived, swapped for the session.
    path("check/link/<str:token>/", views.progress_link, name="progress_link"),
    path("check/status/", views.progress_status, name="progress_status"),
    path("check/reply/", views.progress_reply, name="progress_reply"),
    path("check/files/<int:file_id>/", progress_downloads.progress_file, name="progress_file"),
    path("check/finish/", views.progress_finish, name="progress_finish"),
]
