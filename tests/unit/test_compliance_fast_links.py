"""The fast paths of links.py and similarity.py find exactly what the plain computations they replace find: dotted
runs, links (a whole schemed run taken at once, hosts read after the scheme), phone numbers and e-mail addresses
searched from where one can start, remembered shortener and registrable-domain answers, and near-identical samples
settled by a rougher letter-count bound first."""

from __future__ import annotations

import dataclasses

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tendlc.core.compliance import links as ln
from tendlc.core.compliance import similarity as sim
from tendlc.core.compliance import text as tx
from tests.compliance_support import plain_link, plain_links, plain_phones

# Pieces of links and of the text around them, with the characters each fast path treats specially: schemes in
# both cases, quotes and angle brackets (they end a schemed link), trailing punctuation, every kind of whitespace,
# letters that case-fold to ASCII ones (ſ, K, İ), other scripts' digits and non-printable characters.
_PIECES = st.sampled_from([
    "https://", "http://", "HTTPS://", "HtTp://", "httpſ://", "http:", "https:/", "http:/", "ftp://", "www.", "WWW.",
    "Www.", "acme.com", "ACME.CO", "bit.ly", "t.co", "/x", "/a.b", "?q=1", "#top", ":8443", "user@", "[::1]",
    "192.168.0.1", "é", "K", "ſ", "İ", ".", "..", ",", ";", ")", "(", "!", "?", "'", '"', "<", ">", " ", "  ", "\t",
    "\n", "\x0b", "\x1c", "\u00a0", "\u2028", "\u3000", "\u200b", "\x00", "-", "_", "@", "%", "+", "x@acme.com",
    "A.B@Mail.Example.org", "e.g.", "3.50", "$4.20.", "Call", "text us at", "(303) 555-0199", "720-555-0183",
    "+1 415 555 0100", "1-800-555-0100", "5555550123", "٣٠٣٥٥٥٠١٩٩", "2125550199", "12/05/2026", "Reply STOP", "com",
    "io",
])
_URLISH = st.lists(st.one_of(_PIECES, st.text(alphabet="aAhHtTpPsSwW.:/-@ 0123456789,)'\"<K\tſ", max_size=6)),
                   max_size=14).map("".join)
_TEXTS = st.one_of(_URLISH, st.text(max_size=60))


@settings(max_examples=800, deadline=None)
@given(_TEXTS)
@example("a.b\u00a0c.d x\x1cy.z")
@example("https://acme.com/a'b.c")
@example("foo\nacme.com bar x.. y.z .a a. .b")
@example("acme.com\u200b x")
@example("lone.com")
@example("lone..")
def test_link_runs_are_those_of_the_pattern_that_can_hold_a_link(text: str) -> None:
    runs = ln._DOTTED_RUN.findall(text)
    assert ln._link_runs(text) == [run for run in runs if run.rstrip(".").count(".")]
    for run in runs:
        if not run.rstrip(".").count("."):  # the dots end it: neither pattern finds a link in it
            assert plain_links(run) == []


@settings(max_examples=800, deadline=None)
@given(_TEXTS)
@example("HTTPS://Acme.COM:80/x")
@example("http://acme.com?x")
@example("https://acme..com.")
@example("http:/a.b.com")
def test_a_link_is_read_as_before(raw: str) -> None:
    link = ln._link.__wrapped__(raw)
    assert (link and (link.text, link.host, link.scheme)) == plain_link(raw)


@settings(max_examples=1000, deadline=None)
@given(_TEXTS)
@example("see https://acme.com/x, and HTTP://t.co/a. or www.bit.ly/b")
@example("https://acme.com'x.io https://localhost/a.com")
def test_links_are_those_of_the_plain_scan(text: str) -> None:
    ln._links_in.cache_clear()
    assert [(x.text, x.host, x.scheme) for x in ln.links_in(text)] == plain_links(text)
    assert ln.website_host(text) == (plain_links(text)[0][1] if text and plain_links(text) else None)


@settings(max_examples=600, deadline=None)
@given(st.one_of(_URLISH, st.text(alphabet="0123456789()+-. callustxK٣\n", max_size=60)))
@example("order 1234567890 or call 303 555 0199")
def test_phone_numbers_are_those_of_finditer(text: str) -> None:
    assert ln.phones_in(text) == plain_phones(text)


