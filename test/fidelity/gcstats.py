"""Runs one workload script under the real CPython and reports what its cyclic collector did.

    python gcstats.py WORKLOAD.py

The workload runs unchanged (its source is exec'ed in a fresh namespace named '__main__', so
its `if __name__ == '__main__':` block runs), its own stdout and stderr pass through, and the
LAST line of stdout is one JSON object:

    {"python": "3.11.7",
     "collections":   [g0, g1, g2],     collections per generation (by the oldest one collected)
     "collected":     [g0, g1, g2],     objects freed by those collections
     "uncollectable": [g0, g1, g2],     objects found unreachable but not freed
     "sequence": [[gen, collected], ...],   every collection in order
     "baselineTracked": N,              len(gc.get_objects()) just before the workload starts
     "baselineCount": [c0, c1, c2]}     gc.get_count() just before the workload starts

Only collections that happen while the workload runs are counted, automatic and manual alike;
gc.collect() is a collection of generation 2, as gc.get_stats() counts it.

Runs under 2.7 and 3.x. Before the workload starts the driver makes one full collection, so
every run starts from the same state (all counters 0, long_lived_pending 0, every start-up
object in generation 2) whatever the interpreter did while starting; baselineTracked is then the
size of generation 2 that the 25 % long-lived rule (2.7+) compares against.

Under 3.12+ a collection is only scheduled by an allocation and runs at the next eval-breaker
check; one that the workload's last allocations scheduled runs at the driver's settle() call
right after the workload, and is counted as the workload's.

How the numbers are read:
- 3.x: a gc.callbacks function records the "stop" phase of every collection. It must not
  allocate GC objects while a collection runs (that would move gc.get_count()), so it writes
  only ints into lists allocated in advance. The totals are checked against the change in
  gc.get_stats() (3.4+); a mismatch is reported on stderr and the exit status is 3.
- 2.7 has neither callbacks nor get_stats: gc.DEBUG_STATS is set and the collector's own
  report is parsed. It writes with C stdio to fd 2 (PySys_WriteStderr on the real stderr
  file), so fd 2 is redirected with os.dup2 to a temporary file for the duration of the
  workload; a Python-level replacement of sys.stderr would make the collector call a Python
  write() method, i.e. allocate, in the middle of every collection. 2.7.18 writes, per
  collection:
      gc: collecting generation 2...
      gc: objects in each generation: 4 0 3488
      gc: done, 4 unreachable, 4 uncollectable, 0.0003s elapsed.
  or "gc: done, 0.0003s elapsed." when nothing was unreachable. In gcmodule.c's collect(),
  with m = objects freed and n = objects kept because of a finalizer (the `finalizers` list,
  which holds the instances with __del__ and everything reachable from them), the line
  prints (n + m, n), and collect() returns n + m. 3.x's callback info and get_stats() report
  "collected" = m and "uncollectable" = n, while 3.x's gc.collect() also returns n + m. So,
  for 2.7: collected = unreachable - uncollectable; uncollectable = uncollectable.
  Checked by experiment on 2.7.18: a dropped 2-instance cycle of new-style objects prints
  "4 unreachable, 0 uncollectable" and gc.collect() returns 4 (2 instances + 2 __dict__s);
  the same cycle with __del__ prints "4 unreachable, 4 uncollectable", gc.collect() returns 4,
  and 2 objects (the instances) are appended to gc.garbage.
  The collector imports `time` the first time DEBUG_STATS is on; the driver imports it first
  so that the import does not allocate inside a workload's collection.
"""
from __future__ import print_function

import array
import collections
import gc
import json
import os
import sys
import tempfile
import time

PY2 = sys.version_info[0] == 2
SLOTS = 200000

time.time()  # see the note on `time` above


def die(message, status):
    sys.stderr.write('gcstats.py: %s\n' % message)
    sys.exit(status)


def parse_debug_stats(text):
    """(sequence of [gen, collected], uncollectable per collection, other lines) of 2.7's report."""
    sequence = []
    uncollectable = []
    other = []
    gen = None
    for line in text.splitlines():
        if line.startswith('gc: collecting generation '):
            gen = int(line[len('gc: collecting generation '):].rstrip('.'))
        elif line.startswith('gc: objects in each generation:'):
            pass
        elif line.startswith('gc: done'):
            if gen is None:
                die('a "gc: done" line without its "collecting generation" line', 4)
            unreachable = 0
            lost = 0
            parts = line.split(', ')
            if len(parts) >= 3 and parts[1].endswith(' unreachable'):
                unreachable = int(parts[1].split(' ')[0])
                lost = int(parts[2].split(' ')[0])
            sequence.append([gen, unreachable - lost])
            uncollectable.append(lost)
            gen = None
        else:
            other.append(line)
    return sequence, uncollectable, other


