"""What is inside a photo or a PDF, read by decoding it rather than by searching its bytes.

`uploads.upload_check` calls these once it knows, from the first bytes, what a file claims
to be. A photo is decoded with Pillow (and pillow-heif for HEIC): whatever bytes its
compressed data happens to hold, a photo that decodes is a photo. Only the parts of a file
that are text (comments, XMP) or come after the image ends are searched for markup, so a
file made to be an image and a web page at once is still refused.

Location data is removed from photos before they are kept: the GPS block of the EXIF data
is blanked where it lies (the picture itself, its orientation and the other EXIF data are
left byte for byte), as are GPS fields in XMP. Anything after the end of the image (a
video some phones append, or something hidden there) is not kept.

A PDF is parsed with pypdf and every object a reader would follow is inspected: scripts,
actions that run on opening, launching programs, embedded files and XFA forms are refused.
"""

from __future__ import annotations

import io
import re
import struct
import warnings
import zlib
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from PIL import Image

try:  # HEIC (iPhone photos) needs pillow-heif; without it HEIC is not accepted at all.
    import pillow_heif

    pillow_heif.register_heif_opener()
    HEIC_SUPPORTED = True
except ImportError:  # pragma: no cover - pillow-heif is a dependency
    HEIC_SUPPORTED = False

import pypdf
from pypdf import generic


class FileRefused(Exception):
    """The file cannot be accepted; the message says why and what to do."""


NOT_WHAT_IT_SAYS = _(
    "The selected file is not what its name says. It must be a PDF, JPG, PNG, HEIC, DOCX or TXT."
)
UNSAFE = _("The selected file cannot be opened safely.")

# Markers of content a browser would run or render as a page. Searched for only where a
# genuine photo or PDF holds text, never in compressed picture data, where any short run
# of bytes turns up by chance (about 1 in 100 photos of 5MB held "<svg" somewhere).
ACTIVE_MARKERS = (
    b"<script",
    b"<html",
    b"<svg",
    b"<!doctype",
    b"<iframe",
    b"<body",
    b"<?php",
    b"<?xml-stylesheet",
    b"javascript:",
)


def has_markup(data: bytes) -> bool:
    lowered = data.lower()
    return any(marker in lowered for marker in ACTIVE_MARKERS)


# ---------------------------------------------------------------------------------------
# Photos
# ---------------------------------------------------------------------------------------

PIL_FORMATS = {"jpeg": "JPEG", "png": "PNG", "heic": "HEIF"}
# Decoding needs memory for every pixel, so a small file that claims to be enormous is
# refused before it is decoded. Phones take photos of up to 50 million pixels (a 48MP
# iPhone photo is 8064 x 6048); JPEGs are decoded at an eighth of their size, so they may
# be larger still.
MAX_PIXELS = {"jpeg": 170_000_000, "png": 80_000_000, "heic": 80_000_000}
# How much of what follows the end of an image is searched for a hidden page or archive.
TRAILER_SEARCH = 4096
GPS_IFD_TAG = 0x8825


@dataclass(frozen=True)
class CheckedImage:
    data: bytes
    location_removed: bool


TOO_MANY_PIXELS = _(
    "The selected photo is too big to check. Upload a smaller copy, for example a screenshot of it."
)


def _open_image(data: bytes, kind: str) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(data), formats=[PIL_FORMATS[kind]])
        width, height = image.size
        if width * height > MAX_PIXELS[kind]:
            raise FileRefused(TOO_MANY_PIXELS)
        if kind == "jpeg":
            # Decodes every block of the picture, at an eighth of the size in memory.
            image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
        image.load()
    except FileRefused:
        raise
    except Image.DecompressionBombError:
        raise FileRefused(TOO_MANY_PIXELS) from None
    except Exception:
        # Not an image of that kind, or cut short (an upload that did not finish): the
        # decoders raise their own errors as well as OSError, SyntaxError and ValueError.
        raise FileRefused(NOT_WHAT_IT_SAYS) from None
    return image


def _has_gps(image: Image.Image) -> bool:
    try:
        return bool(image.getexif().get_ifd(GPS_IFD_TAG))
    except Exception:  # unreadable EXIF: treat it as possibly holding GPS
        return True


# -- EXIF (TIFF) --------------------------------------------------------------------------

_TIFF_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8}


