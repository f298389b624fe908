"""What the garbage collector is told during a build (`accord.collector`): young
objects are collected in larger batches while a build runs, and what is alive once
the models have loaded is set aside, then brought back when they are let go."""

import gc
import weakref

from accord.collector import (
    YOUNG,
    bring_back_what_was_set_aside,
    fewer_collections,
    set_aside_what_lives_on,
)


def test_young_objects_are_collected_in_larger_batches_and_the_threshold_is_restored():
    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold() == (max(YOUNG, before[0]), *before[1:])
        with fewer_collections():  # (a worker's batch inside a build)
            assert gc.get_threshold()[0] == max(YOUNG, before[0])
        assert gc.get_threshold()[0] == max(YOUNG, before[0])
    assert gc.get_threshold() == before


def test_the_threshold_is_restored_when_a_build_fails():
    before = gc.get_threshold()
    try:
        with fewer_collections():
            raise ValueError("a build that stops")
    except ValueError:
        pass
    assert gc.get_threshold() == before


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


def test_what_lives_on_is_set_aside_and_brought_back_without_its_garbage():
    alive = [[k] for k in range(1000)]  # tracked by the collector
    garbage = weakref.ref(_Node())
    set_aside_what_lives_on()
    try:
        assert gc.get_freeze_count() >= len(alive)
        assert garbage() is None  # collected, not set aside for good
    finally:
        bring_back_what_was_set_aside()
    assert gc.get_freeze_count() == 0
