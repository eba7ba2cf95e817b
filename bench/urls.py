"""The benchmark's bare views (bench/baseline.py), mounted only when BENCH_BASELINE is on."""

from django.urls import path

from bench.baseline import baseline, cached_guidance_page

urlpatterns = [
    path("baseline/<int:size>/", baseline),
    path("cached/<path:path>/", cached_guidance_page),
]
