"""pytest fixtures for a hardware-in-the-loop rig talking to a gateway's serial console,
real or simulated. Point MEMSIM_CONSOLE at what pyserial should open:
  socket://127.0.0.1:4000         memsim serve --tcp 127.0.0.1:4000
  /tmp/memsim-pty-XXXX/rig        memsim serve --pty (the path it prints)
  /dev/ttyUSB0                    a real gateway, or memsim serve --serial on the other end
"""
import os
import time

import pytest
import serial

PROMPT = b'#> '


class GatewayConsole(object):
    """Commands in, answers out, the way rigs talk to a gateway: wait for the prompt."""

    def __init__(self, url, baud=9600, timeout=10.0):
        self.port = serial.serial_for_url(url, baudrate=baud, timeout=0.2)
        self.timeout = timeout
        self.sync()

    def read_until_prompt(self, nudge=False):
        deadline = time.time() + self.timeout
        quiet = time.time()
        data = b''
        while not data.endswith(PROMPT):
            if time.time() > deadline:
                raise AssertionError('no prompt from the gateway; got %r' % data[-200:])
            chunk = self.port.read(1)
            if chunk:
                data += chunk
                quiet = time.time()
            elif nudge and time.time() - quiet > 0.5:
                self.port.write(b'\r\n')
                quiet = time.time()
        return data.decode('latin-1')

    def sync(self):
        """Press Enter until the console shows a fresh prompt and nothing else is pending."""
        self.read_until_prompt(nudge=True)
        time.sleep(0.3)
        self.port.reset_input_buffer()
        self.port.write(b'\r\n')
        self.read_until_prompt()

    def ask(self, command):
        """Sends a command; returns its answer lines (echo and prompt removed)."""
        self.port.write(command.encode('ascii') + b'\r\n')
        lines = self.read_until_prompt()[:-len(PROMPT)].split('\r\n')
        if lines and lines[0] == command:
            lines = lines[1:]
        return [l for l in lines if l]

    def close(self):
        self.port.close()


@pytest.fixture
def gateway():
    url = os.environ.get('MEMSIM_CONSOLE')
    if not url:
        pytest.skip('set MEMSIM_CONSOLE to the console to test (see conftest.py)')
    console = GatewayConsole(url, baud=int(os.environ.get('MEMSIM_BAUD', '9600')))
    console.ask('format text')
    # memsim only: stop virtual time, so that the tests decide how much of it passes
    # (`advance`); a real gateway answers "unknown command", which is harmless here.
    console.ask('pause')
    yield console
    console.close()
