"""Subsets: every predicate kind and their combinations, against a plain Python filter.

Each case is (predicate, reference, prelude): the prelude defines other subsets first
(for `in <subset>`); the reference computes the expected mask from instances.csv and
the activations with numpy. Predicates are evaluated with layer f32 current.
"""

from __future__ import annotations

import numpy as np
import pytest

from e2e_support import expect_close, parse_csv, parse_matrix_csv, quoted

LAYER = "f32"

CASES = [
    ('text starts "What is"', lambda r: r.starts("What is"), []),
    ('text ends "?"', lambda r: r.ends("?"), []),
    ('text ends "."', lambda r: r.ends("."), []),
    ('text contains "golf"', lambda r: r.contains("golf"), []),
    ('text contains "\\"saudade\\""', lambda r: r.contains('"saudade"'), []),
    ('text contains "ü"', lambda r: r.contains("ü"), []),
    ('text matches "^Who (is|was)"', lambda r: r.matches("^Who (is|was)"), []),
    ("label = NUM", lambda r: r.label == "NUM", []),
    ("predicted = DESC", lambda r: r.predicted == "DESC", []),
    ("correct", lambda r: r.correct(), []),
    ("misclassified", lambda r: ~r.correct(), []),
    ("length > 8", lambda r: r.numeric("length") > 8, []),
    ("length >= 8", lambda r: r.numeric("length") >= 8, []),
    ("length < 5", lambda r: r.numeric("length") < 5, []),
    ("length <= 5", lambda r: r.numeric("length") <= 5, []),
    ("length = 6", lambda r: r.numeric("length") == 6, []),
    ("length != 6", lambda r: r.numeric("length") != 6, []),
    ("source = wiki", lambda r: r.category("source") == "wiki", []),
    ("source != wiki", lambda r: r.category("source") != "wiki", []),
    ("score NUM > 0.5", lambda r: r.score("NUM") > 0.5, []),
    ("score DESC <= 0.2", lambda r: r.score("DESC") <= 0.2, []),
    ("score:HUM >= 0.3", lambda r: r.score("HUM") >= 0.3, []),
    ("neuron 3 > 0.3", lambda r: r.layer(LAYER)[:, 3] > 0.3, []),
    ("neuron 6 >= 1", lambda r: r.layer(LAYER)[:, 6] >= 1, []),
    ("in t", lambda r: r.label == "NUM", [("t", "label = NUM")]),
    ('in t and text starts "What is"', lambda r: (r.label == "NUM") & r.starts("What is"),
     [("t", "label = NUM")]),
    ('label = NUM and text starts "What is" and predicted = DESC',
     lambda r: (r.label == "NUM") & r.starts("What is") & (r.predicted == "DESC"), []),
    ("misclassified and not label = NUM", lambda r: ~r.correct() & (r.label != "NUM"), []),
    ("(label = HUM or label = LOC) and length > 6",
     lambda r: ((r.label == "HUM") | (r.label == "LOC")) & (r.numeric("length") > 6), []),
    ("label = HUM or label = LOC and length > 6",
     lambda r: (r.label == "HUM") | ((r.label == "LOC") & (r.numeric("length") > 6)), []),
    ("not (correct or source = wiki)", lambda r: ~(r.correct() | (r.category("source") == "wiki")), []),
    ("not correct and source = wiki", lambda r: ~r.correct() & (r.category("source") == "wiki"), []),
    ('text ends "?" and not (score NUM > 0.5 or neuron 3 > 0.3)',
     lambda r: r.ends("?") & ~((r.score("NUM") > 0.5) | (r.layer(LAYER)[:, 3] > 0.3)), []),
    ("not in t or misclassified", lambda r: ~(r.label == "NUM") | ~r.correct(), [("t", "label = NUM")]),
    ("in u and not in t", lambda r: r.starts("What is") & (r.label != "NUM"),
     [("t", "label = NUM"), ("u", 'text starts "What is"')]),
]
IDS = [case[0] for case in CASES]


def script(bundle, predicate, prelude, tail):
    """A script that defines the prelude subsets, then s, then runs ``tail``."""
    parts = [f"load {quoted(bundle)}", f"select layer {LAYER}"]
    parts += [f"subset {name} = where {definition}" for name, definition in prelude]
    parts += [f"subset s = where {predicate}", tail]
    return "; ".join(parts)


def expected_mask(ref, reference, prelude):
    mask = np.asarray(reference(ref), dtype=bool)
    assert mask.shape == (len(ref.ids),)
    return mask


def test_cases_are_not_trivial(ref):
    """The generated bundle makes every case select some but not all instances."""
    for predicate, reference, prelude in CASES:
        mask = expected_mask(ref, reference, prelude)
        assert 0 < mask.sum() < len(mask), f"{predicate!r} selects {mask.sum()} of {len(mask)}"


def test_no_threshold_ties(ref):
    """No value sits exactly on a threshold used above, where float widths could disagree."""
    assert not np.any(np.abs(ref.layer(LAYER)[:, 3] - 0.3) < 1e-6)
    assert not np.any(np.abs(ref.layer(LAYER)[:, 6] - 1.0) < 1e-6)
    assert not np.any(ref.score("NUM") == 0.5)


