# Recursion: the default limit, deep but legal recursion, the error raised past the
# limit (RuntimeError on 2.7, its subclass RecursionError on 3.x) and its message, the
# depth reached under a lowered limit, and recovery afterwards.
from __future__ import print_function
import sys
print(sys.getrecursionlimit())
def depth_sum(n):
    return 0 if n == 0 else n + depth_sum(n - 1)
print(depth_sum(500))
def down(n):
    return down(n + 1)
try:
    down(0)
except RuntimeError as e:
    print(type(e).__name__, e)
print('recovered', depth_sum(100))
sys.setrecursionlimit(200)
print(sys.getrecursionlimit())
reached = [0]
def probe(n):
    reached[0] = n
    probe(n + 1)
try:
    probe(1)
except RuntimeError as e:
    print(type(e).__name__, reached[0])
def ping(n):
    return 'ping' if n == 0 else pong(n - 1)
def pong(n):
    return 'pong' if n == 0 else ping(n - 1)
print(ping(150), ping(151))
try:
    ping(1000)
except RuntimeError as e:
    print('mutual', type(e).__name__)
sys.setrecursionlimit(1000)
print(sys.getrecursionlimit(), depth_sum(900))
def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))
print(ackermann(2, 3), ackermann(3, 3))
