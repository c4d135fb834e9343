"""Decoding of header-less HTML bytes and parsing of publishers' dates."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from depesche.ingest.html_dates import parse_date, parse_german, parse_iso
from depesche.ingest.html_decode import BinaryContent, decode_html

PAGE = "<html><head>{meta}</head><body><p>Grüße aus Köln – schön, dass Sie da sind!</p></body></html>"
TEXT = "Grüße aus Köln – schön, dass Sie da sind!"


def test_utf8_and_boms():
    page = PAGE.format(meta="")
    assert TEXT in decode_html(page.encode("utf-8"))
    assert TEXT in decode_html(b"\xef\xbb\xbf" + page.encode("utf-8"))
    assert TEXT in decode_html(page.encode("utf-16"))  # with BOM
    assert decode_html(page) == page


def test_declared_charset_is_used():
    page = PAGE.format(meta='<meta charset="windows-1252">')
    assert TEXT in decode_html(page.encode("cp1252"))
    page = PAGE.format(meta='<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">')
    # iso-8859-1 is read as cp1252, as browsers do: the en dash only exists in cp1252
    assert TEXT in decode_html(page.encode("cp1252"))


def test_undeclared_cp1252():
    assert TEXT in decode_html(PAGE.format(meta="").encode("cp1252"))


def test_utf8_page_with_a_stray_byte_stays_utf8():
    page = PAGE.format(meta='<meta charset="iso-8859-1">').encode("utf-8") * 3 + b"\xe9"
    assert TEXT in decode_html(page)


def test_utf8_wins_over_a_wrong_declaration():
    page = PAGE.format(meta='<meta charset="iso-8859-1">')
    assert TEXT in decode_html(page.encode("utf-8"))


def test_binary_is_refused():
    with pytest.raises(BinaryContent):
        decode_html(b"%PDF-1.7\n" + bytes(200))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("08.12.2021, 06:42 Uhr", "2021-12-08T06:42:00+01:00"),
        ("Stand: 8.12.2021 um 6.42 Uhr", "2021-12-08T06:42:00+01:00"),
        ("8. Dezember 2021", "2021-12-08T00:00:00+01:00"),
        ("Veröffentlicht am 14. Juli 2022, 18:30", "2022-07-14T18:30:00+02:00"),
        ("3. Jänner 2020", "2020-01-03T00:00:00+01:00"),
        ("1. Dez. 2019", "2019-12-01T00:00:00+01:00"),
    ],
)
def test_german_dates_are_local_and_tz_aware(text, expected):
    value = parse_german(text)
    assert value is not None and value.isoformat() == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2021-12-08T06:42:00+01:00", datetime(2021, 12, 8, 5, 42, tzinfo=timezone.utc)),
        ("2021-12-08T05:42:00Z", datetime(2021, 12, 8, 5, 42, tzinfo=timezone.utc)),
        ("2021-12-08T06:42:00.123456789+0100", datetime(2021, 12, 8, 5, 42, tzinfo=timezone.utc)),
        ("2021-12-08 06:42:00", datetime(2021, 12, 8, 5, 42, tzinfo=timezone.utc)),  # naive = German time
    ],
)
def test_iso_dates(text, expected):
    assert parse_iso(text) == expected


@pytest.mark.parametrize("text", ["", None, "kein Datum", "32.13.2021", "99. Dezember 2021", "1.1.1850"])
def test_no_date(text):
    assert parse_date(text) is None
