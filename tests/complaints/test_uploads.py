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
from tests.complaints import files
from tests.complaints.journey_support import directory_create, journey_complete, step_url

PDF, JPEG, PNG = files.PDF, files.JPEG, files.PNG


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
        ("scan..pdf", PDF, "application/pdf"),
        ("IMG_0001.HEIC", files.heic(), "image/heic"),
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
    assert (
        '<a href="#id_files">The selected file must be a PDF, JPG, PNG, HEIC, DOCX or TXT.</a>'
        in html
    )
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


def test_quick_exit_deletes_the_files_not_yet_sent(journey):
    upload(journey, "letter.pdf", PDF)
    folder = journey.session[SESSION_KEY]["folder"]
    assert uploads.pending_dir(folder).exists()
    journey.post("/exit/")
    assert not uploads.pending_dir(folder).exists()


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


# -- photos are decoded, not searched ---------------------------------------------------

# (width, height, quality): from a small phone picture to about 5MB of noise (the hardest
# case: compressed noise is as random as data gets, so every short run of bytes, "<svg"
# included, turns up somewhere by chance).
NOISE_JPEGS = [(640, 480, 85), (1600, 1200, 90), (2400, 1800, 95), (3000, 2400, 95)]
NOISE_PNGS = [(320, 240), (1000, 800), (1300, 1300)]
NOISE_SEEDS = range(1, int(os.environ.get("NOISE_PHOTO_SEEDS", "5")) + 1)


def test_generated_noise_photos_of_several_sizes_are_all_accepted():
    sizes, refused = [], []
    for seed in NOISE_SEEDS:
        made = [("photo.jpg", files.jpeg(w, h, seed=seed, quality=q)) for w, h, q in NOISE_JPEGS]
        made += [("screen.png", files.png(w, h, seed=seed)) for w, h in NOISE_PNGS]
        for name, data in made:
            sizes.append(len(data))
            try:
                check(name, data)
            except uploads.UploadRejected as error:
                refused.append((name, len(data), seed, str(error)))
    print(
        f"{len(sizes) - len(refused)} of {len(sizes)} noise photos accepted, "
        f"{min(sizes) / 1e6:.2f} to {max(sizes) / 1e6:.1f} MB"
    )
    assert len(sizes) >= 35 and max(sizes) > 5_000_000
    assert refused == []


def test_a_5mb_noise_png_holding_svg_by_chance_is_accepted():
    """Seed 1 at 1300 x 1300 pixels: the old check searched every byte and refused it."""
    data = files.png(1300, 1300, seed=1)
    assert len(data) > 5_000_000 and b"<svg" in data.lower()
    assert check("screen.png", data) == "image/png"


@pytest.mark.parametrize("marker", [b"<svg", b"<SvG", b"<html", b"<script", b"javascript:"])
def test_a_photo_whose_compressed_data_holds_a_marker_by_chance_is_accepted(marker):
    """The old check searched every byte and refused about 1 in 100 photos of 5MB."""
    photo = files.jpeg(640, 480, seed=3)
    middle = len(photo) // 2
    photo = photo[:middle] + marker + photo[middle + len(marker) :]
    assert check("photo.jpg", photo) == "image/jpeg"
    # A PNG stored without compression holds its pixels as they are.
    row = b"<svg onload=alert(1)><html><script>" * 4
    picture = io.BytesIO()
    from PIL import Image

    Image.frombytes("L", (len(row), 4), row * 4).save(picture, "PNG", compress_level=0)
    assert check("screen.png", picture.getvalue()) == "image/png"


IMAGE_POLYGLOTS = [
    # A page hidden in a photo's comment, text or after its end.
    ("comment.jpg", JPEG[:2] + b"\xff\xfe\x00\x21<html><script>x</script></html>" + JPEG[2:]),
    ("after-the-end.png", PNG + b"<html><script>alert(1)</script></html>"),
    ("after-the-end.jpg", JPEG + b"\n\n<svg onload=alert(1)>"),
    ("zip-after.jpg", JPEG + docx()),
]


@pytest.mark.parametrize(("name", "data"), IMAGE_POLYGLOTS)
def test_photos_hiding_a_page_or_archive_are_refused(name, data):
    with pytest.raises(uploads.UploadRejected, match="cannot be opened safely"):
        check(name, data)


def test_a_png_text_chunk_holding_a_page_is_refused():
    from PIL import Image, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "<script>alert(1)</script>")
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "PNG", pnginfo=info)
    with pytest.raises(uploads.UploadRejected, match="cannot be opened safely"):
        check("screen.png", out.getvalue())


