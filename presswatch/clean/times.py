"""Dates and times: page time stamps ("16:49 GMT17 January 2021"), dates in URLs, ISO 8601 with offset (UTC if none)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

from dateutil import parser as dateparser

from presswatch.clean.profiles import RuleBook

# Zone abbreviations news pages print; dateutil only knows UTC/GMT by itself.
TZINFOS: dict[str, int] = {
    "GMT": 0, "UTC": 0, "Z": 0, "WET": 0, "BST": 3600, "CET": 3600, "CEST": 7200, "EET": 7200, "EEST": 10800,
    "MSK": 10800, "IST": 19800, "CST": -21600, "CDT": -18000, "EST": -18000, "EDT": -14400, "PST": -28800,
    "PDT": -25200, "MST": -25200, "MDT": -21600, "JST": 32400, "KST": 32400, "HKT": 28800, "SGT": 28800,
    "AEST": 36000, "AEDT": 39600,
}
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# Month names of the other languages in the crawls, mapped to English for dateutil.
_MONTHS_SEEN = {
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    "ru_nom": "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь",
    "uk": "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "januar februar märz april mai juni juli august september oktober november dezember",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "pl": "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia",
}
_ENGLISH = [date(2000, m, 1).strftime("%B") for m in range(1, 13)]
FOREIGN_MONTHS: dict[str, str] = {
    name: _ENGLISH[i] for names in _MONTHS_SEEN.values() for i, name in enumerate(names.split())
}
_HAS_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_HAS_MONTH = re.compile(rf"\b{_MONTH}(?![a-z])", re.I)
_HAS_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b")
_STAMP_CHARS = re.compile(r"^[\w\s:.,/+()|·•–—-]+$")
_WORD = re.compile(r"[^\W\d_]+")
_STAMP_WORDS = {"am", "pm", "at", "on", "of", "t", "z", "th", "st", "nd", "rd", "h", "hrs", "local", "time",
                "de", "del", "г", "года", "в", "à", "um", "uhr", "alle", "ore", "o", "le", "el"}
_WEEKDAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "tuesday", "wednesday", "thursday", "friday",
             "saturday", "sunday", "tues", "thur", "thurs"}


def iso(dt: datetime) -> str:
    """ISO 8601 with offset; naive times are taken as UTC."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.isoformat()


def _tzinfos(name: str, offset: int | None) -> timezone | None:
    if name and name.upper() in TZINFOS:
        return timezone(timedelta(seconds=TZINFOS[name.upper()]))
    return timezone(timedelta(seconds=offset)) if offset is not None else None


def _unglue(text: str) -> str:
    """Split glued tokens: "GMT17" -> "GMT 17", "2021Updated" -> "2021 Updated"."""
    text = re.sub(r"(?<=[A-Za-z])(?=\d)", " ", text)
    return re.sub(r"(?<=\d)(?=[A-Z][a-z])", " ", text)


def _stamp(text: str, labels: list[str] | None) -> tuple[str, bool] | None:
    """(stamp made ready for dateutil, has a year) when the line is only a time stamp and a label."""
    s = " ".join(text.split())
    if not s or len(s) > 80:
        return None
    low = s.casefold()
    for label in labels or []:
        if low.startswith(label) and (len(s) == len(label) or not s[len(label)].isalpha()):
            s = s[len(label):].lstrip(" :-–—")
            break
    s = _unglue(s)
    s = re.sub(r"[^\W\d_]+", lambda m: FOREIGN_MONTHS.get(m.group(0).casefold(), m.group(0)), s)
    if not _STAMP_CHARS.match(s):
        return None
    year = bool(_HAS_YEAR.search(s))
    dated = bool(_HAS_MONTH.search(s) or _NUMERIC_DATE.search(s))
    if not dated or len(re.findall(r"\d+", s)) < (2 if year else 3 if _NUMERIC_DATE.search(s) else 2):
        return None  # a day is needed too: dateutil would fill it from today
    if not year and not _HAS_CLOCK.search(s):
        return None  # "January 17" alone is too weak to call chrome
    words = {w.casefold() for w in _WORD.findall(s)}
    words -= _STAMP_WORDS | _WEEKDAYS | {k.casefold() for k in TZINFOS}
    if {w for w in words if not re.fullmatch(_MONTH, w)}:
        return None
    s = re.sub(r"(?<=\d)\.(?=\d{2}\b)", ":", s) if _HAS_CLOCK.search(s) and not _NUMERIC_DATE.search(s) else s
    s = re.sub(r"\b(?:de|del|г|года|в|à|um|uhr|alle|ore|o|le|el)\b\.?", " ", s, flags=re.I)
    # "UTC+3" means three hours east; dateutil would read it POSIX-style (west)
    s = re.sub(r"\b(?:UTC|GMT)\s*([+-])\s*(\d{1,2})(?::?(\d\d))?\b",
               lambda m: f" {m[1]}{int(m[2]):02d}:{m[3] or '00'}", s)
    return s.replace("|", " ").replace("·", " ").replace("•", " "), year


