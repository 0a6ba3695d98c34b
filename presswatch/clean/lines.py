"""Line-level tests shared by the cleaners: widgets, headlines, tag lines, datelines."""

from __future__ import annotations

import re
from dataclasses import dataclass

from presswatch.article import Dateline
from presswatch.clean.profiles import RuleBook, squash

MINOR_WORDS = {
    "a", "an", "the", "of", "in", "on", "to", "for", "and", "or", "but", "at", "by", "with", "from", "as", "vs", "via",
    "into", "over", "after", "amid", "about", "up", "off", "out", "is", "are", "be", "its", "it", "than", "per", "nor",
}
_WORDS = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*")
# Zero-width marks, soft hyphens and controls that are not whitespace (str.split() handles the rest).
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
_TERMINAL = ".!?…\"”’»)]"


_LINE_BREAKS = re.compile(r"[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def paragraph_text(text: str) -> str:
    """A paragraph as the page prints it: invisible characters dropped, ends trimmed, characters that
    `str.splitlines` would break on made spaces; inner spacing (NBSP too) kept, so quotes of the page match."""
    return _LINE_BREAKS.sub(" ", _INVISIBLE.sub("", text)).strip()


def normalise_line(text: str) -> str:
    """One paragraph line: invisible characters dropped, any whitespace run (NBSP too) as one space."""
    return " ".join(_INVISIBLE.sub("", text).split())


def words(text: str) -> list[str]:
    return _WORDS.findall(text)


def title_cased(text: str) -> bool:
    """Most non-minor words capitalised, as in "Russia Delivers Nearly 14,000 Tons of Cargo to Syria"."""
    major = [w for w in words(text) if w.casefold() not in MINOR_WORDS]
    if not major:
        return False
    return sum(1 for w in major if w[0].isupper() or w[0].isdigit()) >= 0.8 * len(major)


def ends_sentence(text: str) -> bool:
    return bool(text) and text[-1] in _TERMINAL


def headline_like(text: str, min_words: int = 4, max_words: int = 25, need_title_case: bool = True) -> bool:
    """A short line without closing sentence punctuation (a related headline or a title)."""
    n = len(words(text))
    bare = text.rstrip("\"”’»)] ")
    if not (min_words <= n <= max_words) or len(text.split()) < min_words or len(text) > 220:
        return False
    if not bare or bare[-1] in ".,:;" or "@" in text or "://" in text:
        return False
    return title_cased(text) if need_title_case else True


@dataclass
class ChromeTest:
    """Answers "is this line page chrome?" from the merged outlet rules."""

    rules: RuleBook

    def widget(self, text: str) -> bool:
        key = squash(text)
        if not key:
            return not any(c.isalnum() for c in text) and len(text) <= 20  # "|", "•", "…"
        if key in self.rules.widgets:
            return True
        if len(text) <= 80 and any(p.search(text) for p in self.rules.widget_patterns):
            return True
        return len(key) <= 60 and self._composite(key)

    def _composite(self, key: str) -> bool:
        """Widgets glued together: "communitystandardsdiscussion", "sharetweetemail"."""
        parts = [w for w in self.rules.widgets if len(w) >= 3]
        ok = [False] * (len(key) + 1)
        ok[0] = True
        for i in range(len(key)):
            if ok[i]:
                for w in parts:
                    if key.startswith(w, i):
                        ok[i + len(w)] = True
        return ok[len(key)]

    def byline(self, text: str) -> list[str] | None:
        """Author names of a "By Jane Doe and John Roe" line, else None."""
        if len(text) > 120:
            return None
        for prefix in self.rules.byline_prefixes:
            if text.casefold().startswith(prefix.casefold() + " ") or (prefix.endswith(":") and
                                                                        text.casefold().startswith(prefix.casefold())):
                rest = re.sub(r"\s*(?:[,|]\s*)?\b(?:in|à|aus|da|w|в)\s+[A-ZА-Я][\w -]*$", "", text[len(prefix):])
                names = [n.strip(" ,") for n in _NAME_SPLIT.split(rest) if n.strip(" ,")]
                if names and all(_NAME.fullmatch(n) for n in names):
                    # "By X, Reuters", "By Staff": a byline all the same, but no person
                    return [n for n in names if self.rules.outlet_for_agency(n) is None
                            and squash(n) not in self.rules.non_authors]
        return None

    def footer(self, text: str) -> bool:
        return len(text) <= 300 and any(p.search(text) for p in self.rules.footers)

    def related_header(self, text: str) -> bool:
        return len(text) <= 60 and squash(text) in self.rules.related_headers

    def related_prefix(self, text: str) -> str | None:
        """The headline after "READ MORE:" and the like, else None."""
        if not text.casefold().startswith(self.rules.related_prefix_keys):
            return None
        for prefix in self.rules.related_prefixes:
            if text.casefold().startswith(prefix.casefold()):
                rest = text[len(prefix):].strip(" :-–—")
                if rest and len(words(rest)) <= 30:
                    return rest
        return None

    def tag_header(self, text: str) -> str | None:
        """The items after a "Tags:" label ("" when the label stands alone), else None."""
        for prefix in self.rules.tag_prefixes:
            if text.casefold().startswith(prefix.casefold()):
                rest = text[len(prefix):]
                # "Tags" alone or "Tags: a, b"; never "Topics discussed included trade."
                if prefix.endswith(":") or not rest.strip() or rest.lstrip().startswith((":", "-", "–", "—", "|")):
                    return rest.strip(" :-–—|")
        return None


_NAME = re.compile(r"(?:[A-ZА-ЯЁ][\w'’.-]*|de|da|van|von|der|al|bin|el|le|la|di)"
                   r"(?:\s+(?:[A-ZА-ЯЁ][\w'’.-]*|de|da|van|von|der|al|bin|el|le|la|di)){0,4}")
_NAME_SPLIT = re.compile(r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\be\b|\bi\b|\bи\b|\by\b)\s*")
_TAG_SPLIT = re.compile(r"\s*(?:[,;|•·]|\s/\s)\s*")
# Words that make an item a clause, not a tag ("His latest book, published May 9, is").
_CLAUSE_WORDS = {
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can", "could", "said", "says",
    "that", "which", "who", "this", "these", "those", "it", "he", "she", "they", "we", "i", "you", "his", "her",
    "their", "our", "my", "your", "its", "not", "but", "if", "when", "than", "then", "there",
}


def tag_items(text: str, min_items: int = 3) -> list[str] | None:
    """Items of a line like "airstrike, Vladimir Putin, Syria, Russia", else None."""
    if not text or len(text) > 300 or text[-1] in ".!?:":
        return None
    items = [i for i in _TAG_SPLIT.split(text) if i]
    if len(items) < min_items:
        return None
    for item in items:
        item_words = words(item)
        if not 1 <= len(item_words) <= 4 or len(item) > 40 or item[-1] in _TERMINAL.replace(")", ""):
            return None
        if any(c in item for c in ":@()…") or "..." in item or "//" in item or not item[0].isalnum():
            return None
        if any(w.casefold() in _CLAUSE_WORDS for w in item_words):
            return None
    return items


def find_dateline(paragraph: str, rules: RuleBook) -> tuple[Dateline, int] | None:
    """(dateline, length of its prefix) when the paragraph opens with one of the profiles' datelines."""
    found = find_dateline_date(paragraph, rules)
    return None if found is None else found[:2]  # type: ignore[return-value]


def find_dateline_date(paragraph: str, rules: RuleBook) -> tuple[Dateline, int, str | None] | None:
    """`find_dateline` and the date the dateline writes, as written ("18 июл"), if any."""
    for pattern in rules.datelines:
        m = pattern.match(paragraph)
        if not m or m.end() >= len(paragraph):
            continue
        groups = m.groupdict()
        place = (groups.get("place") or "").strip(" ,.") or None
        agency = (groups.get("agency") or "").strip() or None
        known = rules.outlet_for_agency(agency) is not None
        separated = bool(re.search(r"[—–:-]\s*$|/\.?\s*$", m.group(0)))
        upper_place = bool(place and place.upper() == place and any(c.isalpha() for c in place))
        if known and place and not upper_place and (not separated or place.split()[0] in ("The", "A", "An")):
            continue  # "Syria (AFP) war goes on", "The Kremlin (RT) - said": a parenthesis, not a dateline
        if not known and not (upper_place and separated):
            continue
        if place and len(words(place)) > 5:
            continue
        return Dateline(place=place, agency=agency), m.end(), (groups.get("date") or "").strip() or None
    return None