def _tiff_blank_gps(buffer: bytearray, start: int, end: int) -> bool:
    """Blank the GPS block of the TIFF (EXIF) data in buffer[start:end], in place.

    Returns True if there was one. The GPS pointer stays, pointing at an empty block, so
    every other offset in the data (the maker's notes, the thumbnail) stays right.
    Raises ValueError if the data is malformed.
    """
    tiff = memoryview(buffer)[start:end]
    if bytes(tiff[:4]) == b"II*\x00":
        order = "<"
    elif bytes(tiff[:4]) == b"MM\x00*":
        order = ">"
    else:
        raise ValueError("not TIFF")

    def u16(at: int) -> int:
        return struct.unpack_from(order + "H", tiff, at)[0]

    def u32(at: int) -> int:
        return struct.unpack_from(order + "I", tiff, at)[0]

    ifd0 = u32(4)
    count = u16(ifd0)
    gps_offset = None
    for n in range(count):
        entry = ifd0 + 2 + n * 12
        if u16(entry) == GPS_IFD_TAG:
            gps_offset = u32(entry + 8)
    if gps_offset is None:
        return False
    gps_count = u16(gps_offset)
    if gps_offset + 2 + gps_count * 12 + 4 > len(tiff):
        raise ValueError("GPS block out of range")
    for n in range(gps_count):
        entry = gps_offset + 2 + n * 12
        kind, values = u16(entry + 2), u32(entry + 4)
        size = _TIFF_TYPE_SIZES.get(kind, 1) * values
        if size > 4:
            value_at = u32(entry + 8)
            if value_at + size > len(tiff):
                raise ValueError("GPS value out of range")
            tiff[value_at : value_at + size] = bytes(size)
    tiff[gps_offset : gps_offset + 2 + gps_count * 12] = bytes(2 + gps_count * 12)
    return True


# -- XMP ----------------------------------------------------------------------------------

# GPS fields in XMP (the exif namespace): as attributes, or as elements.
_XMP_GPS = re.compile(
    rb"""\s[\w.-]+:GPS\w*\s*=\s*(?:"[^"]*"|'[^']*')"""
    rb"""|<([\w.-]+:GPS\w*)\b[^>]*/>"""
    rb"""|<([\w.-]+:GPS\w*)\b[^>]*>.*?</\2\s*>""",
    re.S,
)


def _xmp_blank_gps(data: bytes) -> bytes:
    """XMP with its GPS fields replaced by spaces of the same length (XMP is padded text,
    written to be edited in place)."""
    return _XMP_GPS.sub(lambda match: b" " * len(match.group(0)), data)


# -- JPEG ---------------------------------------------------------------------------------

_JPEG_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")


def _jpeg_clean(data: bytes) -> tuple[bytes, bool, bytes, bytes]:
    """Return (cleaned JPEG, whether GPS was removed, text to search, data after the end)."""
    buffer = bytearray(data)
    text = []
    removed = False
    pos = 2
    end = len(data)
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            raise ValueError("expected a marker")
        marker = data[pos + 1]
        if marker == 0xFF:
            pos += 1
            continue
        if marker == 0xD9:  # end of image
            end = pos + 2
            break
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            pos += 2
            continue
        length = int.from_bytes(data[pos + 2 : pos + 4], "big")
        payload_start, segment_end = pos + 4, pos + 2 + length
        if length < 2 or segment_end > len(data):
            raise ValueError("segment out of range")
        payload = data[payload_start:segment_end]
        if marker == 0xE1 and payload.startswith(b"Exif\x00\x00"):
            removed |= _tiff_blank_gps(buffer, payload_start + 6, segment_end)
        elif marker == 0xE1 and payload.startswith(b"http://ns.adobe.com/"):
            cleaned = _xmp_blank_gps(payload)
            removed |= cleaned != payload
            buffer[payload_start:segment_end] = cleaned
            text.append(payload)
        elif marker == 0xFE:  # a comment
            text.append(payload)
        pos = segment_end
        if marker == 0xDA:  # start of scan: compressed data runs to the next marker
            found = _JPEG_MARKER.search(data, pos)
            if found is None:
                raise ValueError("no end of image")
            pos = found.start()
    return bytes(buffer[:end]), removed, b"".join(text), data[end:]


# -- PNG ----------------------------------------------------------------------------------

_PNG_TEXT = {b"tEXt", b"iTXt", b"zTXt"}


def _png_clean(data: bytes) -> tuple[bytes, bool, bytes, bytes]:
    out = [data[:8]]
    text = []
    removed = False
    pos = 8
    while pos + 12 <= len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        chunk_end = pos + 12 + length
        if chunk_end > len(data):
            raise ValueError("chunk out of range")
        body = data[pos + 8 : pos + 8 + length]
        chunk = data[pos:chunk_end]
        if kind == b"eXIf":
            buffer = bytearray(body)
            start = 6 if body.startswith(b"Exif\x00\x00") else 0
            if _tiff_blank_gps(buffer, start, len(buffer)):
                removed = True
                chunk = _png_chunk(kind, bytes(buffer))
        elif kind in _PNG_TEXT:
            keyword = body.split(b"\x00", 1)[0]
            compressed = kind == b"zTXt" or (
                kind == b"iTXt" and body[len(keyword) + 1 : len(keyword) + 2] == b"\x01"
            )
            if not compressed:
                text.append(body)
                cleaned = _xmp_blank_gps(body)
                if cleaned != body:
                    removed = True
                    chunk = _png_chunk(kind, cleaned)
            elif keyword == b"XML:com.adobe.xmp":
                # A compressed XMP packet is rare: it is left out rather than rewritten.
                chunk = b""
        out.append(chunk)
        pos = chunk_end
        if kind == b"IEND":
            break
    return b"".join(out), removed, b"".join(text), data[pos:]


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return (
        len(body).to_bytes(4, "big")
        + kind
        + body
        + (zlib.crc32(kind + body) & 0xFFFFFFFF).to_bytes(4, "big")
    )


