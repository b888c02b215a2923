"""Caches that cannot grow without end: the least recently used goes first, under a budget.

A kiosk runs for months; a cache that keeps one entry per text, picture or content edit is a
slow leak. A budget counts entries, or bytes through a `weigh` function for caches that hold
pixels or long texts. An entry heavier than the whole budget is not kept at all: the bound
holds whatever comes in. Safe to share between threads (the loader checks pictures on several).
"""

from __future__ import annotations

import functools
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

V = TypeVar("V")
_MISSING: Any = object()
_NAMED: Any = object()  # in a cache key: what follows it was passed by name


def one(_value: object) -> int:
    return 1


class Bounded(Generic[V]):
    """A mapping within `budget`: entries, or bytes when `weigh` says what each value costs."""

    def __init__(self, budget: int, weigh: Callable[[V], int] = one):
        self.budget = budget
        self.weigh = weigh
        self.used = 0
        self._items: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, default: Any = None) -> V | Any:
        with self._lock:
            found = self._items.get(key)
            if found is None:
                return default
            self._items.move_to_end(key)
            return found[0]

    def put(self, key: Hashable, value: V) -> bool:
        """Keep `value`, letting the least recently used go as needed; False if it alone
        is over the budget (then nothing is let go)."""
        weight = self.weigh(value)
        if weight > self.budget:
            return False
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.used -= old[1]
            self._items[key] = (value, weight)
            self.used += weight
            while self.used > self.budget:
                _, (_, dropped) = self._items.popitem(last=False)
                self.used -= dropped
        return True

    def pop(self, key: Hashable, default: Any = None) -> V | Any:
        with self._lock:
            found = self._items.pop(key, None)
            if found is None:
                return default
            self.used -= found[1]
            return found[0]

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.used = 0

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._items


def cache(budget: int, weigh: Callable[[Any], int] = one):
    """functools.lru_cache with a `Bounded` store: `weigh(key, result)` may count bytes (the
    key is the arguments as given, those passed by name after a marker).

    The store is the function's `.cache` (for tests and for `.cache.clear()`)."""

    def decorate(function):
        store: Bounded = Bounded(budget, lambda pair: weigh(*pair))

        @functools.wraps(function)
        def cached(*args, **named):
            key = (*args, _NAMED, *sorted(named.items())) if named else args
            found = store.get(key, _MISSING)
            if found is _MISSING:
                result = function(*args, **named)
                store.put(key, (key, result))
                return result
            return found[1]

        cached.cache = store  # type: ignore[attr-defined]
        return cached

    return decorate


def text_bytes(*texts: str) -> int:
    """What strings take in memory (CPython keeps 1, 2 or 4 bytes a letter, by the widest)."""
    return sum(sys.getsizeof(t) for t in texts)
