"""A test rig's view of memsim's serial console: pyserial over socket://, waiting for
the prompt the way rigs do. Usage: console_client.py URL CMD [CMD ...]; prints one JSON
object: {"banner": text, "answers": [text, ...]}."""
import json
import sys
import time

import serial

PROMPT = b'#> '


def read_until_prompt(port, timeout=10.0, nudge=False):
    deadline = time.time() + timeout
    quiet_since = time.time()
    data = b''
    while not data.endswith(PROMPT):
        if time.time() > deadline:
            raise RuntimeError('no prompt; got %r' % data[-200:])
        chunk = port.read(1)
        if chunk:
            data += chunk
            quiet_since = time.time()
        elif nudge and time.time() - quiet_since > 0.5:
            # A serial line opened after the banner shows nothing: press Enter, as people do.
            port.write(b'\r\n')
            quiet_since = time.time()
    return data


def main():
    url = sys.argv[1]
    port = serial.serial_for_url(url, timeout=0.2)
    banner = read_until_prompt(port, nudge=True)
    # Like a rig after power-on: let boot messages pass, then sync on a fresh prompt.
    time.sleep(0.3)
    port.reset_input_buffer()
    port.write(b'\r\n')
    read_until_prompt(port)
    answers = []
    for cmd in sys.argv[2:]:
        port.write(cmd.encode('ascii') + b'\r\n')
        raw = read_until_prompt(port)
        text = raw.decode('latin-1')
        # Drop the echo of the command line and the trailing prompt.
        lines = text.split('\r\n')
        if lines and lines[0] == cmd:
            lines = lines[1:]
        answers.append('\r\n'.join(lines)[:-len(PROMPT)] if lines else '')
    port.close()
    print(json.dumps({'banner': banner.decode('latin-1'), 'answers': answers}))


if __name__ == '__main__':
    main()