def main():
    if len(sys.argv) != 2:
        die('usage: python gcstats.py WORKLOAD.py', 2)
    path = os.path.abspath(sys.argv[1])
    handle = open(path)
    try:
        source = handle.read()
    finally:
        handle.close()
    # dont_inherit: the workload gets its own __future__ flags, not this driver's.
    code = compile(source, path, 'exec', 0, True)
    namespace = {'__name__': '__main__', '__file__': path, '__doc__': None, '__package__': None}
    sys.argv = [path]

    # Recording slots, allocated before the baseline; the callback stores ints only, into
    # arrays, which are not GC objects (lists this long would make every full collection of
    # the workload slower).
    gens = array.array('l', [0]) * SLOTS
    freed = array.array('l', [0]) * SLOTS
    kept = array.array('l', [0]) * SLOTS
    used = [0]
    active = [0]
    overflow = [0]

    def on_gc(phase, info):
        if active[0] and phase == 'stop':
            i = used[0]
            if i < SLOTS:
                gens[i] = info['generation']
                freed[i] = info['collected']
                kept[i] = info['uncollectable']
                used[0] = i + 1
            else:
                overflow[0] = 1

    def settle():
        # A function entry is an eval-breaker check point: in 3.12+ a collection that the
        # workload's last allocations scheduled runs here, and is counted as the workload's.
        pass

    settle()  # first call warms up the frame (2.7-3.10 keep one per code object)

    has_stats = hasattr(gc, 'get_stats')
    capture = None
    saved_fd = None
    if PY2:
        capture = tempfile.TemporaryFile()
    else:
        on_gc('warm-up', {})  # the first call of a function may allocate (3.6-3.10 frames)
        gc.callbacks.append(on_gc)

    sys.stdout.flush()
    sys.stderr.flush()
    gc.collect()
    stats_before = gc.get_stats() if has_stats else None
    baseline_tracked = len(gc.get_objects())
    baseline_count = gc.get_count()
    if PY2:
        saved_fd = os.dup(2)
        os.dup2(capture.fileno(), 2)
        gc.set_debug(gc.DEBUG_STATS)
    active[0] = 1
    try:
        exec(code, namespace)
    finally:
        settle()
        active[0] = 0
        # Snapshot first: the driver's own allocations below may trigger collections.
        stats_after = gc.get_stats() if has_stats else None
        if PY2:
            gc.set_debug(0)
            sys.stderr.flush()
            os.dup2(saved_fd, 2)
            os.close(saved_fd)
            capture.seek(0)
            # The workload's own stderr passes through (also when it raised).
            sequence, lost, other = parse_debug_stats(capture.read().decode('latin-1'))
            capture.close()
            for line in other:
                sys.stderr.write(line + '\n')
        else:
            gc.callbacks.remove(on_gc)
        sys.stdout.flush()

    if not PY2:
        n = used[0]
        if overflow[0]:
            die('more than %d collections; raise SLOTS' % SLOTS, 3)
        sequence = [[gens[i], freed[i]] for i in range(n)]
        lost = [kept[i] for i in range(n)]

    counts = [0, 0, 0]
    collected = [0, 0, 0]
    uncollectable = [0, 0, 0]
    for i in range(len(sequence)):
        g, c = sequence[i]
        counts[g] += 1
        collected[g] += c
        uncollectable[g] += lost[i]

    if has_stats:
        for g in range(3):
            delta = [stats_after[g][k] - stats_before[g][k] for k in ('collections', 'collected', 'uncollectable')]
            mine = [counts[g], collected[g], uncollectable[g]]
            if delta != mine:
                die('the callback counts %r of generation %d disagree with gc.get_stats() %r' % (mine, g, delta), 3)

    report = collections.OrderedDict()  # key order as documented, on 2.7 too
    report['python'] = '%d.%d.%d' % tuple(sys.version_info[:3])
    report['collections'] = counts
    report['collected'] = collected
    report['uncollectable'] = uncollectable
    report['sequence'] = sequence
    report['baselineTracked'] = baseline_tracked
    report['baselineCount'] = list(baseline_count)
    print(json.dumps(report, separators=(',', ':')))
    sys.stdout.flush()


if __name__ == '__main__':
    main()
