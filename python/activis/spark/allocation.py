"""How many instances of each stratum the sample takes: proportional allocation with a floor."""

from __future__ import annotations

import math


class AllocationError(ValueError):
    """The sample cannot hold one instance of every stratum."""


def allocate(counts: dict[int, int], size: int) -> dict[int, int]:
    """Sample sizes per stratum, adding up to ``min(size, total)``.

    Every non-empty stratum gets at least ``floor = max(1, size // (10 · strata))`` instances (or
    all it has), so that small classes and subsets are represented; the rest of the sample is
    shared in proportion to what each stratum has beyond its floor (largest remainders, ties to
    the smaller key), never more than a stratum holds.
    """
    strata = {key: count for key, count in counts.items() if count > 0}
    total = sum(strata.values())
    if size >= total:
        return dict(strata)
    if len(strata) > size:
        raise AllocationError(f"a sample of {size} instances cannot hold one of each of the {len(strata)} strata "
                              "(class × subsets); ask for a larger --sample")
    floor = max(1, size // (10 * len(strata)))
    taken = {key: min(count, floor) for key, count in strata.items()}
    left = size - sum(taken.values())
    spare = {key: strata[key] - taken[key] for key in strata}
    spare_total = sum(spare.values())
    if left > 0 and spare_total > 0:
        shares = {key: left * spare[key] / spare_total for key in strata}
        for key, share in shares.items():
            taken[key] += min(spare[key], math.floor(share))
        rest = size - sum(taken.values())
        by_remainder = sorted(strata, key=lambda key: (-(shares[key] - math.floor(shares[key])), key))
        for key in by_remainder:
            if rest == 0:
                break
            if taken[key] < strata[key]:
                taken[key] += 1
                rest -= 1
    return taken