@settings(max_examples=800, deadline=None)
@given(st.one_of(_URLISH, st.text(alphabet="ab.@ -_%+K\tſé,x1", max_size=40)))
@example("mail a.b@c.com-x@d.org and @e.com x@@y.io")
def test_emails_are_those_of_finditer(text: str) -> None:
    ln._emails.cache_clear()
    assert ln.emails_in(text) == [m.group(0) for m in ln.EMAIL.finditer(text)]
    assert ln.email_domains_in(text) == [m.group(1).lower() for m in ln.EMAIL.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.sampled_from(sorted(ln.SHORTENER_HOSTS)), _URLISH).flatmap(
    lambda host: st.sampled_from([host, f"go.{host}", f"{host}.", host.upper(), f"x{host}", f"{host}.example.com"])))
def test_remembered_host_answers_are_the_plain_ones(host: str) -> None:
    plain = host.lower().rstrip(".")
    assert ln.is_shortener(host) is any(plain == h or plain.endswith(f".{h}") for h in ln.SHORTENER_HOSTS)
    assert ln.registrable(host) == ".".join(plain.split(".")[-2:])


def _partition_bound(na: str, nb: str, chars: str) -> int:
    """The LCS bound of a partition: each character of ``chars`` a part, every other character one more part."""
    total, rest_a, rest_b = 0, len(na), len(nb)
    for ch in chars:
        total += min(na.count(ch), nb.count(ch))
        rest_a -= na.count(ch)
        rest_b -= nb.count(ch)
    return total + min(rest_a, rest_b)


_SAMPLE = st.text(alphabet="abcdeilnorstuwxyz019% .,!ſé", max_size=90)


@settings(max_examples=500, deadline=None)
@given(_SAMPLE, _SAMPLE)
def test_the_rough_bound_is_the_partition_sum_and_never_below_the_full_one(a: str, b: str) -> None:
    na, nb = tx.normalise(a), tx.normalise(b)
    rough = sim._rough_common_letters(na, nb)
    assert rough == _partition_bound(na, nb, sim._TELLING)
    assert rough >= sim._common_letters(na, nb) >= sim._lcs_length(na, nb)


@settings(max_examples=400, deadline=None)
@given(_SAMPLE, st.lists(st.tuples(st.integers(0, 90), st.sampled_from(["", "x", "e", " ", "o1", "%"])), max_size=6),
       st.sampled_from([0.5, 0.8, 0.9, 0.95, 1.0]))
def test_similar_answers_as_the_exact_ratio(a: str, edits: list[tuple[int, str]], threshold: float) -> None:
    # b is a with a few characters replaced: near-identical pairs, where the bounds do not settle the answer.
    b = a
    for pos, new in edits:
        b = b[:pos] + new + b[pos + 1:]
    assert sim.similar(a, b, threshold) is (sim.similarity(a, b) >= threshold)
    assert sim.similar(a, a.upper() + "zz", threshold) is (sim.similarity(a, a.upper() + "zz") >= threshold)


def test_a_text_too_long_for_16_bit_lanes_takes_the_full_counts() -> None:
    long_a, long_b = "ab " * 11_000, "ax " * 11_000
    na, nb = tx.normalise(long_a), tx.normalise(long_b)
    assert len(na) >= sim._ROUGH_MAX
    assert 2 * sim._common_letters(na, nb) < 0.9 * (len(na) + len(nb))  # so the exact ratio is below 0.9 too
    assert sim.similar(long_a, long_b, 0.9) is False


@given(st.text(max_size=8), st.text(max_size=8), st.sampled_from(["", "http", "https"]))
def test_a_link_made_fast_is_the_dataclass_made_link(text: str, host: str, scheme: str) -> None:
    # _new_link fills the instance's fields itself: it must stay in step with the dataclass (no new field, no
    # __post_init__, no slots).
    assert [f.name for f in dataclasses.fields(ln.Link)] == ["text", "host", "scheme"]
    assert not hasattr(ln.Link, "__post_init__") and not hasattr(ln.Link, "__slots__")
    fast, made = ln._new_link(text, host, scheme), ln.Link(text, host, scheme)
    assert type(fast) is ln.Link and fast == made and hash(fast) == hash(made) and repr(fast) == repr(made)
    assert list(vars(fast).items()) == list(vars(made).items())
