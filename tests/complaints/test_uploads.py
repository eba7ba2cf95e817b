"""Evidence uploads: checked by content, kept privately, and attacks refused."""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from complaints import uploads
from complaints.journey import SESSION_KEY
from complaints.models import Attachment, Complaint
from tests.complaints.journey_support import directory_create, journey_complete, step_url

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
JPEG = (
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    + b"\x00" * 64
    + b"\xff\xd9"
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64


def docx(extra: dict[str, bytes] | None = None, *, document: bytes = b"<w:document/>") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def check(name: str, data: bytes) -> str:
    _name, content_type = uploads.upload_check(name=name, handle=io.BytesIO(data), size=len(data))
    return content_type


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("letter.pdf", PDF, "application/pdf"),
        ("photo.JPG", JPEG, "image/jpeg"),
        ("photo.jpeg", JPEG, "image/jpeg"),
        ("screen.png", PNG, "image/png"),
        ("statement.docx", docx(), uploads.CONTENT_TYPES["docx"]),
        ("notes.txt", "Notes in Cymraeg: ŵ ŷ, and 日本語.\n".encode(), "text/plain"),
        ("ffeil Gymraeg – llythyr.pdf", PDF, "application/pdf"),
    ],
)
def test_genuine_files_are_accepted(name, data, content_type):
    assert check(name, data) == content_type


