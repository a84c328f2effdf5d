"""Near-identical texts (``reference/compliance-rules.md`` §1.C SMP-09): difflib's ratio on the normalised texts,
with cheap upper bounds that settle most pairs before the exact ratio is worked out."""

from __future__ import annotations

import struct
from functools import lru_cache

from tendlc.core.compliance.text import RECENT_TEXTS, normalise

# difflib's ratio takes time quadratic in the texts' length: about a quarter of a second for two crafted samples
# of 1,024 characters, minutes for samples of a megabyte (which a lint request may hold). Texts longer than a
# valid sample (1,024 characters, SAMPLE_LENGTH's limit, normalised) are compared on their first _COMPARED.
_COMPARED = 1100


def _lcs_length(a: str, b: str) -> int:
    """Length of the longest common subsequence (bit-parallel, Hyyrö 2004)."""
    if not a or not b:
        return 0
    masks: dict[str, int] = {}
    for j, ch in enumerate(b):
        masks[ch] = masks.get(ch, 0) | (1 << j)
    full = (1 << len(b)) - 1
    v = full
    for ch in a:
        u = v & masks.get(ch, 0)
        v = ((v + u) | (v - u)) & full
    return len(b) - v.bit_count()


_NORMALISED_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz% "


def _letter_counts(norm: str) -> tuple[int, ...]:
    """How many times each character of the normalised alphabet occurs in ``norm``, then how many others do."""
    counts = list(map(norm.count, _NORMALISED_ALPHABET))
    counts.append(len(norm) - sum(counts))
    return tuple(counts)


# _letter_counts packed in one int, a 32-bit lane per count, for texts shorter than _PACKED_MAX (each count then
# leaves its lane's top bit clear: the guard bit of the lane-wise subtraction in _common_letters).
_PACKED_MAX = 1 << 30
_LANES = len(_NORMALISED_ALPHABET) + 1
_GUARDS = sum(1 << (32 * i + 31) for i in range(_LANES))
_LANE_SUM = (1 << 32) - 1  # an int modulo 2**32 - 1 is the sum of its 32-bit lanes, modulo the same
_PACK = struct.Struct(f"<{_LANES}I").pack


@lru_cache(maxsize=RECENT_TEXTS)
def _packed_counts(norm: str) -> int:
    """:func:`_letter_counts` packed (remembered: each sample is compared with every other)."""
    return int.from_bytes(_PACK(*_letter_counts(norm)), "little")


def _common_letters(na: str, nb: str) -> int:
    """An upper bound on the LCS of ``na`` and ``nb``: a common subsequence uses each character at most as many
    times as the text holding fewer of it (every character outside the alphabet counts as one kind). That is
    the sum of the lane-wise minimums, len(na) less the sum of the lane-wise max(a - b, 0), worked out on the
    packed counts at once: a lane of ``(A | guards) - B`` keeps its guard bit where a >= b (no borrow crosses a
    lane), and there holds a - b below it."""
    if len(na) >= _PACKED_MAX or len(nb) >= _PACKED_MAX:
        return sum(map(min, _letter_counts(na), _letter_counts(nb)))
    diff = (_packed_counts(na) | _GUARDS) - _packed_counts(nb)
    kept = diff & _GUARDS
    excess = diff & (kept - (kept >> 31))  # the lanes where a >= b, less their guard bits: a - b
    return len(na) - excess % _LANE_SUM  # the excess sums to at most len(na) < 2**32 - 1: the modulo is the sum


# A rougher bound first, on fewer counts: the characters of the normalised alphabet that best tell two different
# samples apart, best first (chosen greedily on the bench corpus: each leaves the fewest pairs of samples of
# similar length unsettled with those before it), then all the others as one kind. Any partition of the characters
# bounds the LCS the same way (a common subsequence takes at most min(a, b) characters of each part), only less
# tightly; this one settles nearly every pair the full counts settle, for about half the counting.
_TELLING = "oltcieawrdmbsnuvph"
_ROUGH_MAX = 1 << 15  # 16-bit lanes: a text shorter than this leaves each lane's guard bit (the top one) clear
_ROUGH_LANES = len(_TELLING) + 1
_ROUGH_GUARDS = sum(1 << (16 * i + 15) for i in range(_ROUGH_LANES))
_ROUGH_SUM = (1 << 16) - 1  # an int modulo 2**16 - 1 is the sum of its 16-bit lanes, modulo the same
_PACK_TELLING = struct.Struct(f"<{len(_TELLING)}H").pack
_LUMP_SHIFT = 16 * len(_TELLING)


@lru_cache(maxsize=RECENT_TEXTS)
def _packed_rough_counts(norm: str) -> int:
    """How many times each character of ``_TELLING`` occurs in ``norm``, then how many others do, packed in
    16-bit lanes (``norm`` shorter than ``_ROUGH_MAX``; remembered: each sample is compared with every other)."""
    packed = int.from_bytes(_PACK_TELLING(*map(norm.count, _TELLING)), "little")
    # The last lane from the sum of the others (less than len(norm) < 2**16 - 1: the modulo is the sum).
    return packed | (len(norm) - packed % _ROUGH_SUM) << _LUMP_SHIFT


def _rough_common_letters(na: str, nb: str) -> int:
    """An upper bound on the LCS of ``na`` and ``nb``, at least :func:`_common_letters`: the same sum of lane-wise
    minimums, on :func:`_packed_rough_counts` (both texts shorter than ``_ROUGH_MAX``)."""
    diff = (_packed_rough_counts(na) | _ROUGH_GUARDS) - _packed_rough_counts(nb)
    kept = diff & _ROUGH_GUARDS
    excess = diff & (kept - (kept >> 15))
    return len(na) - excess % _ROUGH_SUM  # the excess sums to at most len(na) < 2**16 - 1: the modulo is the sum


def similar(a: str, b: str, threshold: float) -> bool:
    """``similarity(a, b) >= threshold`` (for texts longer than a valid sample, on their first ``_COMPARED``
    normalised characters), without the slow exact ratio when a cheap upper bound settles it: difflib's matching
    blocks form a common subsequence, so its ratio is at most 2·LCS / (|a| + |b|), and the LCS is at most the
    number of characters the two have in common (counted with repeats, or by groups of characters)."""
    na, nb = normalise(a), normalise(b)
    if len(na) > _COMPARED or len(nb) > _COMPARED:
        na, nb = na[:_COMPARED], nb[:_COMPARED]
    la, lb = len(na), len(nb)
    bound = threshold * (la + lb) - 1e-6  # a hair lower, so float rounding never decides
    if 2 * (la if la < lb else lb) < bound:
        return False
    if la < _ROUGH_MAX and lb < _ROUGH_MAX:
        # _rough_common_letters(na, nb) < bound / 2, written out: this is the test that settles nearly every pair.
        diff = (_packed_rough_counts(na) | _ROUGH_GUARDS) - _packed_rough_counts(nb)
        kept = diff & _ROUGH_GUARDS
        if 2 * (la - (diff & (kept - (kept >> 15))) % _ROUGH_SUM) < bound:
            return False
    if 2 * _common_letters(na, nb) < bound or 2 * _lcs_length(na, nb) < bound:
        return False
    return _ratio(na, nb) >= threshold


def similarity(a: str, b: str) -> float:
    """difflib's ratio of the normalised texts."""
    return _ratio(normalise(a), normalise(b))


def _ratio(na: str, nb: str) -> float:
    from difflib import SequenceMatcher

    return SequenceMatcher(None, na, nb, autojunk=False).ratio()
