"""Real files for upload tests, made at test time (nothing binary is committed).

Noise photos are the worst case for the old byte search: their compressed data is as
random as it gets, so any short run of bytes (such as "<svg") turns up by chance.
"""

from __future__ import annotations

import io
import random

from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    TextStringObject,
)

GPS = {1: "N", 2: (51.0, 30.0, 26.0), 3: "W", 4: (0.0, 7.0, 39.0)}
ORIENTATION_TAG = 0x0112
GPS_TAG = 0x8825


def noise_image(width: int, height: int, seed: int) -> Image.Image:
    rng = random.Random(seed)
    return Image.frombytes("RGB", (width, height), rng.randbytes(width * height * 3))


def exif(*, gps: bool = False, orientation: int | None = None) -> Image.Exif:
    data = Image.Exif()
    data[0x010F] = "Apple"
    data[0x0110] = "iPhone 15"
    if orientation is not None:
        data[ORIENTATION_TAG] = orientation
    if gps:
        data[GPS_TAG] = GPS
    return data


def jpeg(
    width: int = 32, height: int = 24, *, seed: int = 0, quality: int = 90, **exif_options
) -> bytes:
    out = io.BytesIO()
    options = {"exif": exif(**exif_options)} if exif_options else {}
    noise_image(width, height, seed).save(out, "JPEG", quality=quality, **options)
    return out.getvalue()


def png(width: int = 32, height: int = 24, *, seed: int = 0, **exif_options) -> bytes:
    out = io.BytesIO()
    options = {"exif": exif(**exif_options)} if exif_options else {}
    noise_image(width, height, seed).save(out, "PNG", compress_level=1, **options)
    return out.getvalue()


def heic(width: int = 64, height: int = 48, *, seed: int = 0, **exif_options) -> bytes:
    """A HEIC as an iPhone writes it (HEVC in a HEIF file, with EXIF)."""
    import pillow_heif

    pillow_heif.register_heif_opener()
    out = io.BytesIO()
    # Given as bytes, pillow-heif turns the EXIF orientation into the HEIF rotation, as an
    # iPhone writes it.
    options = {"exif": exif(**exif_options).tobytes()} if exif_options else {}
    noise_image(width, height, seed).save(out, "HEIF", quality=80, **options)
    return out.getvalue()


def pdf(*, catalog: dict | None = None, page: dict | None = None, text: str = "") -> bytes:
    """A one-page PDF, with extra entries in its catalogue or on its page."""
    writer = PdfWriter()
    new_page = writer.add_blank_page(width=200, height=200)
    if text:
        content = DecodedStreamObject()
        content.set_data(f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode())
        new_page[NameObject("/Contents")] = writer._add_object(content)
    for key, value in (page or {}).items():
        new_page[NameObject(key)] = value
    for key, value in (catalog or {}).items():
        writer._root_object[NameObject(key)] = value
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def action(kind: str, **entries) -> DictionaryObject:
    result = DictionaryObject({NameObject("/Type"): NameObject("/Action")})
    result[NameObject("/S")] = NameObject(kind)
    for key, value in entries.items():
        result[NameObject("/" + key)] = value
    return result


def javascript_action() -> DictionaryObject:
    return action("/JavaScript", JS=TextStringObject("app.alert('hello')"))


def embedded_file_tree() -> DictionaryObject:
    stream = DecodedStreamObject()
    stream.set_data(b"MZ not really a program")
    stream[NameObject("/Type")] = NameObject("/EmbeddedFile")
    spec = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Filespec"),
            NameObject("/F"): TextStringObject("run-me.exe"),
            NameObject("/EF"): DictionaryObject({NameObject("/F"): stream}),
        }
    )
    names = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("run-me.exe"), spec])}
    )
    return DictionaryObject({NameObject("/EmbeddedFiles"): names})


def javascript_name_tree() -> DictionaryObject:
    names = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("x"), javascript_action()])}
    )
    return DictionaryObject({NameObject("/JavaScript"): names})


# The active content a PDF can hold, each as a catalogue or page entry.
def active_pdfs() -> dict[str, bytes]:
    return {
        "javascript": pdf(catalog={"/Names": javascript_name_tree()}),
        "open-action": pdf(catalog={"/OpenAction": javascript_action()}),
        "launch": pdf(catalog={"/OpenAction": action("/Launch", F=TextStringObject("cmd.exe"))}),
        "page-additional-actions": pdf(
            page={"/AA": DictionaryObject({NameObject("/O"): javascript_action()})}
        ),
        "catalog-additional-actions": pdf(
            catalog={"/AA": DictionaryObject({NameObject("/WC"): javascript_action()})}
        ),
        "embedded-file": pdf(catalog={"/Names": embedded_file_tree()}),
        "xfa": pdf(
            catalog={
                "/AcroForm": DictionaryObject(
                    {
                        NameObject("/Fields"): ArrayObject(),
                        NameObject("/XFA"): TextStringObject("<xdp:xdp/>"),
                    }
                )
            }
        ),
        "file-attachment-annotation": pdf(
            page={
                "/Annots": ArrayObject(
                    [
                        DictionaryObject(
                            {
                                NameObject("/Type"): NameObject("/Annot"),
                                NameObject("/Subtype"): NameObject("/FileAttachment"),
                                NameObject("/Rect"): ArrayObject([]),
                            }
                        )
                    ]
                )
            }
        ),
    }


PDF = pdf(text="A letter")
JPEG = jpeg()
PNG = png()
