"""Evidence files: checked by what they contain, kept privately, never given a public URL.

A file goes through three places:
1. `upload_check` reads it and decides what it really is (by its bytes, not its name):
   photos are decoded and PDFs parsed (`complaints.filecheck`), and location data is
   removed from photos before they are kept.
2. Before the complaint is sent it waits in a private "pending" folder that belongs to
   one browser session (`pending_save`). `pending_discard` deletes the folder when the
   journey ends; `pending_sweep` deletes folders whose session has expired.
3. `attachment_store` copies it, under a new random name, into the attachments folder and
   records an Attachment row, inside the transaction that stores the complaint.
Staff download through `attachment_open`, from a view that checks who they are.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import secrets
import shutil
import time
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints import filecheck
from complaints.models import Attachment, Complaint

MAX_FILES = 5
MAX_BYTES = 10 * 1024 * 1024
# A DOCX is a zip. These bound the work we do to look inside one, so a "zip bomb" (a small
# file that expands to gigabytes) is refused without being expanded.
DOCX_MAX_ENTRIES = 2000
DOCX_MAX_UNCOMPRESSED = 100 * 1024 * 1024
DOCX_MAX_RATIO = 200

EXTENSIONS = {
    ".pdf": "pdf",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".png": "png",
    **({".heic": "heic", ".heif": "heic"} if filecheck.HEIC_SUPPORTED else {}),
    ".docx": "docx",
    ".txt": "txt",
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "heic": "image/heic",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "txt": "text/plain",
}
ACTIVE_MARKERS = filecheck.ACTIVE_MARKERS
HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
_STORED_NAME = re.compile(r"^[0-9a-f]{32}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class UploadRejected(Exception):
    """The file cannot be accepted. The message is shown to the person, next to the field."""


@dataclass(frozen=True)
class PendingUpload:
    """A checked file waiting in the session's private folder until the complaint is sent."""

    id: str
    name: str
    content_type: str
    size: int
    sha256: str
    kind: str = Attachment.Kind.EVIDENCE

    def as_session(self) -> dict:
        return asdict(self)

    @classmethod
    def from_session(cls, data: dict) -> PendingUpload:
        return cls(**data)


# ---------------------------------------------------------------------------------------
# Checking
# ---------------------------------------------------------------------------------------


def _safe_name(name: str) -> str:
    name = name or ""
    if (
        not name
        or len(name) > 200
        or "/" in name
        or "\\" in name
        or name.startswith(".")
        or _CONTROL.search(name)
    ):
        raise UploadRejected(
            _(
                "The file name cannot be used. Rename the file and try again, "
                "for example “letter.pdf”."
            )
        )
    return name


def _contains_active_content(handle: BinaryIO) -> bool:
    """For text files only: markup anywhere in them."""
    handle.seek(0)
    return filecheck.has_markup(handle.read())


def _check_docx(handle: BinaryIO) -> None:
    handle.seek(0)
    try:
        with zipfile.ZipFile(handle) as archive:
            entries = archive.infolist()
            if len(entries) > DOCX_MAX_ENTRIES:
                raise UploadRejected(_("The selected file must be a Word document (DOCX)."))
            names = {entry.filename for entry in entries}
            if "word/document.xml" not in names or "[Content_Types].xml" not in names:
                raise UploadRejected(_("The selected file must be a Word document (DOCX)."))
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                raise UploadRejected(
                    _("The selected file contains macros. Save it as a plain DOCX or PDF.")
                )
            total = 0
            for entry in entries:
                total += entry.file_size
                ratio = entry.file_size / max(entry.compress_size, 1)
                if total > DOCX_MAX_UNCOMPRESSED or ratio > DOCX_MAX_RATIO:
                    raise UploadRejected(_("The selected file cannot be opened safely."))
            # Read the main document, but never more than the limit, in case the sizes in
            # the zip's directory lie about what the data expands to.
            with archive.open("word/document.xml") as document:
                read = 0
                while chunk := document.read(64 * 1024):
                    read += len(chunk)
                    if read > DOCX_MAX_UNCOMPRESSED:
                        raise UploadRejected(_("The selected file cannot be opened safely."))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as error:
        raise UploadRejected(_("The selected file must be a Word document (DOCX).")) from error
    except NotImplementedError as error:  # an unsupported compression method
        raise UploadRejected(_("The selected file cannot be opened safely.")) from error


