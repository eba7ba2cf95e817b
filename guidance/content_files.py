"""Reading the shipped content files: Markdown with a small front matter block.

    ---
    title: Your right to information
    path: victims-code/right-to-information
    section: victims-code
    order: 4
    summary: What you should be told, and when.
    last_reviewed: 2026-11-01
    org_type: police_force        (optional)
    published: true               (optional)
    ---
    ## What you can expect
    ...

Only simple `key: value` lines are understood (no YAML library needed): quotes around a
value are removed, `#` starts a comment line, and keys are case-insensitive.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent / "content" / "pages"

REQUIRED_KEYS = ("title", "path", "last_reviewed")
OPTIONAL_KEYS = ("section", "order", "summary", "org_type", "published")


class ContentFileError(ValueError):
    """A content file that cannot be loaded; the message names the file and the problem."""


@dataclass(frozen=True)
class ContentFile:
    source: Path
    path: str
    title: str
    summary: str
    section: str
    order: int
    last_reviewed: datetime.date
    org_type: str
    published: bool
    body: str
    source_hash: str


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split a file into its front matter (as strings) and its Markdown body."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ContentFileError("the file must start with a line of three hyphens (---)")
    meta: dict[str, str] = {}
    for number, line in enumerate(lines[1:], start=2):
        stripped = line.strip()
        if stripped == "---":
            body = "\n".join(lines[number:]).strip("\n") + "\n"
            return meta, body
        if not stripped or stripped.startswith("#"):
            continue
        key, sep, value = stripped.partition(":")
        if not sep:
            raise ContentFileError(f"line {number} is not 'key: value': {stripped!r}")
        meta[key.strip().lower().replace("-", "_")] = _unquote(value)
    raise ContentFileError("the front matter has no closing line of three hyphens (---)")


def _parse_bool(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in ("true", "yes", "1", "on"):
        return True
    if lowered in ("false", "no", "0", "off"):
        return False
    raise ContentFileError(f"published must be true or false, not {value!r}")


def read_content_file(source: Path) -> ContentFile:
    raw = source.read_text(encoding="utf-8")
    try:
        meta, body = parse_front_matter(raw)
        missing = [key for key in REQUIRED_KEYS if not meta.get(key)]
        if missing:
            raise ContentFileError(f"missing {', '.join(missing)} in the front matter")
        unknown = set(meta) - set(REQUIRED_KEYS) - set(OPTIONAL_KEYS)
        if unknown:
            raise ContentFileError(f"unknown front matter keys: {', '.join(sorted(unknown))}")
        try:
            last_reviewed = datetime.date.fromisoformat(meta["last_reviewed"])
        except ValueError:
            raise ContentFileError("last_reviewed must be a date like 2026-11-01") from None
        try:
            order = int(meta.get("order") or 0)
        except ValueError:
            raise ContentFileError("order must be a whole number") from None
    except ContentFileError as error:
        raise ContentFileError(f"{source.name}: {error}") from None
    return ContentFile(
        source=source,
        path=meta["path"].strip("/"),
        title=meta["title"],
        summary=meta.get("summary", ""),
        section=meta.get("section", ""),
        order=order,
        last_reviewed=last_reviewed,
        org_type=meta.get("org_type", ""),
        published=_parse_bool(meta["published"]) if "published" in meta else True,
        body=body,
        source_hash=hashlib.sha256(raw.encode("utf-8")).hexdigest(),
    )


def content_files(directory: Path = CONTENT_DIR) -> list[Path]:
    return sorted(directory.glob("*.md"))


# The Welsh version of a page: a file of the same name in the cy/ folder beside it, with
# only the text that is translated (title, summary and body) in it:
#
#     ---
#     title: Eich hawl i gael gwybodaeth
#     summary: Beth y dylech gael gwybod, a phryd.
#     ---
#     ## Beth y gallwch ei ddisgwyl
WELSH_FOLDER = "cy"
WELSH_KEYS = ("title", "summary")


@dataclass(frozen=True)
class WelshContentFile:
    source: Path
    title: str
    summary: str
    body: str
    source_hash: str


def welsh_file_for(source: Path) -> Path:
    return source.parent / WELSH_FOLDER / source.name


def read_welsh_file(source: Path) -> WelshContentFile:
    raw = source.read_text(encoding="utf-8")
    try:
        meta, body = parse_front_matter(raw)
        if not meta.get("title"):
            raise ContentFileError("missing title in the front matter")
        unknown = set(meta) - set(WELSH_KEYS)
        if unknown:
            raise ContentFileError(f"unknown front matter keys: {', '.join(sorted(unknown))}")
        if not body.strip():
            raise ContentFileError("the Welsh body is empty")
    except ContentFileError as error:
        raise ContentFileError(f"{WELSH_FOLDER}/{source.name}: {error}") from None
    return WelshContentFile(
        source=source,
        title=meta["title"],
        summary=meta.get("summary", ""),
        body=body,
        source_hash=hashlib.sha256(raw.encode("utf-8")).hexdigest(),
    )
