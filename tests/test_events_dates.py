from datetime import date

import pytest

from depesche.events.dates import find_dates

PUB = date(2021, 12, 8)  # a Wednesday


@pytest.mark.parametrize("text,day", [
    ("Die Minister trafen sich am Dienstag in Brüssel.", date(2021, 12, 7)),
    ("Am Mittwoch begann der Streik.", date(2021, 12, 8)),  # on the publication day itself
    ("Sie telefonierten am Donnerstag.", date(2021, 12, 2)),
    ("Das teilte die Behörde gestern mit.", date(2021, 12, 7)),
    ("Heute beginnen die Gespräche.", date(2021, 12, 8)),
    ("Der Vertrag wurde am 14. November unterzeichnet.", date(2021, 11, 14)),
    ("Am 3. Oktober 2019 kam es zu Protesten.", date(2019, 10, 3)),
    ("Die Mitteilung vom 02.12.2021 nennt keine Namen.", date(2021, 12, 2)),
    ("Am späten Freitagabend fielen Schüsse.", date(2021, 12, 3)),
])
def test_days_resolved_against_publication_date(text, day):
    found = [d for d in find_dates(text, PUB) if d.day]
    assert found and found[0].day == day


@pytest.mark.parametrize("text,start,end", [
    ("Anfang Dezember verschärfte sich die Lage.", date(2021, 12, 1), date(2021, 12, 10)),
    ("In der vergangenen Woche gab es drei Treffen.", date(2021, 11, 29), date(2021, 12, 5)),
])
def test_vague_expressions_give_ranges(text, start, end):
    (d,) = find_dates(text, PUB)
    assert d.day is None and (d.range_start, d.range_end) == (start, end)


def test_morning_is_not_tomorrow_and_no_date_without_publication():
    assert find_dates("Am Morgen blieb es ruhig.", PUB) == []
    assert find_dates("Die Gespräche fanden am Dienstag statt.", None) == []
