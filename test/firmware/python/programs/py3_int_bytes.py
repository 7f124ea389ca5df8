# int.to_bytes and int.from_bytes as frame-building code uses them: big- and little-endian
# fields, signed readings in two's complement, a checksum over a frame, the 3.11 defaults
# (length 1, byteorder 'big'), keywords, bool.from_bytes and from_bytes through an int,
# iterables of ints as input; argument and overflow errors. Also slices as dict keys
# (hashable from 3.12; unhashable before).
frame = bytes([0x7e, 0x00, 0x0a, 0x90, 0x13, 0xa2, 0x00, 0x40, 0x52, 0x2b, 0xaa, 0xff, 0xfe])
length = int.from_bytes(frame[1:3], 'big')
address = int.from_bytes(frame[4:12], byteorder='big')
reading = int.from_bytes(frame[11:13], 'little', signed=True)
print(length, address, hex(address), reading)
print(int.from_bytes(frame[11:13], 'big', signed=True), int.from_bytes(frame[11:13], 'big'))
checksum = (0xff - sum(frame[3:12]) & 0xff) & 0xff
print(checksum, checksum.to_bytes(1, 'big'))

out = bytearray(b'\x7e')
out += (10).to_bytes(2, 'big')
out += (0x0013a200).to_bytes(4, byteorder='big')
out += (-2).to_bytes(2, 'little', signed=True)
print(out, len(out))
print((1024).to_bytes(2, 'big'), (1024).to_bytes(4, 'little'), (0).to_bytes(0, 'big'))
print((255).to_bytes(), (65).to_bytes(2), int.from_bytes(b'\x01\x00'), int.from_bytes(b'\x01\x00', 'little'))
print((2 ** 64).to_bytes(9, 'little'), int.from_bytes(b'\xff' * 12, 'big'), int.from_bytes(b'\xff' * 12, 'big', signed=True))
print((-128).to_bytes(1, 'big', signed=True), (127).to_bytes(1, 'big', signed=True), (-1).to_bytes(0, 'big', signed=True))
print(int.from_bytes([1, 2, 3], 'big'), int.from_bytes((255,), 'little', signed=True), int.from_bytes(range(4), 'big'))
print(int.from_bytes(bytearray(b'\x80\x00'), 'big', signed=True), int.from_bytes(b'', 'big'), int.from_bytes(b'', 'little', signed=True))
print(bool.from_bytes(b'\x01', 'big'), bool.from_bytes(b'\x00', 'big'), (5).from_bytes(b'\x02', 'big'), True.to_bytes(2, 'big'))
print(int.to_bytes(300, 2, 'big'), (300).to_bytes(length=2, byteorder='little'), int.from_bytes(bytes=b'\x10', byteorder='big'))
print(int.from_bytes(b'\x01', 'big', signed=1), (1).to_bytes(1, 'big', signed=[]))
print(type(int.from_bytes).__name__, type((1).to_bytes).__name__, int.from_bytes.__name__ if hasattr(int.from_bytes, '__name__') else '')
value = 123456789
for order in ('big', 'little'):
    for size in (4, 8):
        b = value.to_bytes(size, order)
        print(order, size, b, int.from_bytes(b, order) == value)

errors = [
    lambda: (256).to_bytes(1, 'big'),
    lambda: (-1).to_bytes(1, 'big'),
    lambda: (128).to_bytes(1, 'big', signed=True),
    lambda: (-129).to_bytes(1, 'big', signed=True),
    lambda: (-2).to_bytes(0, 'big', signed=True),
    lambda: (1).to_bytes(1, 'middle'),
    lambda: int.from_bytes(b'a', 'middle'),
    lambda: int.from_bytes('abc', 'big'),
    lambda: int.from_bytes(5, 'big'),
    lambda: int.from_bytes([256], 'big'),
    lambda: int.from_bytes([1, 'a'], 'big'),
    lambda: (1).to_bytes(-1, 'big'),
    lambda: (1).to_bytes('2', 'big'),
    lambda: (1).to_bytes(2, 'big', True),
    lambda: int.from_bytes(b'a', 'big', True),
    lambda: (1).to_bytes(1, 'big', signed=True, x=1),
    lambda: (1).to_bytes(1, 'big', x=1),
    lambda: int.from_bytes(b'a', 'big', x=1),
    lambda: (1).to_bytes(1, length=1),
    lambda: int.from_bytes(),
    lambda: (1).to_bytes(1, 5),
    lambda: (1).to_bytes(1, byteorder=None),
    lambda: (1).to_bytes(2 ** 70, 'big'),
    lambda: (1.5).to_bytes(1, 'big'),
]
for i, f in enumerate(errors):
    try:
        print(i, 'no error', f())
    except (OverflowError, ValueError, TypeError, AttributeError) as e:
        print(i, type(e).__name__, e)

# slices as dict keys: 3.12 hashes them, 3.11 refuses
try:
    table = {slice(0, 2): 'head', slice(2, None): 'tail'}
    print(table[slice(0, 2)], table[slice(2, None, None)], len(table), slice(0, 2) in table)
    print(list(table.values()))
except TypeError as e:
    print('TypeError', e)
try:
    {}[slice(1)]
except (TypeError, KeyError) as e:
    print(type(e).__name__, e)
