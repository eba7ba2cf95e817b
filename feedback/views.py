"""The feedback form: one page, then a thank-you page. No JavaScript needed."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from feedback import services
from feedback.forms import FeedbackForm
from victims_service.ratelimit import ratelimit


@ratelimit("feedback")
@require_http_methods(["GET", "POST"])
def feedback(request: HttpRequest) -> HttpResponse:
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_bot():
            # Scripts see the same thank-you page, and nothing is stored.
            return redirect("feedback:thanks")
        if form.is_valid():
            services.feedback_create(**form.answers())
            return redirect("feedback:thanks")
    return render(request, "feedback/feedback.html", {"form": form})


@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "feedback/thanks.html")
