from __future__ import print_function
# Benchmark: method calls on instances, attribute access and small arithmetic (a fixed-point
# sensor filter), with one level of inheritance.


class Filter(object):
    def __init__(self, weight):
        self.weight = weight
        self.value = 0
        self.count = 0

    def feed(self, sample):
        self.value = (self.value * (16 - self.weight) + sample * self.weight) // 16
        self.count += 1
        return self.value

    def reset(self):
        self.value = 0


class ScaledFilter(Filter):
    def __init__(self, weight, scale):
        Filter.__init__(self, weight)
        self.scale = scale

    def scaled(self):
        return self.value * self.scale


class Sensor(object):
    def __init__(self, ident):
        self.ident = ident
        self.filter = ScaledFilter(4, ident + 1)

    def sample(self, t):
        return (t * 31 + self.ident * 17) % 1024

    def step(self, t):
        self.filter.feed(self.sample(t))
        return self.filter.scaled()


def main():
    sensors = [Sensor(i) for i in range(8)]
    total = 0
    for t in range(150000):
        for s in sensors:
            total += s.step(t)
        if t % 25000 == 0:
            sensors[t % 8].filter.reset()
    print("method_calls: total %d, samples %d" % (total, sum([s.filter.count for s in sensors])))


main()
