// Proves realistic device scripts (Digi's GC example, a Python 2 gateway loop, Python 3 event handlers) parse into the expected statements.
import { describe, expect, it } from 'vitest';
import type { FunctionDef, Stmt } from '../../../../firmware/python/syntax/index.js';
import { DIGI_GC_EXAMPLE, EVENTS_PY3, GATEWAY_LOOP_PY2, WATCHDOG_PY3 } from './device-scripts.js';
import { parseErrors, parseOk } from './helpers.js';

function find(body: Stmt[], kind: string, name?: string): Stmt {
  const s = body.find((x) => x.kind === kind && (name === undefined || ('name' in x && x.name === name)));
  if (!s) return expect.fail(`no ${kind} ${name ?? ''}`);
  return s;
}

describe('device scripts', () => {
  it("parses Digi's garbage-collector example (Python 2)", () => {
    const m = parseOk(DIGI_GC_EXAMPLE, 2);
    expect(m.body.map((s) => [s.kind, s.line])).toEqual([
      ['Import', 1],
      ['FunctionDef', 2],
      ['FunctionDef', 5],
      ['If', 13],
    ]);
    const main = m.body[2] as FunctionDef;
    expect(main.body.map((s) => s.kind)).toEqual(['Assign', 'Print', 'Print', 'For', 'Assign', 'Print']);
    expect(main.body[1]).toMatchObject({
      kind: 'Print',
      line: 7,
      col: 5,
      trailingComma: false,
      values: [{ kind: 'BinOp', op: '%', left: { kind: 'Str', value: 'Garbage collector: collected %d objects.' }, right: { kind: 'Name', id: 'collected', line: 7, col: 57 } }],
    });
    expect(m.body[1]).toMatchObject({ body: [{}, { kind: 'Assign', targets: [{ kind: 'Subscript', value: { id: 'l' } }], value: { id: 'l' } }] });
  });

  it('rejects the Digi example under Python 3 at its first print statement', () => {
    expect(parseErrors(DIGI_GC_EXAMPLE, 3)).toEqual(["gw.py:7:5: Missing parentheses in call to 'print'. Did you mean print(...)?"]);
  });

  it('parses a Python 2 gateway loop with classes, try/except and the watchdog', () => {
    const m = parseOk(GATEWAY_LOOP_PY2, 2);
    expect(m.body[0]).toMatchObject({ kind: 'ExprStmt', value: { kind: 'Str' }, line: 2 });
    const sensor = find(m.body, 'ClassDef', 'Sensor');
    expect(sensor).toMatchObject({ bases: [{ id: 'object' }], body: [{ kind: 'Assign' }, { name: '__init__' }, { name: 'read' }, { name: '__del__' }] });
    const init = (sensor as { body: Stmt[] }).body[1] as FunctionDef;
    expect(init.params.map((p) => [p.name, p.default?.kind])).toEqual([['self', undefined], ['name', undefined], ['address', undefined], ['scale', 'Float']]);
    const main = find(m.body, 'FunctionDef', 'main') as FunctionDef;
    const loop = main.body[3]!;
    expect(loop).toMatchObject({ kind: 'While', test: { kind: 'Name', id: 'True' } });
    const tryStmt = (loop as { body: Stmt[] }).body[0] as { body: Stmt[] };
    expect(tryStmt.body[0]).toMatchObject({
      kind: 'Try',
      handlers: [
        { type: { id: 'SensorError' }, name: 'e', body: [{ kind: 'Print', dest: { kind: 'Attribute', attr: 'stderr' } }] },
        { type: { kind: 'Tuple' }, body: [{ kind: 'Print', trailingComma: true }, { kind: 'Print', values: [] }] },
      ],
      orelse: [{ kind: 'Pass' }],
    });
    expect(find(m.body, 'If')).toMatchObject({ branches: [{ body: [{ kind: 'Try', finalbody: [{ kind: 'ExprStmt' }] }] }] });
  });

  it('parses a Python 3 script with f-strings, closures and nonlocal', () => {
    const m = parseOk(EVENTS_PY3, 3);
    const counter = find(m.body, 'FunctionDef', 'make_counter') as FunctionDef;
    const bump = counter.body[1] as FunctionDef;
    expect(bump).toMatchObject({ name: 'bump', params: [], vararg: { name: 'args' }, body: [{ kind: 'Nonlocal', names: ['count'] }, { kind: 'AugAssign' }, { kind: 'If' }, { kind: 'Return' }] });
    const print = (bump.body[2] as { branches: { body: Stmt[] }[] }).branches[0]!.body[0]!;
    expect(print).toMatchObject({
      value: {
        kind: 'Call',
        args: [{
          kind: 'JoinedStr',
          parts: [
            { kind: 'FormattedValue', value: { id: 'label' } },
            { kind: 'Str', value: ': ' },
            { kind: 'FormattedValue', value: { id: 'count' } },
            { kind: 'Str', value: ' events, last=' },
            { kind: 'FormattedValue', value: { id: 'args' }, conversion: 'r' },
            { kind: 'Str', value: ', free=' },
            { kind: 'FormattedValue', value: { kind: 'Call' }, formatSpec: { parts: [{ value: '>8' }] } },
          ],
        }],
      },
    });
    const report = find(m.body, 'FunctionDef', 'report') as FunctionDef;
    expect(report.body.map((s) => s.kind)).toEqual(['Assign', 'Assign', 'Assign', 'With', 'Delete']);
    expect(report.body[1]).toMatchObject({ value: { kind: 'DictComp', key: { kind: 'JoinedStr' } } });
  });

  it('parses a Python 3 watchdog loop with one-line bodies and semicolons', () => {
    const m = parseOk(WATCHDOG_PY3, 3);
    expect(m.body.map((s) => s.kind)).toEqual(['Import', 'Assign', 'Assign', 'For', 'Assert']);
    expect(m.body[3]).toMatchObject({
      body: [{}, {}, { kind: 'If', branches: [{ body: [{ kind: 'ExprStmt' }, { kind: 'ExprStmt' }] }, { test: { kind: 'Compare', ops: ['in'] } }], orelse: [{ kind: 'Continue' }] }],
    });
  });
});