ATTACKS = [
    ("image.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ("image.png", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
    ("page.html", b"<html><body>hi</body></html>"),
    ("page.txt", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
    ("svg.txt", b'<?xml version="1.0"?><svg></svg>'),
    ("polyglot.jpg", JPEG + b"<script>alert(1)</script>"),
    ("polyglot.pdf", PDF + b"<html><script>alert(1)</script></html>"),
    ("zip-in-image.png", PNG + docx()),
    ("zip-in-pdf.pdf", PDF + docx()),
    ("../../etc/passwd.txt", b"hello"),
    ("..\\evil.txt", b"hello"),
    ("folder/file.pdf", PDF),
    (".hidden.pdf", PDF),
    ("name\x00.pdf", PDF),
    ("letter.pdf.exe", b"MZ\x90\x00"),
    ("letter.exe", b"MZ\x90\x00"),
    ("photo.jpg", PDF),  # a PDF named as a photo
    ("letter.pdf", JPEG),
    ("letter.docx", PDF),
    ("letter.pdf", b"just some text"),
    ("notes.txt", b"\xff\xfe\x00h\x00i"),  # UTF-16, not UTF-8
    ("notes.txt", b"binary\x00data"),
    ("notes.txt", b"\x1b[31mterminal escape"),
    ("empty.pdf", b""),
    ("fake.docx", docx(document=b"").replace(b"word/document.xml", b"word/documenx.xml")),
    ("macro.docx", docx({"word/vbaProject.bin": b"\x00" * 10})),
    ("broken.docx", b"PK\x03\x04" + b"\x00" * 100),
]


@pytest.mark.parametrize(("name", "data"), ATTACKS)
def test_attacks_are_refused(name, data):
    with pytest.raises(uploads.UploadRejected):
        check(name, data)


def test_a_zip_bomb_docx_is_refused_without_expanding_it():
    bomb = docx(document=b"0" * (120 * 1024 * 1024))
    assert len(bomb) < 1024 * 1024
    with pytest.raises(uploads.UploadRejected):
        check("bomb.docx", bomb)


def test_an_oversize_file_is_refused_by_its_size():
    with pytest.raises(uploads.UploadRejected, match="smaller than 10MB"):
        uploads.upload_check(name="big.pdf", handle=io.BytesIO(PDF), size=uploads.MAX_BYTES + 1)


def test_messages_never_repeat_the_file_name():
    with pytest.raises(uploads.UploadRejected) as error:
        check("secret-name.exe", b"MZ")
    assert "secret-name" not in str(error.value)


# -- private storage ------------------------------------------------------------------


def test_pending_files_are_private_and_random(settings):
    folder = uploads.pending_folder_new()
    pending = uploads.pending_save(
        folder=folder, name="letter.pdf", handle=io.BytesIO(PDF), size=len(PDF)
    )
    path = uploads.pending_dir(folder) / pending.id
    assert path.read_bytes() == PDF
    assert "letter" not in str(path)
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert str(path).startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not str(settings.PRIVATE_MEDIA_ROOT).startswith(str(settings.STATIC_ROOT))
    uploads.pending_discard(folder=folder)
    assert not path.exists()


def test_sweep_deletes_folders_of_expired_sessions():
    folder = uploads.pending_folder_new()
    uploads.pending_save(folder=folder, name="a.pdf", handle=io.BytesIO(PDF), size=len(PDF))
    old = uploads.pending_dir(folder)
    os.utime(old, (0, 0))
    assert uploads.pending_sweep(max_age_seconds=60) == 1
    assert not old.exists()


def test_folder_names_cannot_escape_the_private_area():
    with pytest.raises(ValueError):
        uploads.pending_dir("../../etc")
    with pytest.raises(ValueError):
        uploads.attachment_path(stored_name="../settings.py")


# -- through the journey ----------------------------------------------------------------


@pytest.fixture
def journey(client, db):
    directory = directory_create()
    journey_complete(client, directory["north"].id)
    return client


def upload(client, name, data, slug="evidence"):
    field = "files" if slug == "evidence" else "permission_file"
    return client.post(
        step_url(slug) + "?change=1",
        {"action": "upload", field: SimpleUploadedFile(name, data, content_type="application/pdf")},
    )


def test_upload_keeps_the_file_until_submit_then_stores_it_privately(journey, settings):
    response = upload(journey, "letter.pdf", PDF)
    assert response.status_code == 302
    html = journey.get(step_url("evidence")).content.decode()
    assert "letter.pdf" in html
    folder = journey.session[SESSION_KEY]["folder"]
    assert len(list(uploads.pending_dir(folder).iterdir())) == 1

    journey.post("/complaints/check-your-answers/", {"declaration": "on"})
    attachment = Attachment.objects.get()
    assert attachment.complaint == Complaint.objects.get()
    assert attachment.original_name == "letter.pdf"
    assert attachment.content_type == "application/pdf"
    assert len(attachment.stored_name) == 32 and "letter" not in attachment.stored_name
    with uploads.attachment_open(attachment=attachment) as handle:
        assert handle.read() == PDF
    stored = Path(settings.PRIVATE_MEDIA_ROOT) / "attachments" / attachment.stored_name
    assert stored.exists()
    # The pending copy is gone.
    assert not uploads.pending_dir(folder).exists()


def test_a_refused_file_shows_a_specific_message(journey):
    response = upload(journey, "image.svg", b"<svg></svg>")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="#id_files">The selected file must be a PDF, JPG, PNG, DOCX or TXT.</a>' in html
    assert "govuk-file-upload--error" in html


def test_no_more_than_five_files(journey):
    for n in range(5):
        assert upload(journey, f"letter{n}.pdf", PDF).status_code == 302
    response = upload(journey, "letter6.pdf", PDF)
    assert response.status_code == 200
    assert "You have added the most files you can" in response.content.decode()
    assert len(journey.session[SESSION_KEY]["uploads"]) == 5


def test_a_file_can_be_removed(journey):
    upload(journey, "letter.pdf", PDF)
    file_id = journey.session[SESSION_KEY]["uploads"][0]["id"]
    folder = journey.session[SESSION_KEY]["folder"]
    journey.post(step_url("evidence"), {"action": f"remove:{file_id}"})
    assert journey.session[SESSION_KEY]["uploads"] == []
    assert not (uploads.pending_dir(folder) / file_id).exists()


def test_quick_exit_leaves_no_way_to_reach_pending_files(journey):
    upload(journey, "letter.pdf", PDF)
    journey.get("/exit/")
    assert journey.get(step_url("evidence"))["Location"] == "/complaints/session-ended/"


def test_permission_letter_is_stored_as_permission(client, db):
    directory = directory_create()
    assert directory["north"]
    client.post("/complaints/before-you-start/")
    client.post(step_url("who"), {"role": "on_behalf"})
    client.post(
        step_url("on-behalf"),
        {"affected_person_name": "Sam", "relationship": "Friend", "permission": "written"},
    )
    response = client.post(
        step_url("permission"),
        {"action": "continue", "permission_file": SimpleUploadedFile("ok.pdf", PDF)},
    )
    assert response["Location"] == step_url("about")
    assert client.session[SESSION_KEY]["uploads"][0]["kind"] == "permission"


def test_no_public_url_serves_attachments(journey, settings):
    upload(journey, "letter.pdf", PDF)
    journey.post("/complaints/check-your-answers/", {"declaration": "on"})
    attachment = Attachment.objects.get()
    for url in (
        f"/static/{attachment.stored_name}",
        f"/media/{attachment.stored_name}",
        f"/private_media/attachments/{attachment.stored_name}",
    ):
        assert journey.get(url, follow=True).status_code == 404


def test_session_discard_deletes_unsent_files(journey):
    from complaints.journey import session_discard

    upload(journey, "letter.pdf", PDF)
    folder = journey.session[SESSION_KEY]["folder"]
    session_discard(journey.session)
    assert not uploads.pending_dir(folder).exists()


def test_sweep_command(journey):
    from django.core.management import call_command

    upload(journey, "letter.pdf", PDF)
    folder = journey.session[SESSION_KEY]["folder"]
    os.utime(uploads.pending_dir(folder), (0, 0))
    out = io.StringIO()
    call_command("sweep_pending_uploads", stdout=out)
    assert "Deleted 1" in out.getvalue()
    assert not uploads.pending_dir(folder).exists()


def test_a_file_swept_while_the_session_lived_is_explained_not_a_500(journey):
    """Reading guidance for over an hour keeps the session alive but not the upload folder,
    so the sweep could take the file. Sending then says so, keeps every other answer, and
    works when sent again."""
    upload(journey, "letter.pdf", PDF)
    folder = journey.session[SESSION_KEY]["folder"]
    shutil.rmtree(uploads.pending_dir(folder))
    response = journey.post("/complaints/check-your-answers/", {"declaration": "on"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "We could not keep the file ‘letter.pdf’ you uploaded" in html
    assert "choose ‘Change’ next to Evidence" in html
    assert not Complaint.objects.exists()
    assert journey.session[SESSION_KEY]["uploads"] == []

    response = journey.post("/complaints/check-your-answers/", {"declaration": "on"})
    assert response.status_code == 302
    assert Complaint.objects.count() == 1 and not Attachment.objects.exists()


def test_looking_at_check_your_answers_keeps_the_files(journey):
    upload(journey, "letter.pdf", PDF)
    folder = journey.session[SESSION_KEY]["folder"]
    os.utime(uploads.pending_dir(folder), (0, 0))
    journey.get("/complaints/check-your-answers/")
    assert uploads.pending_sweep() == 0
