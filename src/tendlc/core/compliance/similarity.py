"""Near-identical texts (``reference/compliance-rules.md`` §1.C SMP-09): difflib's ratio on the normalised texts,
with cheap upper bounds that settle most pairs before the exact ratio is worked out."""

from __future__ import annotations

import struct
from functools import lru_cache

from tendlc.core.compliance.text import normalise


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


@lru_cache(maxsize=4096)
def _packed_counts(norm: str) -> int:
    """:func:`_letter_counts` packed (remembered: each sample is compared with every other)."""
    return int.from_bytes(struct.pack(f"<{_LANES}I", *_letter_counts(norm)), "little")


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


def similar(a: str, b: str, threshold: float) -> bool:
    """``similarity(a, b) >= threshold``, without the slow exact ratio when a cheap upper bound settles it:
    difflib's matching blocks form a common subsequence, so its ratio is at most 2·LCS / (|a| + |b|), and the
    LCS is at most the number of characters the two have in common (counted with repeats)."""
    na, nb = normalise(a), normalise(b)
    bound = threshold * (len(na) + len(nb)) - 1e-6  # a hair lower, so float rounding never decides
    if 2 * min(len(na), len(nb)) < bound or 2 * _common_letters(na, nb) < bound \
            or 2 * _lcs_length(na, nb) < bound:
        return False
    return similarity(a, b) >= threshold


def similarity(a: str, b: str) -> float:
    from difflib import SequenceMatcher

    return SequenceMatcher(None, normalise(a), normalise(b), autojunk=False).ratio()
