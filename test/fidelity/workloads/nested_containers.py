from __future__ import print_function
# Nested containers: a table is a list of batches; a batch is a list of rows; a row is a dict
# of lists (tags, and values as a list of lists). One batch in three is kept; the others are
# dropped, and every other dropped batch has a back-reference from its first row (a cycle).
import gc


def build(batch, base):
    rows = []
    for i in range(batch):
        row = {'id': base + i,
               'tags': ['t%d' % (i % 7), 't%d' % (i % 3)],
               'values': [[j, j * i] for j in range(4)]}
        rows.append(row)
    return rows


def main():
    table = []
    total = 0
    for r in range(200):
        rows = build(100, r * 100)
        for row in rows:
            row['values'].append([len(row['tags'])])
            total += row['values'][3][1]
        if r % 3 == 0:
            table.append(rows)
        elif r % 2 == 0:
            rows[0]['batch'] = rows
    count = 0
    for rows in table:
        for row in rows:
            count += len(row['values'])
    print("nested: %d batches kept, %d value lists, total %d" % (len(table), count, total))


if __name__ == '__main__':
    main()
