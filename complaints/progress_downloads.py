"""The complainant downloads a file staff shared with them, from their progress page.

Only through the progress session (the one a used one-time link made): the URL alone opens
nothing, and a file of another complaint, or one no longer shared, is a 404.
"""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from complaints import staff_file_selectors, uploads
from complaints.views import PROGRESS_SESSION_KEY


@require_GET
def progress_file(request: HttpRequest, file_id: int) -> HttpResponseBase:
    complaint_id = request.session.get(PROGRESS_SESSION_KEY)
    if not complaint_id:
        return redirect("complaints:progress_start")
    attachment = staff_file_selectors.staff_file_shared(
        complaint_id=complaint_id, attachment_id=file_id
    )
    if attachment is None:
        raise Http404
    try:
        handle = uploads.attachment_open(attachment=attachment)
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    # Always a download, never opened in the browser here, and never kept in a cache.
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store, private"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