def test_data_a_phone_adds_after_a_photo_is_accepted_and_not_kept():
    """Some phones add a short video after the picture ("motion photos")."""
    video = b"\x00\x00\x00\x1cftypmp42" + os.urandom(50_000)
    photo = files.jpeg(200, 100, seed=4)
    checked = uploads.upload_inspect(
        name="PXL_1.jpg", handle=io.BytesIO(photo + video), size=len(photo + video)
    )
    assert checked.handle.read() == photo


def test_a_photo_laid_out_in_a_way_we_cannot_follow_is_kept_as_a_fresh_copy():
    # A comment whose stated length is wrong: decoders skip it, our reader cannot.
    odd = JPEG[:2] + b"\xff\xfe\x00\x08<html><script>x</script></html>" + JPEG[2:]
    checked = uploads.upload_inspect(name="odd.jpg", handle=io.BytesIO(odd), size=len(odd))
    kept = checked.handle.read()
    assert b"<html>" not in kept and b"<script>" not in kept
    assert _opened(kept).size == _opened(JPEG).size


def test_a_photo_with_location_laid_out_oddly_is_kept_without_it_at_full_size():
    photo = files.jpeg(120, 90, seed=8, gps=True, orientation=8)
    odd = photo[:2] + b"\xff\xfe\x00\x05<html>" + photo[2:]  # a length that is wrong
    checked = uploads.upload_inspect(name="odd.jpg", handle=io.BytesIO(odd), size=len(odd))
    kept = _opened(checked.handle.read())
    assert checked.location_removed
    assert kept.getexif().get_ifd(files.GPS_TAG) == {}
    assert kept.getexif()[files.ORIENTATION_TAG] == 8
    assert kept.size == (120, 90)


NOT_WHAT_IT_SAYS = "not what its name says"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("truncated.jpg", files.jpeg(400, 300)[:-3000]),
        ("truncated.png", files.png(400, 300)[:-3000]),
        ("truncated.heic", files.heic(256, 256)[:-500]),
        ("jpeg-named.png", JPEG),
        ("png-named.jpg", PNG),
        ("heic-named.jpg", files.heic()),
        ("jpeg-named.heic", JPEG),
        ("header-only.jpg", JPEG[:20]),
        ("header-only.png", PNG[:16]),
        ("noise.jpg", b"\xff\xd8\xff" + bytes(range(256)) * 40),
    ],
)
def test_a_photo_that_does_not_decode_as_its_name_says_is_refused(name, data):
    with pytest.raises(uploads.UploadRejected, match=NOT_WHAT_IT_SAYS):
        check(name, data)


def test_a_photo_claiming_enormous_dimensions_is_refused_before_decoding():
    # A PNG header for 100,000 x 100,000 pixels: ten billion pixels from a tiny file.
    import struct
    import zlib

    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    chunk = struct.pack(">I", len(header)) + b"IHDR" + header
    chunk += struct.pack(">I", zlib.crc32(b"IHDR" + header))
    bomb = b"\x89PNG\r\n\x1a\n" + chunk + b"\x00\x00\x00\x00IEND\xaeB`\x82"
    with pytest.raises(uploads.UploadRejected, match="too big to check"):
        check("bomb.png", bomb)


# -- location data -----------------------------------------------------------------------


def _opened(data: bytes):
    from PIL import Image

    return Image.open(io.BytesIO(data))


@pytest.mark.parametrize(("name", "make"), [("photo.jpg", files.jpeg), ("screen.png", files.png)])
def test_location_is_removed_and_the_picture_and_orientation_kept(name, make):
    original = make(120, 80, seed=7, gps=True, orientation=6)
    assert _opened(original).getexif().get_ifd(files.GPS_TAG)
    checked = uploads.upload_inspect(name=name, handle=io.BytesIO(original), size=len(original))
    kept = checked.handle.read()
    assert checked.location_removed and checked.size == len(kept)
    image = _opened(kept)
    assert image.getexif().get_ifd(files.GPS_TAG) == {}
    assert image.getexif()[files.ORIENTATION_TAG] == 6
    assert image.getexif()[0x010F] == "Apple"
    # Not a single pixel changed: the location is blanked where it lies.
    assert image.tobytes() == _opened(original).tobytes()
    assert b"51.0" not in kept


