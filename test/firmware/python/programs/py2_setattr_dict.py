# Python 2: __setattr__ storing through self.__dict__ (new-style and classic classes).
class A(object):
    def __setattr__(self, name, value):
        self.__dict__[name] = value * 2


class C:
    def __setattr__(self, name, value):
        self.__dict__[name] = str(value)

    def __delattr__(self, name):
        print "del", name
        del self.__dict__[name]


a = A()
a.x = 4
print a.x
c = C()
c.y = 5
print repr(c.y)
del c.y
print hasattr(c, "y")
