from __future__ import print_function
# Cycles made only of dicts and lists: a dict that contains itself, two dicts pointing at each
# other, a list that contains itself, two lists holding each other, and a dict holding a list
# that holds the dict. Everything is dropped each iteration; automatic collection only.
import gc


def main():
    total = 0
    for i in range(20000):
        d = {'id': i}
        d['self'] = d
        a = {'name': 'a'}
        b = {'name': 'b'}
        a['peer'] = b
        b['peer'] = a
        l = [i]
        l.append(l)
        x = [i, i + 1]
        y = [x]
        x.append(y)
        holder = {'items': [i]}
        holder['items'].append(holder)
        total += d['self']['id'] + len(a['peer']) + l[1][0] + len(y[0]) + holder['items'][1]['items'][0]
    print("container cycles: total %d" % total)


if __name__ == '__main__':
    main()
