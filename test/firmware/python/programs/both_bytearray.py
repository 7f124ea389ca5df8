from __future__ import print_function
# bytearray as gateway code uses it for frames: slices, in-place growth, searching.
ba = bytearray(b"hello world")
ba[0:5] = b"HELLO"
print(repr(ba))
del ba[5:6]
print(repr(ba), len(ba))
alias = ba
ba += b"!!"
print(alias is ba, repr(alias))
ba.extend(b"xy")
ba.insert(0, 62)
ba.remove(ord("x"))
print(repr(ba))
print(ba.find(b"world"), ba.count(b"l"), ba.startswith(b">H"), ba.endswith(b"y"), ba.index(b"o"))
print(repr(ba.split(b" ")), repr(ba.upper()), repr(ba.strip(b">y")))
print(repr(ba + b"?"), repr(b"<" + ba), repr(bytearray(b"ab") * 3))
print(b"world" in ba, 111 in ba, 7 in ba)
ba.reverse()
print(repr(ba))
frame = bytearray()
frame.append(0x7E)
frame.extend([0x00, 0x04])
frame += bytearray([0x10, 0x01])
print(repr(frame), sum(frame) & 0xFF, frame == bytearray(b"\x7e\x00\x04\x10\x01"))
del frame[0]
frame[1:3] = [9, 9, 9]
print(repr(frame), frame[-1], repr(frame[::2]))
big = bytearray(300000)
print(len(big), repr(big[:4]), big.count(b"\x00"))
