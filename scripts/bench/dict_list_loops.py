from __future__ import print_function
# Benchmark: dict- and list-heavy loops: building tables, lookups, appends, sorting.


def build_index(n):
    index = {}
    for i in range(n):
        key = 'k%d' % (i % 5000)
        if key in index:
            index[key].append(i)
        else:
            index[key] = [i]
    return index


def lookups(index, n):
    hits = 0
    misses = 0
    for i in range(n):
        key = 'k%d' % (i % 7000)
        if key in index:
            hits += len(index[key])
        else:
            misses += 1
    return hits, misses


def sort_rows(n):
    rows = []
    for i in range(n):
        rows.append(((i * 7919) % 10007, i))
    rows = sorted(rows)
    values = sorted([(i * 104729) % 65521 for i in range(n)])
    return rows[0][0] + rows[-1][1] + values[n // 2] + min(values) + max(values)


def main():
    total = 0
    for r in range(8):
        index = build_index(60000)
        hits, misses = lookups(index, 60000)
        total += hits + misses + len(index)
        total += sort_rows(40000)
        matrix = [[i * j for j in range(20)] for i in range(200)]
        for row in matrix:
            total += sum(row) % 97
    print("dict_list_loops: total %d" % total)


main()
