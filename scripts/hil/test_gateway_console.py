"""An example HIL suite: run it against `memsim serve ... scripts/seed/large-objects.yaml`
(the ConnectPort X4 app whose 64 KiB messages exhaust the pool) to see a rig fast-forward
virtual time, check memory and GC answers, and read the MemoryError's crash record:

    npx memsim serve --tcp 127.0.0.1:4000 scripts/seed/large-objects.yaml &
    MEMSIM_CONSOLE=socket://127.0.0.1:4000 python3 -m pytest scripts/hil
"""
import json
import re


def seconds(console):
    return float(re.match(r'([\d.]+) s since boot', console.ask('time')[0]).group(1))


def test_thresholds_are_the_seed_articles(gateway):
    assert gateway.ask('gc threshold') == ['(700, 10, 10)']


def test_manual_collection_answers_like_the_device(gateway):
    answer = gateway.ask('gc collect')
    assert re.match(r'Garbage collector: collected \d+ objects\.$', answer[0])


def test_virtual_time_can_be_fast_forwarded(gateway):
    before = seconds(gateway)
    assert gateway.ask('advance 30s')[0].startswith('advanced 30 s')
    assert seconds(gateway) >= before + 30


def test_memory_report_has_pool_and_largest_block(gateway):
    lines = gateway.ask('mem')
    assert lines[0].startswith('pool 6144 KiB')
    assert 'largest free block' in lines[1]


def test_large_messages_end_in_a_memory_error_with_a_crash_record(gateway):
    # Messages arrive every second; two minutes are more than the pool holds.
    gateway.ask('advance 2m')
    records = gateway.ask('crashlog')
    assert any('MemoryError at large_objects.py' in r for r in records), records


def test_json_answers_are_one_line_each(gateway):
    gateway.ask('format json')
    answer = gateway.ask('gc stats')
    assert len(answer) == 1
    reply = json.loads(answer[0])
    assert reply['ok'] is True and reply['cmd'] == 'gc stats'
    assert len(reply['result']['generations']) == 3
    gateway.ask('format text')
