"""Figure 6: the estimates of the claims under every assumption, against ``claims()`` itself, in process.

Ours: ``claim_probabilities(assumptions=[a])`` for each ``a`` of
:data:`cabinet.assumptions.ASSUMPTIONS` (default method ``exact``: exact where
a claim says no appointee is in a group, seeded Monte Carlo where the claim
needs the joint distribution), on the bundled data. ``priors`` needs an
expert's priors: the benchmark gives one prior, for the first appointee whose
``affiliation`` is unknown (``non_taliban`` with probability 0.2), so that the
assumption has something to use. Baseline: ``claims()`` on the same data.
Interleaved, after a warm-up call of each (the loaders' caches are warm on
both sides, as in a session); medians.
"""

from __future__ import annotations

import time

from ._common import Result, fmt_runs, fmt_s, median

TARGET = 3.0


def _priors(roster) -> dict:
    unknown = roster.loc[roster["affiliation"].astype(str).eq("unknown"), "appointment_id"]
    who = str(unknown.iloc[0]) if len(unknown) else str(roster["appointment_id"].iloc[0])
    return {who: {"non_taliban": 0.2}}


def run(quick: bool = False) -> list[Result]:
    from cabinet import claim_probabilities, claims
    from cabinet.io import load_appointees
    from cabinet.assumptions import ASSUMPTIONS

    repeat = 5 if quick else 11
    priors = _priors(load_appointees())
    calls = {"claims": lambda: claims()}
    for a in ASSUMPTIONS:
        calls[a] = (lambda a=a: claim_probabilities(assumptions=[a], priors=priors if a == "priors" else None))
    for f in calls.values():  # warm-up
        f()
    times = {name: [] for name in calls}
    names = list(calls)
    for i in range(repeat):
        for name in (names if i % 2 == 0 else names[::-1]):
            start = time.perf_counter()
            calls[name]()
            times[name].append(time.perf_counter() - start)
    base = median(times["claims"])
    methods = {a: sorted(set(claim_probabilities(assumptions=[a], priors=priors if a == "priors" else None)
                             ["method"].astype(str)) - {""}) for a in ASSUMPTIONS}
    results = []
    for a in ASSUMPTIONS:
        ours = median(times[a])
        results.append(Result(
            figure=f"claim_probabilities(assumptions=[{a!r}]) vs claims() (in process)",
            ours=fmt_s(ours), baseline=fmt_s(base), ratio=ours / base, target=TARGET,
            notes=[f"median of {repeat} interleaved runs each; ours {fmt_runs(times[a])}, "
                   f"claims() {fmt_runs(times['claims'])}",
                   f"methods in the table: {', '.join(methods[a])}"
                   + (f"; priors given: {priors}" if a == "priors" else "")],
        ))
    return results
