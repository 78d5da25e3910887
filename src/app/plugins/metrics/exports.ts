/**
 * The exports' slots in /metrics: how many stream now and how many wait for a slot
 * (EXPORTS_IN_FLIGHT, EXPORT_QUEUE_SIZE), so an operator sees exports queueing before clients
 * see 503s. Registered on the server's registry beside the GraphQL admission queue.
 */
import { Gauge, type Registry } from 'prom-client';
import type { ExportSlots } from '../../../features/export/slots';

export function exportSlotMetrics(registry: Registry, slots: ExportSlots): void {
  new Gauge({
    name: 'coopgraph_exports_in_flight',
    help: 'Exports streaming now (EXPORTS_IN_FLIGHT at most)',
    registers: [registry],
    collect() {
      this.set(slots.inFlight);
    },
  });
  new Gauge({
    name: 'coopgraph_exports_queued',
    help: 'Exports waiting for a slot now (EXPORT_QUEUE_SIZE refuses more)',
    registers: [registry],
    collect() {
      this.set(slots.queued);
    },
  });
}
