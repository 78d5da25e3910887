/**
 * How long Node's event loop was kept from turning (perf_hooks.monitorEventLoopDelay): while it
 * is blocked, no request is read, no timer fires (deadlines included) and /health is silent. Read
 * in windows of a second: gauges for the last window's p50, p99 and worst delay, and a histogram
 * of each window's worst delay, which never resets, so any scraper (or a test) can tell how many
 * seconds had a delay past a bound (`_count` minus the bucket at that bound).
 *
 * prom-client's own nodejs_eventloop_lag_* gauges reset at every scrape, so two scrapers see
 * halves; these do not depend on who scrapes.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Gauge, Histogram, type Registry } from 'prom-client';

/** The sampling interval, in ms: the monitor's values include it, and it is taken off. */
const resolutionMs = 10;
/** The window each gauge reading and histogram observation covers, in ms. */
export const eventLoopWindowMs = 1000;

/** Registers the event-loop delay metrics on `registry`; returns what stops sampling. */
export function eventLoopDelayMetrics(registry: Registry): () => void {
  const monitor = monitorEventLoopDelay({ resolution: resolutionMs });
  monitor.enable();
  const gauge = (name: string, what: string) =>
    new Gauge({
      name: `coopgraph_event_loop_delay_${name}_seconds`,
      help: `${what} event-loop delay of the last second`,
      registers: [registry],
    });
  const p50 = gauge('p50', 'Median');
  const p99 = gauge('p99', '99th percentile');
  const max = gauge('max', 'Worst');
  const windows = new Histogram({
    name: 'coopgraph_event_loop_delay_seconds',
    help: 'The worst event-loop delay of each second (perf_hooks.monitorEventLoopDelay): a second above 0.2 is one in which Node blocked for more than 200 ms',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const seconds = (nanoseconds: number) => Math.max(0, nanoseconds / 1e6 - resolutionMs) / 1000;
  const timer = setInterval(() => {
    // No sample yet (a window shorter than the resolution): nothing to report.
    if (monitor.count === 0) return;
    p50.set(seconds(monitor.percentile(50)));
    p99.set(seconds(monitor.percentile(99)));
    max.set(seconds(monitor.max));
    windows.observe(seconds(monitor.max));
    monitor.reset();
  }, eventLoopWindowMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    monitor.disable();
  };
}
