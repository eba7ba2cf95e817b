from django.urls import path

from feedback import views

app_name = "feedback"

urlpatterns = [
    path("", views.feedback, name="feedback"),
    path("thank-you/", views.thanks, name="thanks"),
]
