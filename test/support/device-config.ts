// A device run configuration from a shipped profile, for tests that drive firmware/device's
// Device directly (without a scenario file).
import type { AppSpec, DeviceRunConfig } from '../../firmware/device/device.js';
import { loadProfile } from '../../src/profiles/profiles.js';

export function deviceConfig(apps: AppSpec[], durationS: number, profileId = 'connectport-x4'): DeviceRunConfig {
  const p = loadProfile(profileId);
  return {
    spec: {
      id: p.id, python: p.python, gcModel: p.gcModel, wordBytes: p.wordBytes, poolBytes: p.poolBytes,
      collectOnAllocFailure: p.collectOnAllocFailure, startupTrackedObjects: p.startupTrackedObjects ?? 0,
      ticksPerSecond: p.ticksPerSecond ?? 1_000_000, gcCostNs: p.gcCostNs ?? { perObject: 0, perEdge: 0, perCollection: 0 },
      allocCostNs: p.allocCostNs ?? { alloc: 0, free: 0 }, lowMemoryRebootBytes: 0,
    },
    apps, policy: { afterStartup: false, everyS: null, on: [], disableAutomatic: false }, events: [], durationS, seed: 1, watchdogS: 60, maxReboots: 10,
  };
}

export const app = (file: string, source: string, onexit: AppSpec['onexit'] = 'none'): AppSpec => ({ file, source, args: [], onexit });
