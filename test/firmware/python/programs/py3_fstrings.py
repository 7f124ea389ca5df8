# f-strings: expressions, method calls, subscripts with the other quote, conversions,
# format specs, nested replacement fields in specs, `=` debugging specifier, escaped
# braces, multi-line and concatenated f-strings.
name = 'sensor'
value = 21.456
count = 7
items = [3, 1, 2]
cfg = {'mode': 'fast', 'level': 3}
class Reading:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return 'Reading(%r)' % self.v
    def __str__(self):
        return 'R=%s' % self.v
r = Reading(5)
print(f'{name} {value} {count}')
print(f'{name.upper()} {len(items)} {sorted(items)} {items[-1]} {cfg["mode"]} {cfg["level"] + 1}')
print(f'{value:.1f} {value:8.2f}| {count:03d} {count:>4} {count:<4}| {name:^10}|')
print(f'{r} {r!r} {r!s} {name!r} {"quoted"!r}')
print(f'{count * 2 + 1} {count // 2} {count % 3} {2 ** count} {-count}')
print(f'{count if count > 5 else 0} {"yes" if items else "no"} {[i * i for i in items]}')
width, prec = 10, 3
print(f'[{value:{width}.{prec}f}] [{name:>{width}}] [{count:{"0"}{width}d}]')
print(f'{{braces}} {{{count}}} {"{}"}')
print(f'{count=} {value=:.2f} {name = } {items[0]=}')
print(f'{255:x} {255:#o} {255:b} {1234567:,} {0.25:%} {1e-7:g} {12345.6789:.3e}')
print(f'{True} {None} {1.0} {0.1 + 0.2} {10 ** 20} {2 ** 0.5:.4f}')
msg = (f'{name}: '
       f'{value:.0f} '
       'plain {not a field} '
       f'{count}')
print(msg)
print(f'''triple {name}
second line {count}''')
def fmt(v, unit='C'):
    return f'{v:+.1f}{unit}'
print(fmt(3), fmt(-2.25, 'F'), [fmt(t) for t in (0, 100)])
rows = [('eth0', 1500, 0.5), ('ppp0', 1492, 12.25)]
for iface, mtu, load in rows:
    print(f'{iface:<6}|{mtu:>6}|{load:>7.2%}|')
print(f'{"nested " + f"{count}"}', f'{len(f"{name}{name}")}')
print(f'{sorted(cfg)}', f'{items}', f'{(1, 2)}', f'{ {"k": 1}["k"] }')
x = 3
print(f'{x!r:>5}|{str(x):*<4}|{x:{"^"}5}|')
print(f'{3.0:g} {3.10:.2f} {1/3:.5} {-0.0} {abs(-0.0)}')
