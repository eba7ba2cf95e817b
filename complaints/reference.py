"""A complaint's reference, "VC-7KQ4M2XP": made here, and read back here from what people type.

No 0/O or 1/I/L: a reference read aloud over the phone or copied from a letter stays
unambiguous. 31 symbols to the power 8 is about 850 billion references: not guessable, never
sequential. Pure: no Django, so scripts outside the site (drills) can read references too.
"""

from __future__ import annotations

import re
import secrets

PREFIX = "VC-"
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 8

# What a person may type: the prefix with or without its dash, then the symbols.
_TYPED = re.compile(rf"VC-?([{ALPHABET}]{{{LENGTH}}})")
# A reference inside a page or an email.
IN_TEXT = re.compile(rf"\b{PREFIX}[{ALPHABET}]{{{LENGTH}}}\b")


def generate() -> str:
    return PREFIX + "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(text: str, *, prefix_required: bool = False) -> str | None:
    """The reference as stored ("vc 7kq4 m2xp" -> "VC-7KQ4M2XP"), or None if it cannot be one.

    Spaces anywhere and the case do not matter, and the "VC-" may be left off unless
    `prefix_required` (a search box, where eight letters may be a name).
    """
    value = re.sub(r"\s", "", text).upper()
    if value and not value.startswith("VC"):
        if prefix_required:
            return None
        value = PREFIX + value
    match = _TYPED.fullmatch(value)
    return PREFIX + match.group(1) if match else None