def _check_txt(handle: BinaryIO) -> None:
    handle.seek(0)
    data = handle.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UploadRejected(
            _("The selected text file must be saved as UTF-8. Try saving it as a PDF instead.")
        ) from error
    if re.search(r"[\x00-\x08\x0b\x0e-\x1f\x7f]", text):
        raise UploadRejected(_("The selected file must be a plain text file."))


def _sniff(head: bytes) -> str | None:
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    # HEIF: an ISO media file whose brand is an image (iPhones write "heic").
    if head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS:
        return "heic"
    return None


@dataclass(frozen=True)
class CheckedUpload:
    """A file that may be kept: its safe name, real type, and the bytes to keep (a photo's
    without its location data)."""

    name: str
    content_type: str
    handle: BinaryIO
    size: int
    location_removed: bool = False


def _real_type(name: str, handle: BinaryIO, size: int) -> str:
    """What the file is, checked against what its name says; or UploadRejected."""
    if size == 0:
        raise UploadRejected(_("The selected file is empty"))
    if size > MAX_BYTES:
        raise UploadRejected(_("The selected file must be smaller than 10MB."))
    expected = EXTENSIONS.get(os.path.splitext(name)[1].lower())
    if expected is None:
        raise UploadRejected(_("The selected file must be a PDF, JPG, PNG, HEIC, DOCX or TXT."))
    handle.seek(0)
    actual = _sniff(handle.read(16))
    if actual is None and expected == "txt":
        actual = "txt"
    if actual != expected:
        raise UploadRejected(filecheck.NOT_WHAT_IT_SAYS)
    return actual


def _photo_checked(name: str, handle: BinaryIO, kind: str) -> CheckedUpload:
    """A photo as it will be kept: decoded, and without its location data."""
    handle.seek(0)
    try:
        image = filecheck.image_check(handle.read(), kind)
    except filecheck.FileRefused as error:
        raise UploadRejected(str(error)) from error
    return CheckedUpload(
        name=name,
        content_type=CONTENT_TYPES[kind],
        handle=io.BytesIO(image.data),
        size=len(image.data),
        location_removed=image.location_removed,
    )


def _pdf_or_text_check(handle: BinaryIO, kind: str) -> None:
    # A zip hidden at the end of a PDF or text file makes it two files in one.
    handle.seek(0)
    if zipfile.is_zipfile(handle):
        raise UploadRejected(filecheck.UNSAFE)
    if kind == "txt":
        _check_txt(handle)
        if _contains_active_content(handle):
            raise UploadRejected(filecheck.UNSAFE)
        return
    handle.seek(0)
    try:
        filecheck.pdf_check(handle.read())
    except filecheck.FileRefused as error:
        raise UploadRejected(str(error)) from error


def upload_inspect(*, name: str, handle: BinaryIO, size: int) -> CheckedUpload:
    """Check a file; return what to keep, or raise UploadRejected with what to do."""
    name = _safe_name(name)
    actual = _real_type(name, handle, size)
    if actual in filecheck.PIL_FORMATS:
        return _photo_checked(name, handle, actual)
    if actual == "docx":
        _check_docx(handle)
    else:
        _pdf_or_text_check(handle, actual)
    handle.seek(0)
    return CheckedUpload(name=name, content_type=CONTENT_TYPES[actual], handle=handle, size=size)


def upload_check(*, name: str, handle: BinaryIO, size: int) -> tuple[str, str]:
    """Return (safe name, content type) for an acceptable file, or raise UploadRejected."""
    checked = upload_inspect(name=name, handle=handle, size=size)
    return checked.name, checked.content_type


# ---------------------------------------------------------------------------------------
# Private storage
# ---------------------------------------------------------------------------------------


def _root() -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT)


def _private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def _write_private(target: Path, source: BinaryIO) -> str:
    """Copy `source` to a new file only this process's user can read; return its SHA-256."""
    digest = hashlib.sha256()
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        source.seek(0)
        while chunk := source.read(1024 * 1024):
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()


def pending_dir(folder: str) -> Path:
    if not _STORED_NAME.match(folder):
        raise ValueError("Not a pending-upload folder name.")
    return _root() / "pending" / folder


def pending_folder_new() -> str:
    return secrets.token_hex(16)


