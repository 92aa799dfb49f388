"""Offsets and machine suggestions written from the text itself, for the tests that need them.

Imported as a plain module (pytest puts tests/ on sys.path), like export_samples.
"""

from __future__ import annotations

from quotegraph.analysis.extraction import Statement as Suggestion


def span(text: str, part: str) -> tuple[int, int]:
    """The code-point offsets of the first occurrence of ``part`` in ``text``."""
    start = text.index(part)
    return start, start + len(part)


def suggestion(text: str, content: str, mention: str | None, speaker: str | None) -> Suggestion:
    """An indirect statement cued by "said": ``content`` in ``text``, said by ``speaker`` under
    the name ``mention`` (found in ``text``), or by no one when ``mention`` is None."""
    start, end = span(text, content)
    speaker_start, speaker_end = span(text, mention) if mention else (None, None)
    return Suggestion(
        start=start,
        end=end,
        content=content,
        kind="indirect",
        cue="said",
        cue_start=None,
        cue_end=None,
        speaker_start=speaker_start,
        speaker_end=speaker_end,
        speaker_mention=mention,
        speaker=speaker,
    )
