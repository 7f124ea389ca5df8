from __future__ import print_function
# Automatic collection switched off with gc.disable(); the application collects by hand every
# 400 iterations (the seed article's time- or event-based strategy). Then the collector is
# switched back on and a second phase collects by hand only every 2000 iterations.
import gc


class Session(object):
    def __init__(self, ident):
        self.ident = ident
        self.buffer = [ident, ident + 1, ident + 2]
        self.server = None


class Server(object):
    def __init__(self):
        self.sessions = []


def serve(n, every, start):
    manual = 0
    total = 0
    for i in range(n):
        server = Server()
        s = Session(start + i)
        s.server = server
        server.sessions.append(s)
        total += len(server.sessions[0].buffer)
        if (i + 1) % every == 0:
            gc.collect()
            manual += 1
    return manual, total


def main():
    gc.disable()
    manual, total = serve(12000, 400, 0)
    print("disabled: %d manual collections, total %d, enabled %r" % (manual, total, gc.isenabled()))
    gc.enable()
    manual, total = serve(8000, 2000, 12000)
    print("enabled: %d manual collections, total %d, enabled %r" % (manual, total, gc.isenabled()))


if __name__ == '__main__':
    main()
