# The Python 2 print statement: several items, trailing comma (softspace), % formatting,
# empty print, items that end in a newline, and print inside loops and functions.
x, y = 3, 'four'
print x, y
print "a %d" % 5
print "%s-%s" % (x, y), "tail"
print
print 'no', 'newline',
print 'continued'
for i in xrange(4):
    print i,
print
print 'line ends with newline\n',
print 'next starts at column 0'
print 'tab\t',
print 'after tab'
print 1, 2.5, None, True, [1, 'a'], (1,), 'str'
print 'a' 'b' 'c'
print (1, 2)
print ()
print ('parenthesised')
print ('two', 'items')
def show(*items):
    for item in items:
        print item,
    print '|'
show(1, 2, 3)
show()
print "%d%%" % 50, "%5.2f" % 3.14159, "%-4s|" % 'ab'
print 10 / 3, 10 % 3, -10 / 3, 10.0 / 4
print repr('q'), str('q'), repr(42)
s = ''
for word in ['alpha', 'beta']:
    print word,
    s += word
print
print s
print 'x',
print
print 'y'
print '',
print 'z'
print "mixed", 1, "and", 2.0, "end"
print '%s' % [1, 2], '%r' % {'k': 1}
n = 0
while n < 3:
    print '*' * (n + 1)
    n += 1
print 'done',
