"""Round trips of a console command as a pyserial rig sees them: sends COMMAND, reads until
the prompt, ROUNDS times after a warm-up. Usage: console_latency.py URL COMMAND ROUNDS.
Prints one JSON object: {"p50Ms": ..., "p99Ms": ..., "perSecond": ...}."""
import json
import sys
import time

import serial

PROMPT = b'#> '


def main():
    url, command, rounds = sys.argv[1], sys.argv[2].encode('ascii') + b'\r\n', int(sys.argv[3])
    port = serial.serial_for_url(url, timeout=5)
    port.write(b'\r\n')
    read_prompt(port)
    time.sleep(0.2)
    port.reset_input_buffer()

    def ask():
        port.write(command)
        read_prompt(port)

    for _ in range(50):
        ask()
    times = []
    start = time.perf_counter()
    for _ in range(rounds):
        t = time.perf_counter()
        ask()
        times.append((time.perf_counter() - t) * 1000)
    total = time.perf_counter() - start
    times.sort()
    pick = lambda p: times[min(len(times) - 1, max(0, int(-(-p * len(times) // 1)) - 1))]
    print(json.dumps({'p50Ms': pick(0.5), 'p99Ms': pick(0.99), 'perSecond': rounds / total}))


def read_prompt(port):
    data = b''
    while not data.endswith(PROMPT):
        chunk = port.read(port.in_waiting or 1)
        if not chunk:
            raise RuntimeError('no prompt; got %r' % data[-200:])
        data += chunk
    return data


if __name__ == '__main__':
    main()