def test_location_in_xmp_is_removed():
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
        b'22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" '
        b'exif:GPSLatitude="51,30.4N" exif:DateTimeOriginal="2026-01-01">'
        b"<exif:GPSLongitude>0,7.6W</exif:GPSLongitude></rdf:Description></rdf:RDF>"
        b"</x:xmpmeta>"
    )
    out = io.BytesIO()
    files.noise_image(40, 30, 1).save(out, "JPEG", xmp=xmp)
    checked = uploads.upload_inspect(
        name="photo.jpg", handle=io.BytesIO(out.getvalue()), size=len(out.getvalue())
    )
    kept = checked.handle.read()
    assert checked.location_removed
    assert b"GPS" not in kept and b"51,30.4N" not in kept and b"0,7.6W" not in kept
    assert b"DateTimeOriginal" in kept
    assert _opened(kept).info["xmp"]


def test_a_heic_from_an_iphone_is_accepted_without_its_location_and_shown_the_right_way_up():
    original = files.heic(64, 48, seed=2, gps=True, orientation=6)
    shown = _opened(original)
    assert shown.getexif().get_ifd(files.GPS_TAG)
    checked = uploads.upload_inspect(
        name="IMG_4032.HEIC", handle=io.BytesIO(original), size=len(original)
    )
    assert checked.content_type == "image/heic" and checked.location_removed
    kept = _opened(checked.handle.read())
    assert kept.getexif().get_ifd(files.GPS_TAG) == {}
    # Turned the way the phone showed it (portrait), as the original is shown.
    assert kept.size == shown.size == (48, 64)


def test_a_photo_without_location_is_kept_exactly():
    original = files.jpeg(50, 40, seed=9, orientation=3)
    checked = uploads.upload_inspect(name="a.jpg", handle=io.BytesIO(original), size=len(original))
    assert not checked.location_removed
    assert checked.handle.read() == original


def test_the_upload_page_says_location_data_is_removed(journey):
    html = journey.get(step_url("evidence")).content.decode()
    assert "We remove location data from photos before we keep them" in html


def test_the_kept_copy_of_an_uploaded_photo_has_no_location(journey):
    photo = files.jpeg(64, 64, seed=5, gps=True)
    assert upload(journey, "photo.jpg", photo).status_code == 302
    kept = journey.session[SESSION_KEY]["uploads"][0]
    folder = journey.session[SESSION_KEY]["folder"]
    data = (uploads.pending_dir(folder) / kept["id"]).read_bytes()
    assert _opened(data).getexif().get_ifd(files.GPS_TAG) == {}
    assert kept["size"] == len(data) and kept["content_type"] == "image/jpeg"


# -- PDFs are parsed ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(files.active_pdfs()))
def test_a_pdf_with_active_content_is_refused_with_what_to_do(kind):
    data = files.active_pdfs()[kind]
    with pytest.raises(uploads.UploadRejected) as error:
        check("letter.pdf", data)
    message = str(error.value)
    assert "Print it to a new PDF" in message
    if kind in {"embedded-file", "file-attachment-annotation"}:
        assert "has other files inside it" in message
    else:
        assert "scripts or actions" in message


def test_a_pdf_with_hidden_javascript_is_refused_however_its_names_are_written():
    # "/J#61vaScript" is /JavaScript written with an escape, which a search of bytes misses.
    data = files.pdf(catalog={"/OpenAction": files.javascript_action()})
    assert b"/JavaScript" in data
    data = data.replace(b"/JavaScript", b"/J#61vaScript").replace(b"/OpenAction", b"/Op#65nAction")
    with pytest.raises(uploads.UploadRejected, match="scripts or actions"):
        check("letter.pdf", data)


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
        b"%PDF-1.4\n%%EOF\n",
        b"%PDF-1.4\n" + bytes(range(256)) * 20,
        PDF[: len(PDF) // 2],
    ],
    ids=["no-pages", "empty", "garbage", "truncated"],
)
def test_a_pdf_that_will_not_parse_gets_a_clear_error(data):
    with pytest.raises(uploads.UploadRejected, match="The selected PDF cannot be opened"):
        check("letter.pdf", data)


def test_a_plain_pdf_with_text_and_images_is_accepted():
    from pypdf import PdfWriter

    writer = PdfWriter()
    page = writer.add_blank_page(width=300, height=300)
    image = io.BytesIO()
    files.noise_image(300, 300, 11).save(image, "PDF")
    from pypdf import PdfReader

    writer.add_page(PdfReader(image).pages[0])
    assert page
    out = io.BytesIO()
    writer.write(out)
    assert check("scan..pdf", out.getvalue()) == "application/pdf"


