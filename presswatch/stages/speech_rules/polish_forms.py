"""Case forms of Polish role nouns ("polityk" -> "polityka", "politykowi", "politykiem"; "badaczka" -> "badaczki"),
so a role word is a title in the case a source phrase or a cue puts it in ("Zdaniem polityka", "Jak wskazuje
badaczka", "z prezesem"). Regular endings and the fleeting e of "-ec" ("naukowiec" -> "naukowca") only: nouns
whose stem alternates otherwise ("poseł" -> "posła") list their forms as titles."""

from __future__ import annotations

# endings of the singular cases, by how the nominative ends
_CONSONANT = ("a", "owi", "em", "u")  # "polityk": polityka, politykowi, politykiem (after k, g: -iem), polityku
_FEMININE_KA = ("ki", "ce", "kę", "ką")  # "badaczka": badaczki, badaczce, badaczkę, badaczką
_A_NOUN = ("y", "ę", "ą")  # "specjalista", "przywódca": specjalisty, specjalistę, specjalistą


def case_forms(noun: str) -> set[str]:
    """The nominative and the regular singular case forms of a Polish person noun (lower case)."""
    n = noun.casefold()
    out = {n}
    if n.endswith("ka"):
        out.update(n[:-2] + e for e in _FEMININE_KA)
    elif n.endswith("a"):
        stem = n[:-1]
        out.update(stem + ("i" if e == "y" and stem.endswith(("k", "g")) else e) for e in _A_NOUN)
    elif n[-1:].isalpha() and n[-1] not in "iyeąęuo":
        stem = n[:-3] + "c" if n.endswith("iec") else n[:-2] + "c" if n.endswith("ec") else n  # "naukowiec": naukowca
        out.update(stem + ("iem" if e == "em" and stem.endswith(("k", "g")) else e) for e in _CONSONANT)
    return out


def title_forms(nouns: list[str]) -> frozenset[str]:
    """Every case form of the listed role nouns."""
    return frozenset(form for noun in nouns for form in case_forms(noun))


def gender(noun: str) -> str:
    """"f" for a feminine Polish person noun ("ekspertka", "rozmówczyni"), else "m" ("polityk", "specjalista",
    "przywódca": masculine nouns in -a)."""
    return "f" if noun.casefold().endswith(("ka", "yni", "ini")) else "m"


def genders(nouns: list[str]) -> dict[str, str]:
    """Each case form of the listed role nouns -> the noun's gender."""
    return {form: gender(noun) for noun in nouns for form in case_forms(noun)}
