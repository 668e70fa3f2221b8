"""Property tests of reciprocal rank fusion (a pure function)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.search.fusion import rrf

ids = st.sampled_from([f"c{i}" for i in range(12)])
rankings = st.lists(st.lists(ids, max_size=10), min_size=1, max_size=4)


@given(rankings)
def test_output_is_the_union_sorted_by_score(rs: list[list[str]]) -> None:
    out = rrf(rs)
    got = [cid for cid, _ in out]
    assert len(got) == len(set(got))
    assert set(got) == {cid for r in rs for cid in r}
    scores = [s for _, s in out]
    assert scores == sorted(scores, reverse=True)


@given(rankings)
def test_score_is_the_rrf_formula(rs: list[list[str]]) -> None:
    k = 60
    out = dict(rrf(rs, k=k))
    for cid, score in out.items():
        expected = sum(1 / (k + r.index(cid) + 1) for r in rs if cid in r)
        assert score == pytest.approx(expected)


@given(st.lists(ids, min_size=1, max_size=10, unique=True), st.integers(min_value=1, max_value=4))
def test_identical_rankings_keep_their_order(r: list[str], n: int) -> None:
    assert [cid for cid, _ in rrf([r] * n)] == r


@given(rankings)
def test_an_id_first_everywhere_wins(rs: list[list[str]]) -> None:
    rs = [["top", *[c for c in r if c != "top"]] for r in rs]
    assert rrf(rs)[0][0] == "top"


@given(rankings, st.lists(st.floats(min_value=0.01, max_value=10), min_size=4, max_size=4))
def test_weights_scale_contributions(rs: list[list[str]], ws: list[float]) -> None:
    ws = ws[:len(rs)]
    out = dict(rrf(rs, ws, k=10))
    for cid, score in out.items():
        assert score == pytest.approx(sum(w / (10 + r.index(cid) + 1) for r, w in zip(rs, ws) if cid in r))


def test_zero_weight_ranking_does_not_reorder() -> None:
    out = rrf([["a", "b", "c"], ["c", "b", "a"]], [1.0, 0.0])
    assert [cid for cid, _ in out] == ["a", "b", "c"]


def test_duplicates_in_one_ranking_count_once() -> None:
    assert dict(rrf([["a", "a", "b"]], k=0))["a"] == pytest.approx(1.0)


def test_bad_arguments() -> None:
    with pytest.raises(ValueError):
        rrf([["a"]], [1.0, 2.0])
    assert rrf([]) == []
