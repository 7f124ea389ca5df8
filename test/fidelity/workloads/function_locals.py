from __future__ import print_function
# Function-local objects: those without cycles are freed by reference counting at return,
# while local cycles outlive the call until a collection finds them. Defaults, *args, and a
# short recursion that leaves one self-referencing list per level.
import gc


class Box(object):
    def __init__(self, content):
        self.content = content
        self.other = None


def work(n, scale=2, *args):
    a = Box(n)
    b = Box(args)
    a.other = b
    b.other = a
    scratch = [n, n * scale]
    table = {'n': n, 'scratch': scratch}
    return len(args) + table['scratch'][1]


def recurse(depth, acc=0):
    if depth == 0:
        return acc
    node = [depth]
    node.append(node)
    return recurse(depth - 1, acc + node[0])


def plain(n):
    items = [n, n + 1, n + 2]
    pairs = [(x, x + 1) for x in items]
    return sum([p[1] for p in pairs])


def main():
    total = 0
    for i in range(15000):
        total += work(i)
        total += work(i, 3, i, i + 1)
        total += plain(i)
        if i % 10 == 0:
            total += recurse(20)
    print("function locals: total %d" % total)


if __name__ == '__main__':
    main()
