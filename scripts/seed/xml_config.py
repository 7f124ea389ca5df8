# Start-up that reads an XML configuration, as in the seed article: the parser builds a
# tree whose elements point at their parents (cycles), the app keeps only the settings it
# needs, and drops the tree. About 1.5 MB of temporaries stay in the pool until a
# collection reaches them; afterwards the app is quiet and allocates little, so without a
# manual collection nothing says when that will be.
import time


def make_xml(n):
    parts = ['<config>']
    for i in range(n):
        parts.append('<device id="%d" name="sensor-%d" rate="%d"><param key="a" value="%d"/><param key="b" value="%d"/></device>' % (i, i, i % 60, i * 2, i * 3))
    parts.append('</config>')
    return ''.join(parts)


class Element(object):
    def __init__(self, tag, parent):
        self.tag = tag
        self.parent = parent
        self.attrs = {}
        self.children = []
        if parent is not None:
            parent.children.append(self)


def parse(text):
    root = None
    node = None
    pos = 0
    while True:
        start = text.find('<', pos)
        if start < 0:
            break
        end = text.find('>', start)
        body = text[start + 1:end]
        pos = end + 1
        if body.startswith('/'):
            node = node.parent
            continue
        closed = body.endswith('/')
        if closed:
            body = body[:-1]
        fields = body.split(' ')
        el = Element(fields[0], node)
        for f in fields[1:]:
            kv = f.split('=')
            el.attrs[kv[0]] = kv[1].strip('"')
        if root is None:
            root = el
        if not closed:
            node = el
    return root


def configure():
    settings = {}
    tree = parse(make_xml(950))
    for dev in tree.children:
        settings[dev.attrs['id']] = (dev.attrs['name'], int(dev.attrs['rate']))
    return settings


settings = configure()
print "configured %d devices" % len(settings)
while True:
    time.sleep(60)
