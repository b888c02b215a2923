"""Bounded caches: least recently used out first, within entries or bytes, never over."""

from __future__ import annotations

import threading

from kiosk.bounded import Bounded, cache, text_bytes


def test_the_least_recently_used_goes_first():
    kept = Bounded(3)
    for key in "abc":
        kept.put(key, key.upper())
    assert kept.get("a") == "A"  # a is used again: b is now the oldest
    kept.put("d", "D")
    assert "b" not in kept and [k for k in "acd" if k in kept] == ["a", "c", "d"]
    assert len(kept) == 3 and kept.used == 3


def test_a_budget_in_bytes_lets_as_many_go_as_needed():
    kept = Bounded(100, weigh=len)
    kept.put("small", b"x" * 30)
    kept.put("other", b"x" * 40)
    kept.put("big", b"x" * 70)  # both smaller ones must go to make room
    assert [k for k in ("small", "other", "big") if k in kept] == ["big"]
    assert kept.used == 70
    assert kept.put("huge", b"x" * 101) is False  # over the whole budget: not kept, nothing lost
    assert "big" in kept and kept.used == 70
    kept.put("big", b"x" * 10)  # replaced: weighed anew
    assert kept.used == 10


def test_pop_and_clear_give_the_bytes_back():
    kept = Bounded(100, weigh=len)
    kept.put("a", "x" * 40)
    assert kept.pop("a") == "x" * 40 and kept.pop("a") is None and kept.used == 0
    kept.put("b", "y")
    kept.clear()
    assert len(kept) == 0 and kept.used == 0


def test_a_cached_function_runs_once_per_arguments_within_its_budget():
    calls = []

    @cache(budget=1000, weigh=lambda args, result: text_bytes(result))
    def shout(word: str) -> str:
        calls.append(word)
        return word.upper() * 20

    assert shout("a") == shout("a") == "A" * 20 and calls == ["a"]
    for i in range(200):
        shout(f"word {i}")
    assert shout.cache.used <= 1000 and 0 < len(shout.cache) < 200
    assert shout.__wrapped__("b") == "B" * 20  # the plain function stays at hand
    calls.clear()
    assert shout(word="c") == shout(word="c") == "C" * 20 and calls == ["c"]  # by name too


def test_threads_sharing_a_cache_keep_its_count_right():
    kept = Bounded(500, weigh=len)

    def churn(n: int) -> None:
        for i in range(2000):
            kept.put((n, i % 50), "x" * (i % 17 + 1))
            kept.pop((n, (i + 7) % 50))

    workers = [threading.Thread(target=churn, args=(n,)) for n in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert kept.used == sum(len(kept.get(key)) for key in list(kept._items)) <= 500