# -- through the journey: errors in GOV.UK words, never a 500 ----------------------------


def test_an_empty_file_gets_the_gov_uk_message_not_djangos(journey):
    response = upload(journey, "empty.pdf", b"")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_files">The selected file is empty</a>' in html
    assert "submitted file" not in html


def test_an_empty_permission_file_gets_the_gov_uk_message(client, db):
    directory_create()
    client.post("/complaints/before-you-start/")
    client.post(step_url("who"), {"role": "on_behalf"})
    client.post(
        step_url("on-behalf"),
        {"affected_person_name": "Sam", "relationship": "Friend", "permission": "written"},
    )
    response = client.post(
        step_url("permission"),
        {"action": "upload", "permission_file": SimpleUploadedFile("ok.pdf", b"")},
    )
    html = response.content.decode()
    assert "The selected file is empty" in html and "submitted file" not in html


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("huge.pdf", PDF + b"\n%" + b"x" * uploads.MAX_BYTES, "smaller than 10MB"),
        ("cut-short.jpg", files.jpeg(300, 300)[:-2000], NOT_WHAT_IT_SAYS),
        ("photo.png", JPEG, NOT_WHAT_IT_SAYS),
        ("broken.pdf", b"%PDF-1.4\n%%EOF\n", "The selected PDF cannot be opened"),
        ("script.pdf", files.active_pdfs()["open-action"], "Print it to a new PDF"),
    ],
)
def test_bad_files_get_a_gov_uk_error_and_keep_earlier_files(journey, name, data, message):
    assert upload(journey, "first.pdf", PDF).status_code == 302
    response = upload(journey, name, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and message in html
    assert "first.pdf" in html
    assert [u["name"] for u in journey.session[SESSION_KEY]["uploads"]] == ["first.pdf"]


def test_a_heic_can_be_uploaded_and_sent(journey):
    assert upload(journey, "IMG_0001.HEIC", files.heic(gps=True)).status_code == 302
    journey.post("/complaints/check-your-answers/", {"declaration": "on"})
    attachment = Attachment.objects.get()
    assert attachment.content_type == "image/heic"


# -- whatever the bytes, a message and never a crash -------------------------------------

MAGIC = {
    "x.jpg": JPEG[:20],
    "x.png": PNG[:33],
    "x.heic": files.heic()[:32],
    "x.pdf": b"%PDF-1.7\n",
    "x.docx": b"PK\x03\x04",
    "x.txt": b"",
}


def test_damaged_files_of_every_kind_get_a_message_never_an_error():
    """Real files cut, flipped and spliced: each is accepted or refused with a message."""
    import random

    rng = random.Random(20261201)
    samples = {
        "x.jpg": files.jpeg(64, 64, gps=True),
        "x.png": files.png(64, 64, gps=True),
        "x.heic": files.heic(gps=True),
        "x.pdf": files.pdf(text="hello"),
        "x.docx": docx(),
        "x.txt": b"hello there\n",
    }
    outcomes = 0
    for name, data in samples.items():
        for _ in range(60):
            damaged = bytearray(data)
            for _flip in range(rng.randint(1, 8)):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
            cut = bytes(damaged[: rng.randint(1, len(damaged))])
            for candidate in (bytes(damaged), cut, MAGIC[name] + rng.randbytes(500)):
                try:
                    check(name, candidate)
                except uploads.UploadRejected as error:
                    assert str(error)
                outcomes += 1
    assert outcomes == 6 * 60 * 3


@pytest.mark.parametrize(
    "options",
    [{"progressive": True}, {"restart_marker_blocks": 4}],
    ids=["progressive", "restarts"],
)
def test_other_kinds_of_jpeg_lose_only_their_location(options):
    out = io.BytesIO()
    files.noise_image(400, 300, 3).save(
        out, "JPEG", quality=90, exif=files.exif(gps=True, orientation=6), **options
    )
    original = out.getvalue()
    checked = uploads.upload_inspect(name="a.jpg", handle=io.BytesIO(original), size=len(original))
    kept = checked.handle.read()
    assert checked.location_removed and len(kept) == len(original)
    assert _opened(kept).getexif().get_ifd(files.GPS_TAG) == {}
    assert _opened(kept).tobytes() == _opened(original).tobytes()
