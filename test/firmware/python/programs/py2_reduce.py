# reduce is a builtin in Python 2.
print reduce(lambda a, b: a + b, [1, 2, 3, 4])
print reduce(lambda a, b: a * b, range(1, 6), 10)
print reduce(lambda a, b: a + b, [], 7)
print repr(reduce(lambda a, b: a + b, ["x", "y", "z"]))
def checksum(frame):
    return reduce(lambda acc, byte: (acc + byte) & 0xFF, frame, 0)
print checksum([0x10, 0x01, 0xFF, 0x22])
try:
    reduce(lambda a, b: a, [])
except TypeError, e:
    print e
