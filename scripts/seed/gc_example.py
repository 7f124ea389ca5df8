import sys, gc
# The article's own line is `print "Garbage collection thresholds: %r" % gc.get_threshold()`,
# which raises TypeError ("not all arguments converted during string formatting") in every
# Python 2: a tuple on the right of % supplies one argument per conversion. Wrapping the tuple
# in a 1-tuple prints the line the article shows.
print "Garbage collection thresholds: %r" % (gc.get_threshold(),)
def make_cycle():
    l = { }
    l[0] = l
def main():
    collected = gc.collect()
    print "Garbage collector: collected %d objects." % (collected)
    print "Creating cycles..."
    for i in range(10):
        make_cycle()
    collected = gc.collect()
    print "Garbage collector: collected %d objects." % (collected)
if __name__ == "__main__":
    ret = main()
