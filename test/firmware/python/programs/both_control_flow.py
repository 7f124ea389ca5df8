# Control flow: if/elif/else chains, while with else and break, for with else,
# continue, nested loops with break, pass, and truthiness of common values.
from __future__ import print_function
def classify(n):
    if n < 0:
        return 'negative'
    elif n == 0:
        return 'zero'
    elif n < 10:
        return 'small'
    else:
        return 'large'
print([classify(n) for n in (-5, 0, 3, 99)])
for n in range(2, 20):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        print(n, 'is prime')
i = 0
while i < 5:
    i += 1
    if i == 2:
        continue
    print('while', i)
else:
    print('while finished normally', i)
i = 0
while True:
    i += 1
    if i > 3:
        break
print('broke at', i)
j = 10
while j > 0:
    j -= 3
    if j == 4:
        print('found 4')
        break
else:
    print('never')
k = 0
while k < 0:
    k += 1
else:
    print('empty while runs else')
for x in []:
    print('never')
else:
    print('empty for runs else')
total = 0
for x in range(10):
    if x % 2:
        continue
    if x > 6:
        break
    total += x
print('total', total)
for a in range(3):
    for b in range(3):
        if b == a:
            continue
        if a + b == 3:
            break
        print(a, b)
values = [0, 1, '', 'x', [], [0], (), None, {}, {'k': 0}, 0.0, -1]
print([bool(v) for v in values])
print([v for v in values if v], [v for v in values if not v and v is not None][:3])
x = 5
for _ in range(2):
    pass
print('yes' if x > 3 else 'no', 'yes' if x > 10 else 'no')
print(1 and 2, 0 and 2, 1 or 2, 0 or '', None or 'd', not 0, not [1])
print(x > 1 and x < 10, x < 1 or x > 4, not x == 5)
n = 27
steps = 0
while n != 1:
    n = n // 2 if n % 2 == 0 else 3 * n + 1
    steps += 1
print('collatz steps', steps)
