"""Text rules, defined once: what text peacepos refuses, and how it shows text on one line.

Files come from other people and reports go to browsers, terminals and TeX, so three kinds of
character are refused in any text a file or a value holds: control characters other than tab
and newlines, unpaired surrogates, and the invisible bidirectional overrides that make a report
display other text than it holds. Messages and table cells are shown on one line.

>>> unsafe_character("fine\\ttext")
>>> unsafe_character("a\\u202eb")
(1, 'an invisible bidirectional control character (U+202E)')
>>> one_line("a\\nb\\x1b[31m")
'a\\\\nb\\\\x1b[31m'
>>> clean_line("two\\n  lines\\u202e")
'two lines'
"""

from __future__ import annotations

import re

__all__ = [
    "MAX_MESSAGE_CHARS",
    "MAX_TEXT_CHARS",
    "clean_line",
    "is_blank",
    "one_line",
    "unsafe_character",
]

MAX_TEXT_CHARS = 2000
"""The longest text a single field may hold (titles, quotes, notes and the like)."""

MAX_MESSAGE_CHARS = 500
"""Error messages longer than this are cut (a hostile file can hold very long values)."""

# The patterns compile on first use, through re's own cache: compiling all six when the
# package imports cost about a tenth of what peacepos adds to `import attrs`.
# Control characters other than tab and newlines, unpaired surrogates, and the invisible
# bidirectional overrides and isolates.
_UNSAFE = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
# What a message must not print raw: every control character, line separators, overrides.
_UNPRINTABLE = r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
_CONTROL = r"[\x00-\x1f\x7f-\x9f\u2028\u2029]"
_INVISIBLE = r"[\u202a-\u202e\u2066-\u2069\u200e\u200f]"
# Characters with no width of their own: text made of these (and spaces) shows nothing.
_ZERO_WIDTH = r"[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"
_SURROGATE = r"[\ud800-\udfff]"


def unsafe_character(text: str) -> tuple[int, str] | None:
    """The first character a peacepos text may not hold: its index and what it is; or None."""
    bad = re.search(_UNSAFE, text)
    if bad is None:
        return None
    code = ord(bad.group())
    what = (
        "an unpaired surrogate"
        if 0xD800 <= code <= 0xDFFF
        else "an invisible bidirectional control character"
        if code > 0x9F
        else "a control character"
    )
    return bad.start(), f"{what} (U+{code:04X})"


def is_blank(text: str) -> bool:
    """True for text with nothing visible: whitespace and zero-width characters only."""
    return not re.sub(_ZERO_WIDTH, "", text).strip()


def one_line(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """``text`` on one printable line for a message: control characters escaped, cut at
    ``limit``."""
    text = re.sub(
        _UNPRINTABLE, lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text
    )
    return text if len(text) <= limit else text[: limit - 1] + "…"


def clean_line(text: str) -> str:
    """User text as one clean line for a report: whitespace and control characters collapse to
    one space, invisible and bidirectional characters go, unpaired surrogates become U+FFFD."""
    if text.isprintable():  # none of those characters: most text, and the fast way
        return " ".join(text.split())
    text = re.sub(_SURROGATE, "\ufffd", re.sub(_INVISIBLE, "", re.sub(_CONTROL, " ", text)))
    return " ".join(text.split())


def plural(n: int, word: str, words: str = "") -> str:
    """``"1 issue"``, ``"2 issues"``: the count and the word in its number (``words``: the
    plural, when it is not ``word + "s"``).

    >>> plural(1, "issue"), plural(0, "issue"), plural(2, "analysis", "analyses")
    ('1 issue', '0 issues', '2 analyses')
    """
    return f"{n:,} {word if n == 1 else (words or word + 's')}"


def verb(subject: str, singular: str) -> str:
    """``singular`` (a verb phrase in the third person singular) agreeing with ``subject``, a
    position's name: its actors, joined by " & " when there are several.

    >>> verb("Russia", "accepts"), verb("France & Germany", "is silent on")
    ('accepts', 'are silent on')
    """
    if " & " not in subject:
        return singular
    head, _, rest = singular.partition(" ")
    plural = {"is": "are", "has": "have"}.get(head, head[:-1] if head.endswith("s") else head)
    return f"{plural} {rest}".rstrip()