# -- the check ----------------------------------------------------------------------------


def _resave_without_gps(data: bytes, kind: str) -> bytes:
    """Fallback for EXIF we could not edit in place: write the picture again, keeping its
    orientation and colour profile, without the GPS block."""
    # Opened again, at full size (the check decodes a JPEG at an eighth of its size).
    image = Image.open(io.BytesIO(data), formats=[PIL_FORMATS[kind]])
    image.load()
    try:
        exif = image.getexif()
        exif.pop(GPS_IFD_TAG, None)
        options = {"exif": exif.tobytes()}
    except Exception:  # EXIF too damaged to rewrite: the picture is kept without it
        options = {"exif": b""}
    # Pillow writes a JPEG's comment and XMP again unless told otherwise: neither is kept.
    for key in ("comment", "xmp", "XML:com.adobe.xmp"):
        image.info.pop(key, None)
    out = io.BytesIO()
    if image.info.get("icc_profile"):
        options["icc_profile"] = image.info["icc_profile"]
    if kind == "jpeg":
        image.save(out, "JPEG", quality=95, **options)
    elif kind == "png":
        image.save(out, "PNG", **options)
    else:
        image.save(out, "HEIF", quality=90, **options)
    result = out.getvalue()
    if options["exif"] and _has_gps(Image.open(io.BytesIO(result))):
        # Never keep a location, even if that means leaving out all the EXIF data.
        image.info.pop("exif", None)
        return _save_plain(image, kind, icc=options.get("icc_profile"))
    return result


def _save_plain(image: Image.Image, kind: str, *, icc: bytes | None) -> bytes:
    out = io.BytesIO()
    extra = {"icc_profile": icc} if icc else {}
    if kind == "jpeg":
        image.save(out, "JPEG", quality=95, exif=b"", **extra)
    elif kind == "png":
        image.save(out, "PNG", exif=b"", **extra)
    else:
        image.save(out, "HEIF", quality=90, exif=b"", **extra)
    return out.getvalue()


def image_check(data: bytes, kind: str) -> CheckedImage:
    """Decode a JPEG, PNG or HEIC; return it with location data removed. Raises FileRefused."""
    # Pillow warns about every oddity in a damaged file; the person gets a message instead.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return _image_check(data, kind)
        except FileRefused:
            raise
        except Exception:
            # A picture that decoded once but cannot be written again without its location
            # (unreadable EXIF, an unusual colour mode): not kept.
            raise FileRefused(NOT_WHAT_IT_SAYS) from None


def _image_check(data: bytes, kind: str) -> CheckedImage:
    image = _open_image(data, kind)
    if kind == "heic":
        cleaned, removed = data, False
        xmp = image.info.get("xmp") or b""
        if has_markup(xmp if isinstance(xmp, bytes) else b""):
            raise FileRefused(UNSAFE)
        if _has_gps(image) or (isinstance(xmp, bytes) and _XMP_GPS.search(xmp)):
            cleaned, removed = _resave_without_gps(data, kind), True
        return CheckedImage(data=cleaned, location_removed=removed)

    try:
        cleaned, removed, text, trailer = (_jpeg_clean if kind == "jpeg" else _png_clean)(data)
    except (ValueError, struct.error, IndexError):
        # The picture decodes but its layout is not one we can read: keep a fresh copy of
        # the picture alone, so nothing we could not inspect is kept.
        return CheckedImage(data=_resave_without_gps(data, kind), location_removed=True)
    if has_markup(text) or _hides_something(trailer):
        raise FileRefused(UNSAFE)
    if not _has_gps(_open_image(cleaned, kind)):
        return CheckedImage(data=cleaned, location_removed=removed)
    # Location data somewhere we could not blank it in place.
    return CheckedImage(data=_resave_without_gps(data, kind), location_removed=True)


