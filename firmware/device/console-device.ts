// The device's side of the serial console: what `gc`, `mem`, `info`, `time` and `crashlog`
// answer, read from the running interpreter's memory manager. It has the shape of the
// console's ConsoleDevice (firmware/console declares it; the host joins the two).

import type { Memory } from '../memory/index.js';

export interface ConsoleSource {
  memory(): Memory;
  now(): number;
  info(): Record<string, string | number>;
  crashes(): { atS: number; kind: string; where: string; message: string }[];
  clearCrashes(): void;
}

export function consoleDeviceOf(src: ConsoleSource) {
  return {
    gcCollect: (generation: number) => src.memory().collector.collect(generation),
    gcCount: (): [number, number, number] | null => {
      const m = src.memory();
      if (!m.model.api.getCount) return null;
      const c = m.state.count;
      return [c[0]!, c[1]!, c[2]!];
    },
    gcThreshold: (): [number, number, number] => {
      const t = src.memory().state.threshold;
      return [t[0]!, t[1]!, t[2]!];
    },
    setGcThreshold: (t: [number, number, number]) => src.memory().state.setThreshold(t[0], t[1], t[2]),
    gcEnabled: () => src.memory().state.enabled,
    setGcEnabled: (on: boolean) => {
      src.memory().state.enabled = on;
    },
    gcStats: () => src.memory().state.stats.map((g) => ({ ...g })),
    mem: () => {
      const s = src.memory().pool.stats();
      return { poolBytes: s.poolBytes, usedBytes: s.usedBytes, freeBytes: s.freeBytes, largestFreeBlockBytes: s.largestFreeBlockBytes, fragmentation: s.fragmentation, peakBytes: s.peakUsedBytes };
    },
    info: () => src.info(),
    now: () => src.now(),
    crashlog: () => src.crashes(),
    clearCrashlog: () => src.clearCrashes(),
  };
}
