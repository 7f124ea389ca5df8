// The 30-day gateway scenarios: wall time of a whole run and the simulated-to-wall time
// ratio (target: each under 60 s on a 2-core machine). One run each: they take seconds.
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { loadScenario } from '../../src/scenario/scenario.js';
import { runScenario } from '../../src/scenario/run-scenario.js';

const GATEWAY = fileURLToPath(new URL('../../../scripts/gateway/', import.meta.url));

export interface ScenarioTiming {
  scenario: string;
  wallS: number;
  simulatedS: number;
  outcome: string;
}

export function benchScenarios(): ScenarioTiming[] {
  return ['xbee-relay-30d.yaml', 'dia-gateway-30d.yaml', 'relay-and-monitor-30d.yaml'].map((name) => {
    const scenario = loadScenario(join(GATEWAY, name));
    const t0 = performance.now();
    const summary = runScenario(scenario);
    const wallS = (performance.now() - t0) / 1000;
    return { scenario: name, wallS, simulatedS: summary.time.endS, outcome: summary.outcome };
  });
}