def _hides_something(trailer: bytes) -> bool:
    """Whether what follows the end of an image is a page or an archive put there to make
    the file two things at once. (Other data there, such as the short video some phones
    add, is simply not kept.)"""
    head = trailer[:TRAILER_SEARCH]
    return has_markup(head) or b"PK\x03\x04" in head


# ---------------------------------------------------------------------------------------
# PDFs
# ---------------------------------------------------------------------------------------

PDF_DAMAGED = _(
    "The selected PDF cannot be opened. It may be damaged or not fully downloaded. Save it "
    "again and upload the new copy, or upload a photo of each page instead."
)
PDF_ACTIVE = _(
    "The selected PDF contains scripts or actions that run when it is opened, so we cannot "
    "accept it. Print it to a new PDF (choose Print, then Save as PDF) and upload that, or "
    "upload a photo of each page instead."
)
PDF_EMBEDDED = _(
    "The selected PDF has other files inside it, so we cannot accept it. Print it to a new "
    "PDF (choose Print, then Save as PDF) and upload that, or upload the files on their own."
)
PDF_PASSWORD = _(
    "The selected PDF is protected by a password. Save a copy without the password, or "
    "print it to a new PDF (choose Print, then Save as PDF), and upload that."
)

# Keys and values that make a PDF do something when it is opened or used.
_ACTIVE_KEYS = {"/JavaScript", "/JS", "/OpenAction", "/AA", "/XFA", "/RichMedia"}
_ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/RichMediaExecute", "/Rendition"}
_EMBEDDED_KEYS = {"/EmbeddedFiles", "/EF"}
_EMBEDDED_TYPES = {"/EmbeddedFile", "/FileAttachment"}
# The same names as written in the file (outside its compressed streams), so an object no
# longer in use, or one a damaged file hides from the parser, is caught as well.
_RAW_ACTIVE = re.compile(
    rb"/(JavaScript|JS|OpenAction|AA|XFA|Launch|RichMedia|EmbeddedFiles?|EF|FileAttachment)"
    rb"(?=[\s()<>\[\]{}/%])"
)
_RAW_EMBEDDED = {b"EmbeddedFile", b"EmbeddedFiles", b"EF", b"FileAttachment"}
_STREAM = re.compile(rb"stream\r?\n.*?endstream", re.S)
MAX_PDF_OBJECTS = 200_000


def _pdf_entry_holds(key: str, value: object) -> str | None:
    """ "active" or "embedded" if this dictionary entry is such content, else None."""
    if key in _ACTIVE_KEYS or (key == "/S" and value in _ACTIVE_ACTIONS):
        return "active"
    if key in _EMBEDDED_KEYS or (key in {"/Type", "/Subtype"} and value in _EMBEDDED_TYPES):
        return "embedded"
    return None


def _pdf_walk(reader: pypdf.PdfReader) -> str | None:
    """Return "active" or "embedded" if the PDF holds such content, else None."""
    seen: set[tuple[int, int]] = set()
    stack: list = [reader.trailer]
    visited = 0
    while stack:
        item = stack.pop()
        if isinstance(item, generic.IndirectObject):
            ident = (item.idnum, item.generation)
            if ident in seen:
                continue
            seen.add(ident)
            item = item.get_object()
        visited += 1
        if visited > MAX_PDF_OBJECTS:
            raise FileRefused(PDF_DAMAGED)
        if isinstance(item, dict):  # DictionaryObject and StreamObject
            for key, value in item.items():
                found = _pdf_entry_holds(key, value)
                if found:
                    return found
                if key != "/Parent":
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)
    return None


def pdf_check(data: bytes) -> None:
    """Parse a PDF and refuse active content. Raises FileRefused with what to do."""
    outside_streams = _STREAM.sub(b"", data)
    last_eof = data.rfind(b"%%EOF")
    trailer = data[last_eof + 5 :] if last_eof != -1 else b""
    if has_markup(outside_streams) or _hides_something(trailer.lstrip()):
        raise FileRefused(UNSAFE)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise FileRefused(PDF_PASSWORD)
            except FileRefused:
                raise
            except Exception:  # a cipher pypdf cannot read without extra packages
                raise FileRefused(PDF_PASSWORD) from None
        if len(reader.pages) == 0:
            raise FileRefused(PDF_DAMAGED)
        found = _pdf_walk(reader)
    except FileRefused:
        raise
    except Exception:
        # PyPdfError for most damage; a badly damaged file can make the parser raise
        # almost anything (KeyError, TypeError, RecursionError, zlib.error...).
        raise FileRefused(PDF_DAMAGED) from None
    if found is None and (match := _RAW_ACTIVE.search(outside_streams)):
        found = "embedded" if match.group(1) in _RAW_EMBEDDED else "active"
    if found == "active":
        raise FileRefused(PDF_ACTIVE)
    if found == "embedded":
        raise FileRefused(PDF_EMBEDDED)
