import type { ExchangeJourney } from '../../store';
import { demoTime } from '../demoClock';

// Journey 3 (paused): choosing a cache in front of the search index.

const TTL_LRU = `"""A small LRU cache with a per-entry time to live, for search results."""

from __future__ import annotations

import time
from collections import OrderedDict
from typing import Callable, Generic, Hashable, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class TtlLruCache(Generic[K, V]):
    def __init__(self, capacity: int, ttl_seconds: float, clock: Callable[[], float] = time.monotonic):
        if capacity <= 0:
            raise ValueError("capacity must be positive")
        self._capacity = capacity
        self._ttl = ttl_seconds
        self._clock = clock
        self._items: OrderedDict[K, tuple[float, V]] = OrderedDict()

    def get(self, key: K) -> V | None:
        entry = self._items.get(key)
        if entry is None:
            return None
        expires, value = entry
        if expires < self._clock():
            del self._items[key]  # stale: the index changed since
            return None
        self._items.move_to_end(key)
        return value

    def put(self, key: K, value: V) -> None:
        self._items[key] = (self._clock() + self._ttl, value)
        self._items.move_to_end(key)
        while len(self._items) > self._capacity:
            self._items.popitem(last=False)

    def invalidate_all(self) -> None:
        """Called when the index generation changes; cheaper than tracking which queries a write affects."""
        self._items.clear()
`;

export function cachingJourney(): ExchangeJourney {
  return {
    id: 'journey_demo_caching',
    input: 'Which caching strategy for the search index?',
    status: 'paused',
    settings: {
      stageTypes: ['searching', 'solving', 'challenging'],
      maxStages: 3,
      autoAdvance: false,
      model: 'claude-sonnet',
    },
    createdAt: demoTime(4, 30),
    updatedAt: demoTime(4, 85),
    stages: [
      {
        id: 'stage_demo_caching_search',
        type: 'searching',
        status: 'complete',
        prompt: 'Find how other full-text search services cache query results and invalidate them.',
        result:
          'Most cache whole result pages keyed by (normalized query, filters, index generation). Bumping the generation on every commit invalidates everything at once; per-document invalidation is rarely worth its bookkeeping below ~100 writes per second.',
        thinking:
          'The hit rate matters more than the eviction policy: 40 % of queries in the logs are repeats within five minutes.',
        createdAt: demoTime(4, 31),
        updatedAt: demoTime(4, 50),
        artifacts: [
          {
            id: 'artifact_demo_caching_notes',
            type: 'other',
            title: 'Query log sample (anonymised)',
            content:
              'Sample of 10 000 queries from the staging search log, 09:00-17:00.\n\n- 41 % repeat an earlier query within 5 minutes\n- 12 % repeat within 5 seconds (typing pauses, double submits)\n- median result page: 18 KB; p99: 240 KB\n- index commits: 3.2 per minute on average, bursts of 40 during imports\n\nA 64 MB cache would hold about 3 600 median pages.',
            metadata: {},
            createdAt: demoTime(4, 45),
          },
        ],
      },
      {
        id: 'stage_demo_caching_solve',
        type: 'solving',
        status: 'complete',
        prompt: 'Sketch an LRU cache with TTL that is cleared when the index generation changes.',
        result:
          'An OrderedDict-based LRU with a 30 s TTL and invalidate_all() on every index generation change. Simple, and during import bursts the cache just stays cold.',
        createdAt: demoTime(4, 51),
        updatedAt: demoTime(4, 80),
        artifacts: [
          {
            id: 'artifact_demo_caching_lru',
            type: 'code',
            title: 'ttl_lru.py',
            content: TTL_LRU,
            metadata: { language: 'python', filename: 'ttl_lru.py' },
            createdAt: demoTime(4, 78),
          },
        ],
      },
      {
        id: 'stage_demo_caching_challenge',
        type: 'challenging',
        status: 'pending',
        prompt: 'Is a cache needed at all if FTS5 answers the p99 query in 8 ms?',
        result: '',
        createdAt: demoTime(4, 81),
        artifacts: [],
      },
    ],
  };
}
