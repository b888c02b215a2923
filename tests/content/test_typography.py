"""Where lines may break, by each language's rules (pure: no pygame)."""

import pytest

from kiosk.content.typography import NBSP, SHY, breaks, glue, shown, tidy, words


@pytest.mark.parametrize(
    "language, text, bound",
    [
        ("pl", "Forum odbyło się w Astanie", "w Astanie"),
        ("pl", "las i woda", "i woda"),
        ("pl", "energia z węgla", "z węgla"),
        ("pl", "A to jest pawilon", "A to"),
        ("pl", "Polska a Kazachstan", "a Kazachstan"),
        ("pl", "mówi o lesie", "o lesie"),
        ("pl", "u nas", "u nas"),
        ("pl", "I dzień", "I dzień"),
        ("pl", "W Astanie", "W Astanie"),
        ("ru", "форум в Астане", "в Астане"),
        ("ru", "встреча с министром", "с министром"),
    ],
)
def test_a_one_letter_word_is_bound_to_the_next(language, text, bound):
    assert bound.replace(" ", NBSP) in glue(text, language)


@pytest.mark.parametrize(
    "language, text, bound",
    [
        ("pl", "Forum odbyło się 6 września 2012 roku.", ["6 września", "2012 roku"]),
        ("en", "The forum met on 6 September 2017 in Astana.", ["6 September", "2017 in"]),
        ("en", "It opened on September 7 in Astana.", ["September 7"]),
        ("ru", "форум, 6 сентября 2012 году", ["6 сентября", "2012 году"]),
        ("kk", "6 қыркүйектегі форум 2017 жылғы", ["6 қыркүйектегі", "2017 жылғы"]),
        ("pl", "umowy o wartości 759 mln USD podpisano", ["759 mln USD"]),
        ("ru", "контракты на 759 млн USD подписаны", ["759 млн USD"]),
    ],
)
def test_numbers_stay_with_their_units_months_and_the_word_after(language, text, bound):
    glued = glue(text, language)
    for group in bound:
        assert group.replace(" ", NBSP) in glued


def test_a_number_does_not_hold_on_to_the_word_before():
    assert glue("odbyło się 6 września", "pl").startswith("odbyło się 6")
    assert "się" + NBSP not in glue("odbyło się 6 września", "pl")


@pytest.mark.parametrize("language", ["pl", "en", "kk", "ru"])
def test_a_dash_never_starts_a_line(language):
    assert glue("Polska – Kazachstan", language) == f"Polska{NBSP}– Kazachstan"


def test_one_letter_words_are_bound_only_in_their_language():
    assert glue("Zone a is here", "en") == "Zone a is here"
    assert glue("Қазақстан мен Польша", "kk") == "Қазақстан мен Польша"
    assert NBSP not in glue("A w", "kk")


def test_a_no_break_space_never_breaks():
    text = f"Expo{NBSP}2017 w Astanie"
    assert words(text) == [f"Expo{NBSP}2017", "w", "Astanie"]
    assert tidy(f"a{NBSP}b \n  c") == f"a{NBSP}b c"
    assert len(f"Expo{NBSP}2017".split()) == 2  # what str.split() would have broken


def test_a_soft_hyphen_is_never_drawn_but_breaks_with_a_hyphen():
    word = f"Kazach{SHY}stan"
    assert shown(word) == "Kazachstan"
    assert breaks(word, "kk") == [("Kazach-", "stan")]


def test_the_rest_of_a_word_keeps_its_soft_hyphens():
    assert breaks(f"zga{SHY}zo{SHY}wanie", "pl") == [("zgazo-", "wanie"), ("zga-", f"zo{SHY}wanie")]


def test_a_hyphenated_word_breaks_after_its_hyphen_without_another():
    assert breaks("polsko-kazachski", "pl") == [("polsko-", "kazachski")]


@pytest.mark.parametrize(
    "language, word, head",
    [
        ("pl", "zgazowywanie", "zgazowywa-"),
        ("ru", "технологический", "технологиче-"),
        ("en", "technologies", "technolo-"),
    ],
)
def test_long_words_are_hyphenated_by_their_languages_dictionary(language, word, head):
    options = breaks(word, language)
    assert options and all(h.endswith("-") and shown(h[:-1] + r) == word for h, r in options)
    assert head in [h for h, _ in options]


def test_kazakh_has_no_dictionary_so_only_soft_hyphens_break():
    assert breaks("технологиялары", "kk") == []


def test_short_words_dates_and_amounts_are_not_hyphenated():
    assert breaks("Astana", "pl") == []
    assert breaks(f"6{NBSP}września", "pl") == []
    assert breaks(f"759{NBSP}mln", "pl") == []
    # a one-letter word bound to a long one: the long one may break, never before it
    options = breaks(f"w{NBSP}Kazachstanie", "pl")
    assert options and all(h.startswith(f"w{NBSP}Ka") for h, _ in options)


def test_a_number_that_ends_a_clause_lets_go():
    assert glue("w roku 2017, a potem", "pl") == f"w{NBSP}roku 2017, a{NBSP}potem"


def test_an_ordinal_keeps_its_word_and_a_sentence_end_lets_go():
    assert glue("zajmuje 16. pozycję", "pl") == f"zajmuje 16.{NBSP}pozycję"
    assert glue("na Expo 2017. Podpisano", "pl") == "na Expo 2017. Podpisano"