def pending_save(
    *, folder: str, name: str, handle: BinaryIO, size: int, kind: str = Attachment.Kind.EVIDENCE
) -> PendingUpload:
    """Check a file and keep it in the session's private folder. Raises UploadRejected."""
    checked = upload_inspect(name=name, handle=handle, size=size)
    directory = _private_dir(pending_dir(folder))
    file_id = secrets.token_hex(16)
    sha256 = _write_private(directory / file_id, checked.handle)
    return PendingUpload(
        id=file_id,
        name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=sha256,
        kind=kind,
    )


def pending_remove(*, folder: str, file_id: str) -> None:
    if _STORED_NAME.match(file_id):
        (pending_dir(folder) / file_id).unlink(missing_ok=True)


def pending_discard(*, folder: str) -> None:
    """Delete every file the session uploaded but did not send."""
    with contextlib.suppress(ValueError):
        shutil.rmtree(pending_dir(folder), ignore_errors=True)


def pending_touch(*, folder: str) -> None:
    """Mark the folder as in use, so the sweep keeps it while the session lives."""
    directory = pending_dir(folder)
    if directory.exists():
        os.utime(directory)


def pending_sweep(*, max_age_seconds: int | None = None) -> int:
    """Delete pending folders not used for longer than a session lives. Returns how many."""
    # A margin past the session's life, so a folder is never swept while its session lives.
    max_age = max_age_seconds if max_age_seconds is not None else settings.SESSION_COOKIE_AGE + 600
    base = _root() / "pending"
    if not base.exists():
        return 0
    cutoff = time.time() - max_age
    removed = 0
    for directory in base.iterdir():
        if directory.is_dir() and directory.stat().st_mtime < cutoff:
            shutil.rmtree(directory, ignore_errors=True)
            removed += 1
    return removed


class PendingUploadMissing(FileNotFoundError):
    """A file the session lists is no longer in its folder (swept after the folder sat
    unused for longer than a session lasts, while the session itself was kept alive)."""

    def __init__(self, pending: PendingUpload):
        super().__init__("A pending upload is missing.")
        self.pending = pending


def attachment_store(*, complaint: Complaint, folder: str, pending: PendingUpload) -> Attachment:
    """Copy a pending file into private storage under a new random name and record it.

    Call inside the transaction that stores the complaint. The caller deletes the stored
    files (see `attachment_delete_files`) if that transaction rolls back.
    """
    source = pending_dir(folder) / pending.id
    if not _STORED_NAME.match(pending.id) or not source.is_file():
        raise PendingUploadMissing(pending)
    directory = _private_dir(_root() / "attachments")
    stored_name = secrets.token_hex(16)
    with open(source, "rb") as handle:
        sha256 = _write_private(directory / stored_name, handle)
    return Attachment.objects.create(
        complaint=complaint,
        kind=pending.kind,
        original_name=pending.name,
        stored_name=stored_name,
        content_type=pending.content_type,
        size=pending.size,
        sha256=sha256,
        uploaded_at=timezone.now(),
    )


def attachment_path(*, stored_name: str) -> Path:
    if not _STORED_NAME.match(stored_name):
        raise ValueError("Not a stored attachment name.")
    return _root() / "attachments" / stored_name


def attachment_open(*, attachment: Attachment) -> BinaryIO:
    """Open a stored attachment for reading (for the staff download view)."""
    return open(attachment_path(stored_name=attachment.stored_name), "rb")  # noqa: SIM115


def attachment_delete_files(*, stored_names: list[str]) -> None:
    for stored_name in stored_names:
        try:
            attachment_path(stored_name=stored_name).unlink(missing_ok=True)
        except ValueError:
            continue


def attachment_store_checked(
    *,
    complaint: Complaint,
    checked: CheckedUpload,
    kind: str,
    uploaded_by: User | None = None,
) -> Attachment:
    """Store a file that has just passed `upload_inspect` (a reply's file, or one added by
    a member of staff, `uploaded_by`) and record it.

    Call inside the caller's transaction; on a rollback the caller deletes the stored
    file (see `attachment_delete_files`).
    """
    directory = _private_dir(_root() / "attachments")
    stored_name = secrets.token_hex(16)
    sha256 = _write_private(directory / stored_name, checked.handle)
    return Attachment.objects.create(
        complaint=complaint,
        kind=kind,
        original_name=checked.name,
        stored_name=stored_name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=sha256,
        uploaded_at=timezone.now(),
        uploaded_by=uploaded_by,
    )
