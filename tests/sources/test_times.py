"""stamp_reader: the fast path must give exactly what parse_time gives, answer or error, on any text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from leakcheck.sources.cells import CellError
from leakcheck.sources.times import parse_time, stamp_reader

ZONES = [None, "UTC", "Europe/London", "America/New_York", "Australia/Sydney"]


def outcome(read, text):
    try:
        return read(text)
    except CellError as exc:
        return ("error", str(exc))


# stamps as exports write them, and near misses: days that do not exist, clock-change days in the zones
# above, 24:00 and :60, fractions, each zone spelling parse_time knows, blanks, junk after the time
stamps = st.builds(
    lambda y, mo, d, sep, h, mi, s, frac, rest: f"{y:04d}-{mo:02d}-{d:02d}{sep}{h:02d}:{mi:02d}:{s:02d}{frac}{rest}",
    st.sampled_from([1999, 2024, 2026]),
    st.sampled_from([1, 2, 3, 4, 9, 10, 11, 12, 13]),
    st.sampled_from([1, 5, 6, 7, 28, 29, 30, 31, 32]),
    st.sampled_from([" ", "T", "_"]),
    st.sampled_from([0, 1, 2, 3, 14, 23, 24]),
    st.sampled_from([0, 30, 59, 60]),
    st.sampled_from([0, 22, 59, 60]),
    st.sampled_from(["", ".5", ",25"]),
    st.sampled_from(["", " ", " +0100", "+01:00", "-05:30", "Z", " UTC", " GMT", " +01", " junk", "+0100 ", "  "]),
)


@settings(max_examples=600, deadline=None)
@given(st.lists(stamps, min_size=1, max_size=12), st.sampled_from(ZONES))
def test_stamp_reader_gives_what_parse_time_gives(texts, tz):
    read = stamp_reader(tz)
    for text in texts + texts:  # the second time round every day and time of day is known
        assert outcome(read, text) == outcome(lambda t: parse_time(t, tz), text), text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30), st.sampled_from(ZONES))
def test_stamp_reader_on_any_text(text, tz):
    read = stamp_reader(tz)
    read("2026-09-01 14:03:22 +0100")
    assert outcome(read, text) == outcome(lambda t: parse_time(t, tz), text)


def test_a_local_time_after_the_clocks_go_forward_is_not_taken_from_midnight():
    """Europe/London jumps from 01:00 to 02:00 on 29 March 2026: 03:30 that day is 02:30 UTC, not 03:30."""
    read = stamp_reader("Europe/London")
    read("2026-03-29 00:30:00")
    assert read("2026-03-29 03:30:00") == parse_time("2026-03-29T02:30:00Z") == 1774751400.0
    assert read("2026-03-29 03:30:00 ") == 1774751400.0  # a trailing space is no zone either