def is_time_stamp(text: str, labels: list[str] | None = None) -> bool:
    """A line that only shows a date/time, with or without a year ("January 17, 16:49 UTC+3")."""
    return parse_time(text, labels) is not None or _stamp(text, labels) is not None


def parse_time(text: str, labels: list[str] | None = None) -> str | None:
    """ISO time of a line that is only a full time stamp (plus an optional label), else None."""
    s = " ".join(text.split())
    if re.fullmatch(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?", s):
        return normalise(s)
    found = _stamp(s, labels)
    if found is None or not found[1]:
        return None
    try:
        dt = dateparser.parse(found[0], tzinfos=_tzinfos, dayfirst=not re.search(rf"{_MONTH}\s+\d", found[0], re.I))
    except (ValueError, OverflowError, TypeError):
        return None
    if dt is None or not 1990 <= dt.year <= 2100:
        return None
    return iso(dt)


def parse_time_near(text: str, labels: list[str] | None, reference: str | None) -> str | None:
    """A year-less stamp ("January 17, 16:49 UTC+3") dated by the year of `reference` (fetch or publication time),
    the year before when that would put it more than a day after the reference."""
    if not reference:
        return None
    found = _stamp(" ".join(text.split()), labels)
    try:
        ref = datetime.fromisoformat(reference.replace("Z", "+00:00"))
    except ValueError:
        return None
    if found is None or found[1]:
        return None
    if ref.tzinfo is None:
        ref = ref.replace(tzinfo=UTC)
    try:
        dt = dateparser.parse(found[0], tzinfos=_tzinfos, default=datetime(ref.year, 1, 1),
                              dayfirst=not re.search(rf"{_MONTH}\s+\d", found[0], re.I))
        if dt.tzinfo is None:
            dt = dt.replace(tzinfo=UTC)
        if dt - ref > timedelta(days=1):
            dt = dt.replace(year=dt.year - 1)
    except (ValueError, OverflowError, TypeError):
        return None
    return iso(dt)


def normalise(value: object) -> str | None:
    """Any date-ish value (datetime, ISO string, "17 January 2021") as ISO 8601 with offset."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return iso(value)
    s = str(value).strip()
    try:
        return iso(datetime.fromisoformat(s.replace("Z", "+00:00")))
    except ValueError:
        pass
    try:
        return iso(dateparser.parse(s, tzinfos=_tzinfos))
    except (ValueError, OverflowError, TypeError):
        return None


def date_from_url(url: str | None, rules: RuleBook) -> str | None:
    """Publication date written in a URL path (/2021/01/17/, /20210117/), at midnight UTC."""
    if not url:
        return None
    path = re.sub(r"^[a-z][\w+.-]*://[^/]+", "", url.strip(), flags=re.I)
    for pattern in rules.url_dates:
        m = pattern.search(path)
        if m:
            try:
                dt = datetime(int(m["y"]), int(m["m"]), int(m["d"]), tzinfo=UTC)
            except ValueError:
                continue
            if 1990 <= dt.year <= 2100:
                return iso(dt)
    return None


# -- dates in the words of six languages: datelines ("18 июл"), numeric stamps, relative stamps -----------------

# Month abbreviations and other forms (lower case, no final dot) -> month number; the full names are above.
_MONTH_FORMS = {
    "ru": "янв фев мар апр май июн июл авг сен окт ноя дек",
    "ru_alt": "январ феврал март апрел мая июн июл август сентябр октябр ноябр декабр",
    "fr": "janv févr mars avr mai juin juil août sept oct nov déc",
    "fr_alt": "jan fév fevr mar avri mai jui juill aou sep octo novem décem",
    "de": "jan feb mär apr mai jun jul aug sep okt nov dez",
    "de_alt": "jän febr märz apri mai juni juli augu sept okto nove deze",
    "it": "gen feb mar apr mag giu lug ago set ott nov dic",
    "pl": "sty lut mar kwi maj cze lip sie wrz paź lis gru",
    "pl_nom": "styczeń luty marzec kwiecień maj czerwiec lipiec sierpień wrzesień październik listopad grudzień",
    "en": "jan feb mar apr may jun jul aug sep oct nov dec",
}
MONTH_NUMBERS: dict[str, int] = {}
for _names in (*_MONTHS_SEEN.values(), *_MONTH_FORMS.values()):
    for _i, _name in enumerate(_names.split(), start=1):
        MONTH_NUMBERS.setdefault(_name, _i)
for _i, _name in enumerate(_ENGLISH, start=1):
    MONTH_NUMBERS.setdefault(_name.lower(), _i)
MONTH_NUMBERS["sept"] = 9  # "sept" is September in English, French and German alike
_DAY_MONTH = re.compile(r"(?<!\d)(?P<d>\d{1,2})(?:er|\.)?\s+(?P<m>[^\W\d_]{3,12})\.?(?:\s+(?P<y>(?:19|20)\d\d))?(?!\w)")
_MONTH_DAY = re.compile(r"(?<![\w])(?P<m>[^\W\d_]{3,12})\.?\s+(?P<d>\d{1,2})(?:,?\s+(?P<y>(?:19|20)\d\d))?(?!\d)")
_DMY = re.compile(r"(?<![\d.])(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>(?:19|20)\d\d)(?![\d.])")
_YMD = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?!\d)")


def month_number(word: str) -> int | None:
    """The month a word names in one of the six languages, full or abbreviated ("июл", "juil.", "Mär"), else None."""
    w = word.casefold().rstrip(".")
    if w in MONTH_NUMBERS:
        return MONTH_NUMBERS[w]
    for n in range(len(w) - 1, 2, -1):  # inflected forms: "июля" -> "июл", "marca" -> "mar"
        if w[:n] in MONTH_NUMBERS and len(w) - n <= 3:
            return MONTH_NUMBERS[w[:n]]
    return None


def _reference(reference: str | None) -> datetime | None:
    if not reference:
        return None
    try:
        ref = datetime.fromisoformat(reference.replace("Z", "+00:00"))
    except ValueError:
        return None
    return ref if ref.tzinfo else ref.replace(tzinfo=UTC)


def parse_date(text: str, reference: str | None = None) -> str | None:
    """ISO midnight (UTC) of the first date written in `text`: "18.07.2022", "2022-07-18", "18 июля 2022",
    "le 3 mars 2022", "March 3, 2022", or a year-less "18 июл" dated by the year of `reference` (the year before
    when that would put it more than a day after the reference). None when there is none or no year to give it."""
    found: tuple[int, int, int | None] | None = None
    for rx in (_DMY, _YMD):
        m = rx.search(text)
        if m:
            found = (int(m["y"]), int(m["m"]), int(m["d"]))
            break
    if found is None:
        for rx in (_DAY_MONTH, _MONTH_DAY):
            for m in rx.finditer(text):
                month = month_number(m["m"])
                if month is not None:
                    found = (int(m["y"]) if m["y"] else None, month, int(m["d"]))  # type: ignore[assignment]
                    break
            if found is not None:
                break
    if found is None:
        return None
    year, month, day = found
    ref = _reference(reference)
    if year is None:
        if ref is None:
            return None
        year = ref.year
        try:
            if datetime(year, month, day, tzinfo=UTC) - ref > timedelta(days=1):
                year -= 1
        except ValueError:
            return None
    try:
        dt = datetime(year, month, day, tzinfo=UTC)
    except ValueError:
        return None
    return iso(dt) if 1990 <= dt.year <= 2100 else None


# "Il y a 2 heures", "2 часа назад", "vor 2 Stunden", "2 ore fa", "2 godziny temu", "2 hours ago"
_UNITS = {
    "minutes": "minute minutes min mins минуту минуты минут мин minuten minuti minuto minut minuty minutę",
    "hours": "hour hours hr hrs heure heures h час часа часов stunde stunden std ora ore godzinę godziny godzin",
    "days": "day days jour jours день дня дней tag tagen giorno giorni dzień dni",
}
_UNIT_OF = {w: unit for unit, words in _UNITS.items() for w in words.split()}
_NUMBER = r"(?P<n>\d{1,3}|an|une|un|один|одну|einer|einem|un'|jeden|jedną)"
_RELATIVE = [
    re.compile(rf"^(?:il y a|voici)\s+{_NUMBER}\s+(?P<u>\w+)$", re.I),
    re.compile(rf"^vor\s+{_NUMBER}\s+(?P<u>\w+)$", re.I),
    re.compile(rf"^{_NUMBER}\s+(?P<u>\w+)\s+(?:назад|fa|temu|ago)$", re.I),
]


def relative_age(text: str) -> timedelta | None:
    """How long before the page time a relative stamp line says ("Il y a 2 heures" -> 2 h), else None."""
    s = " ".join(text.split()).strip(" .")
    if len(s) > 40:
        return None
    for rx in _RELATIVE:
        m = rx.match(s)
        unit = _UNIT_OF.get(m["u"].casefold()) if m else None
        if m and unit:
            return timedelta(**{unit: int(m["n"]) if m["n"].isdigit() else 1})
    return None


def parse_relative(text: str, reference: str | None) -> str | None:
    """A relative stamp line ("Il y a 2 heures", "2 часа назад") as the ISO time it names before `reference`."""
    ref = _reference(reference)
    age = relative_age(text)
    return None if ref is None or age is None else iso(ref - age)
