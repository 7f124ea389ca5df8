# A once-a-day chore, as in the seed article: every five minutes a reading joins thirty
# days of history; once a day the app evaluates all of it, builds an XML-like report from
# sorted copies (well over 800 KB of temporary lists and rows, whose rows point back at
# their report) and sends it. The scenario piggy-backs a collection on the report event.
import device

history = []


def sample(name):
    n = len(history)
    history.append((n % 288, 20.0 + (n % 37) * 0.25))
    if len(history) > 8640:
        del history[0]


class Row(object):
    def __init__(self, report, when, value):
        self.report = report
        self.when = when
        self.value = value


class Report(object):
    def __init__(self):
        self.rows = []


def daily(name):
    report = Report()
    by_value = sorted(history, key=lambda r: r[1])
    by_time = sorted(history)
    for when, value in by_value:
        report.rows.append(Row(report, when, value))
    text = ''.join(['<r t="%d" v="%.2f"/>' % (r.when, r.value) for r in report.rows])
    return len(text) + len(by_time)


device.on('sample', sample)
device.on('report', daily)
