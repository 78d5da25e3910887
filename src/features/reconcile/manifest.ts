/**
 * The service manifest (Reconciliation Service API 0.2): what OpenRefine reads when the service
 * is added, from the registry (its entity types are the default types) and the address the
 * client used (the preview, suggest and view URLs must be absolute for it to call them).
 *
 * Identifiers are the graph's own ids (agency:asan-xidmet). The identifier space is the prefix
 * that makes them the IRIs of the JSON-LD export (urn:coopgraph:agency:asan-xidmet), the schema
 * space the export's vocabulary, so a column reconciled here joins the linked-data export.
 */
import type http from 'node:http';
import { entitySpec, entityTypeNames, type EntityTypeName } from '../../core/model/registry';
import { maxBatchSize } from './queries';

export const identifierSpace = 'urn:coopgraph:';
export const schemaSpace = 'urn:coopgraph:vocab:';

/** Where the service's pieces are, below its address. */
export const reconcilePaths = {
  service: '/reconcile',
  preview: '/reconcile/preview',
  suggestEntity: '/reconcile/suggest/entity',
  suggestType: '/reconcile/suggest/type',
  suggestProperty: '/reconcile/suggest/property',
} as const;

/** The preview card's size in OpenRefine's pop-up, in pixels. */
export const previewSize = { width: 420, height: 200 };

/** A type as the API names it: its registry name as id, in words as name (ServiceCenter: "Service center"). */
export function typeOf(type: EntityTypeName): { id: string; name: string } {
  const words = type.replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase();
  return { id: type, name: words.charAt(0).toUpperCase() + words.slice(1) };
}

/** Every type, with what its entities are in the graph (its list query), for suggest and the manifest. */
export const reconcileTypes = entityTypeNames.map((type) => ({
  ...typeOf(type),
  description: `An entity of Query.${entitySpec(type).listField} (ids ${entitySpec(type).idPrefix}:<slug>)`,
}));

/**
 * The address the client reached the service at: a proxy's X-Forwarded-Proto and the Host
 * header, or http://localhost when the header is missing or not a host name.
 */
export function serviceBase(request: http.IncomingMessage): string {
  const forwarded = String(request.headers['x-forwarded-proto'] ?? '')
    .split(',')[0]!
    .trim();
  const protocol = forwarded === 'https' || forwarded === 'http' ? forwarded : 'http';
  const host = request.headers.host ?? '';
  return `${protocol}://${/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host) ? host : 'localhost'}`;
}

/** The manifest for a service reached at `base` (serviceBase). */
export function serviceManifest(base: string, serviceVersion: string): Record<string, unknown> {
  const service = { service_url: base };
  return {
    versions: ['0.2'],
    name: 'coopgraph: international cooperation (agencies, countries, officials, memoranda, centres, trainings, events)',
    identifierSpace,
    schemaSpace,
    documentation: `${base}/docs`,
    serviceVersion,
    defaultTypes: reconcileTypes.map(({ id, name }) => ({ id, name })),
    view: { url: `${base}/explore#center={{id}}` },
    preview: { url: `${base}${reconcilePaths.preview}?id={{id}}`, ...previewSize },
    suggest: {
      entity: { ...service, service_path: reconcilePaths.suggestEntity },
      type: { ...service, service_path: reconcilePaths.suggestType },
      property: { ...service, service_path: reconcilePaths.suggestProperty },
    },
    batchSize: maxBatchSize,
  };
}
