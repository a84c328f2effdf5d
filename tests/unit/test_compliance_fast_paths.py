"""The lint's fast paths (issue 6) find exactly what the plain computations they replace find: whole-word term
lists, links, phone numbers, addresses removed before brand names are looked for, and lowered regexes."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tendlc.core.compliance import CampaignInput, check, rules_fields, rules_samples, terms
from tendlc.core.compliance import links as ln
from tendlc.core.compliance import similarity as sim
from tendlc.core.compliance import text as tx
from tendlc.core.compliance import wordlists as wl
from tests.compliance_support import codes, good_campaign, plain_links, plain_phones

_LISTS = [v for v in vars(terms).values() if isinstance(v, tuple)] + list(terms.OPT_IN_METHODS.values())
_TERMS = sorted({t for words in _LISTS for t in words})
_NOISE = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789 -_.,;:!?'\"()/@%&\n\tAELOPSTKſé", max_size=10)
_WORDS = st.lists(st.one_of(st.sampled_from(_TERMS), st.sampled_from(_TERMS).map(str.upper), _NOISE),
                  max_size=10).map(" ".join)


def _plain_terms(text: str, words: tuple[str, ...]) -> list[str]:
    searched = wl.terms_pattern(terms.NOT_RESTRICTED).sub(" ", text)
    return list(dict.fromkeys(m.group(0).lower() for m in wl.terms_pattern(words).finditer(searched)))


@settings(max_examples=400, deadline=None)
@given(_WORDS)
def test_term_lists_find_what_their_alternation_finds(text: str) -> None:
    for words in _LISTS:
        assert wl.terms_found(text, words) == _plain_terms(text, words), words


@settings(max_examples=400, deadline=None)
@given(st.one_of(_WORDS.filter(str.isascii), st.text(alphabet=st.characters(max_codepoint=127))))
def test_word_runs_are_those_of_the_lower_cased_text(text: str) -> None:
    assert [run.decode() for run in wl._runs(text)] == re.findall(r"\w+", text.lower())


@settings(max_examples=400, deadline=None)
@given(_WORDS)
def test_any_term_is_found_as_the_alternation_finds_one(text: str) -> None:
    for words in _LISTS:
        assert wl.terms_any(text, words) is bool(_plain_terms(text, words)), words


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=4))
def test_the_bits_of_several_texts_cover_every_list_that_matches_one(texts: list[str]) -> None:
    mask = wl.list_bits(texts)
    for words in _LISTS:
        if any(_plain_terms(t, words) for t in texts):
            assert mask & wl.list_bit(words), words


def test_a_list_first_seen_after_the_texts_were_read_is_not_ruled_out() -> None:
    # A bug of the first version: the content's bits were worked out before a list had a bit.
    texts = ["Patients opt in on the online form."]
    mask = wl.list_bits(texts)
    new_list = tuple(["online", "form"])  # a tuple the index has not seen
    assert mask & wl.list_bit(new_list)
    assert wl.terms_found(texts[0], new_list) == ["online", "form"]


def test_innocent_phrases_are_removed_before_lists_match() -> None:
    assert wl.terms_found("an adult education class", terms.ADULT) == []
    # Removing the phrase brings the words around it together (as the plain computation does).
    assert wl.terms_found("payday adult education loan", terms.HIGH_RISK_FINANCIAL) == ["payday   loan"]
    assert wl.list_bits(["payday adult education loan"]) & wl.list_bit(terms.HIGH_RISK_FINANCIAL)


_URLISH = st.lists(st.sampled_from([
    "https://acme.com/x", "http://ACME.com", "www.acme.com", "acme.com/track", "acme.com.", "acme.com,", "(acme.com)",
    "foo-www.acme.com", "foo.www.acme.com", "https://user@acme.com/x", "https://acme.com:8443/x", "acme.io:80",
    "http://[::1]/x", "https://192.168.0.1/x", "x@acme.com", "e.g.", "St.Louis", "bit.ly/x", "t.co/a", "https://",
    "https://.com", "acme.com?x=1", "acme.com#top", "acme.com\\x", ".", "..", "a.b.c", "Reply", "STOP", "\n", "\t",
    "\u00a0", "é.com", "acmé.com", "K.com", "3.50", "www.", "https://acme.com/a)b", "!", "?", ";", ")",
]), max_size=8).map(lambda parts: " ".join(parts))


@settings(max_examples=500, deadline=None)
@given(st.one_of(_URLISH, st.text(max_size=40)))
def test_links_are_those_of_the_plain_scan(text: str) -> None:
    assert [(x.text, x.host, x.scheme) for x in ln.links_in(text)] == plain_links(text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_URLISH, st.text(alphabet="0123456789()+-. callustxK٣", max_size=40)))
def test_phone_numbers_are_those_of_the_plain_scan(text: str) -> None:
    assert ln.phones_in(text) == plain_phones(text)


@settings(max_examples=500, deadline=None)
@given(st.one_of(_URLISH, st.text(alphabet="ab.c/:@w,;!?)(x-\n \tW\x1cK", max_size=30)))
def test_addresses_are_removed_as_the_plain_pattern_removes_them(text: str) -> None:
    assert tx._without_addresses(text) == tx._ADDRESSES.sub(" ", text)
    assert tx._ADDRESSES_FAST.sub(" ", text) == tx._ADDRESSES.sub(" ", text)



_NAMED = st.lists(st.one_of(st.sampled_from([
    "Acme Dental", "acme dental", "ACME-DENTAL", "AcmeDental", "acme.com", "www.acme", "https://acme", "x@acme",
    "Acme Dental:", "(acme dental)", "acme_dental", "%", "co", "acme.co", "dental.io/x", "10% off", "Www.",
]), st.text(alphabet="acmedntl .,:;@/%-_()wW\n\t\x1c", max_size=12)), max_size=6).map(" ".join)


@settings(max_examples=500, deadline=None)
@given(_NAMED, st.lists(st.sampled_from(["acme dental", "acme", "acmedental", "dental co", "%", "ac me", "", "a-b",
                                         " acme", "Acme"]), min_size=1, max_size=3))
def test_a_name_found_without_the_haystack_is_in_the_haystack(text: str, names: list[str]) -> None:
    haystack, squeezed = tx._name_haystack(text)
    plain = any(name and (f" {name} " in haystack or (len(name) > 5 and name.replace(" ", "") in squeezed))
                for name in names)
    assert tx.names_in(text, names) == plain
    if text.isascii() and tx._names_plainly_in(text.lower(), names):
        assert plain


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcxyz019% ", max_size=80), st.text(alphabet="abcxyz019% ", max_size=80))
def test_packed_letter_counts_bound_as_the_plain_sum(a: str, b: str) -> None:
    na, nb = tx.normalise(a), tx.normalise(b)
    assert sim._common_letters(na, nb) == sum(map(min, sim._letter_counts(na), sim._letter_counts(nb)))
    assert sim._common_letters(a, b) == sum(map(min, sim._letter_counts(a), sim._letter_counts(b)))


_PHRASES = st.sampled_from([
    "Reply STOP to opt out", "STOP2END", "stop=end", "Reply HELP for help", "Msg & data rates may apply",
    "messaging and data rates will apply", "You are unsubscribed", "no longer subscribed", "opted-out", "cancelled",
    "no more messages", "won't receive", "will not receive any texts", "You have subscribed", "welcome", "signed up",
    "reply with your SSN", "messages may contain links", "texts will include our phone numbers", "Msg freq varies",
    "4 msgs/month", "up to 6 msgs per month", "two texts per week", "recurring", "your code is 123456", "PIN 4821",
    "date of birth", "DOB", "birthday", "our own platform", "direct offering", "privacy", "[Your Business]",
    "you are now enrolled", "ſtop", "İnfo", "K", "acme.com/x", "é",
])
_MIXED = st.lists(st.one_of(_PHRASES, st.text(alphabet="abcSTOPhelpmsg &=2'\".,-0123456789", max_size=12)),
                  max_size=8).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(_MIXED)
def test_every_lowered_pattern_finds_what_the_pattern_finds(text: str) -> None:
    for *_, pattern in tx._LOWERED.values():
        found, expected = tx.search(pattern, text), pattern.search(text)
        assert (found and (found.span(), found.group(0))) == (expected and (expected.span(), expected.group(0)))
        assert tx.matches(pattern, text) is (expected is not None)


def test_a_glued_keyword_is_reported_as_written() -> None:
    # The lowered scan finds the match; the message quotes the text's own case.
    report = check(CampaignInput.model_validate(good_campaign(sample1="Bayside Dental: booked. Text STOP2END.")))
    found = [f for f in report.findings if f.code == "OPT_OUT_KEYWORD_NOT_SEPARATE"]
    assert found and "'STOP2END'" in found[0].message
    assert "OPT_OUT_KEYWORD_NOT_SEPARATE" in codes(report)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_MIXED, st.text(alphabet="stopendquithelpcanl2=+_/ TOPSé", max_size=30)))
def test_a_glued_keyword_is_found_as_the_pattern_finds_it(text: str) -> None:
    found, plain = tx.glued_keyword(text), tx.GLUED_KEYWORD.search(text)
    assert (found and (found.span(), found.group(0))) == (plain and (plain.span(), plain.group(0)))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="AB1 .-aJOINé", max_size=24), st.text(alphabet="AB1J.-", min_size=1, max_size=4))
def test_an_opt_in_keyword_is_named_where_its_pattern_finds_it(text: str, word: str) -> None:
    expected = re.search(rf"(?<![A-Z0-9]){re.escape(word)}(?![A-Z0-9])", text) is not None
    assert rules_fields._named(text, word) is expected


@settings(max_examples=400, deadline=None)
@given(st.one_of(_WORDS, _MIXED))
def test_a_list_not_written_in_a_text_rules_out_patterns_built_on_it(text: str) -> None:
    if not wl.may_be_written(text, terms.SENSITIVE_DATA):
        assert rules_samples._SENSITIVE_REQUEST.search(text) is None
        assert wl.terms_pattern(terms.SENSITIVE_DATA).search(text) is None


def test_a_term_inside_an_innocent_phrase_still_counts_as_written() -> None:
    # "pin code" is innocent for the content lists, but a request for it is still a request for a PIN.
    text = "Acme: reply with your PIN code to confirm."
    assert wl.terms_found(text, terms.SENSITIVE_DATA) == []
    assert wl.may_be_written(text, terms.SENSITIVE_DATA)
    assert "SAMPLE_REQUESTS_SENSITIVE_DATA" in codes(check(CampaignInput.model_validate(good_campaign(sample1=text))))


def test_samples_longer_than_any_valid_one_are_compared_on_their_start() -> None:
    # difflib's ratio is quadratic: a lint request may hold samples of a megabyte, compared on their start only.
    start = "Acme: your order ships today, track it in the app. " * 30  # longer than a valid sample
    a, b = start + "and then some more words " * 4000, start + "x" * 100_000
    assert sim.similar(a, b, 0.9)
    assert not sim.similar("Acme: " + "a b " * 300, "Acme: " + "c d " * 300, 0.9)
    report = check(CampaignInput.model_validate(good_campaign(sample1=a, sample2=b)))
    assert {"SAMPLES_NEAR_IDENTICAL", "SAMPLE_LENGTH"} <= codes(report)
