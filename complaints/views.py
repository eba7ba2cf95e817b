from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def progress_start(request: HttpRequest) -> HttpResponse:
    return render(request, "complaints/progress_start.html")