@pytest.mark.parametrize("predicate,reference,prelude", CASES, ids=IDS)
def test_members(activis, bundle, ref, predicate, reference, prelude):
    out = activis.csv(script(bundle, predicate, prelude, "members s"))
    records = parse_csv(out)
    assert records and records[0] == ["id", "label", "predicted", "text"], f"members header: {records[:1]}"
    got = records[1:]
    mask = expected_mask(ref, reference, prelude)
    expected = [[str(ref.ids[i]), ref.label[i], ref.predicted[i], ref.texts[i]] for i in np.flatnonzero(mask)]
    got_ids, expected_ids = [r[0] for r in got], [r[0] for r in expected]
    missing = sorted(set(expected_ids) - set(got_ids), key=int)[:5]
    extra = sorted(set(got_ids) - set(expected_ids), key=int)[:5]
    assert got_ids == expected_ids, (
        f"{predicate!r}: {len(got_ids)} members, expected {len(expected_ids)}; "
        f"missing e.g. {missing}, extra e.g. {extra}")
    assert got == expected


@pytest.mark.parametrize("predicate,reference,prelude", CASES, ids=IDS)
def test_subset_matrix_row(activis, bundle, ref, predicate, reference, prelude):
    out = activis.csv(script(bundle, predicate, prelude, "add s; matrix"))
    _, rows, order = parse_matrix_csv(out)
    assert "s" in rows, f"no row s in matrix rows {order}"
    mask = expected_mask(ref, reference, prelude)
    assert rows["s"].size == int(mask.sum())
    expect_close(rows["s"].values, ref.layer(LAYER)[mask].mean(axis=0), f"subset row for {predicate!r}")
    assert order[:len(ref.classes)] == ref.classes


def test_subset_rows_follow_classes_in_order(activis, bundle, ref):
    out = activis.csv(f'load {quoted(bundle)}; select layer f16; subset b = where label = NUM; '
                      f'subset a = where text starts "What is"; add b; add a; matrix')
    _, rows, order = parse_matrix_csv(out)
    assert order == ref.classes + ["b", "a"]
    expect_close(rows["a"].values, ref.layer("f16")[ref.starts("What is")].mean(axis=0), "row a")


def test_neuron_predicate_uses_current_layer(activis, bundle, ref):
    out = activis.csv(f"load {quoted(bundle)}; select layer f64; subset s = where neuron 2 > 0.5; members s")
    expected = [str(i) for i in ref.ids[ref.layer("f64")[:, 2] > 0.5]]
    assert [r[0] for r in parse_csv(out)[1:]] == expected


def test_subsets_by_category_and_by_range(activis, bundle, ref):
    """`subsets by source` and `subsets by length bins 4`: members and matrix rows against numpy,
    with the ranges cut at the values of rank k*n/4 of the sorted lengths (numpy's sort)."""
    out = activis.csv(f"load {quoted(bundle)}; select layer {LAYER}; subsets by source; "
                      f"subsets by length bins 4; matrix")
    _, rows, order = parse_matrix_csv(out)
    layer = ref.layer(LAYER)
    source = ref.category("source")
    for value in sorted(set(v for v in source if v)):
        name = f"source_{value}"
        assert name in rows, f"no row {name} in {order}"
        mask = source == value
        assert rows[name].size == int(mask.sum())
        expect_close(rows[name].values, layer[mask].mean(axis=0), name)
    length = ref.numeric("length")
    known = np.sort(length[~np.isnan(length)])
    cuts = []
    for k in range(1, 4):
        cut = known[k * len(known) // 4]
        if cut > known[0] and (not cuts or cuts[-1] != cut):
            cuts.append(cut)
    bounds = [-np.inf] + cuts + [np.inf]
    for b in range(len(bounds) - 1):
        name = f"length_{b + 1}"
        mask = (length >= bounds[b]) & (length < bounds[b + 1])
        assert name in rows and rows[name].size == int(mask.sum()), f"{name}: {bounds[b]}..{bounds[b + 1]}"
        expect_close(rows[name].values, layer[mask].mean(axis=0), name)
    assert f"length_{len(bounds)}" not in rows


def test_members_csv_defines_the_same_subset_again(activis, bundle, ref, tmp_path):
    """`members` printed as CSV (texts with commas, quotes and non-ASCII letters) is a list of
    ids that `subset … from` reads back to the same instances; a plain list works too."""
    exported = tmp_path / "golf.csv"
    exported.write_text(activis.csv(f'load {quoted(bundle)}; subset g = where text contains "golf"; members g'),
                        encoding="utf-8")
    expected = [str(i) for i in ref.ids[ref.contains("golf")]]
    plain = tmp_path / "some.txt"
    plain.write_text("-- three of them\n" + "\n".join(f"#{i}" for i in expected[:3]) + "\n", encoding="utf-8")
    out = activis.csv(f"load {quoted(bundle)}; subset back = from {quoted(exported)}; members back")
    assert [r[0] for r in parse_csv(out)[1:]] == expected
    out = activis.csv(f"load {quoted(bundle)}; subset few = from {quoted(plain)}; members few")
    assert [r[0] for r in parse_csv(out)[1:]] == expected[:3]
