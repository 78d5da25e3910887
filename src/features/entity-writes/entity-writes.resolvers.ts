/**
 * createEntity, updateEntity and addRelation: thin. Arguments are checked against the registry
 * (inputs.ts) before a transaction opens; the repository writes through the writer the app
 * composes from ingest (a feature does not import ingest). Who may call them is decided before
 * this runs (plugins/auth, @requiresRole).
 */
import type { RequestContext } from '../../core/graphql/context';
import { InvalidArgumentError } from '../../core/errors';
import type { MutationResolvers } from '../../generated/graphql';
import { citationStatement, entityId, entityStatement, idempotencyKeyOf, relationStatement } from './inputs';
import { defaultCuration, type CurationOptions } from '../curation/curation.resolvers';
import { EntityWriteRepository, requestHash, type StatementWriter, type Writer } from './entity-writes.repository';

function writerOf(context: RequestContext, args: { reason?: string | null; idempotencyKey?: string | null }): Writer {
  // The auth plugin lets no mutation through without a viewer; this only guards a misuse in-process.
  if (!context.viewer) throw new Error('a curation mutation ran without a viewer');
  const reason = args.reason === undefined || args.reason === null || args.reason.trim() === '' ? null : args.reason;
  return {
    subject: context.viewer.subject,
    reason,
    requestId: context.requestId ?? null,
    idempotencyKey: idempotencyKeyOf(args.idempotencyKey),
  };
}

export function entityWriteResolvers(
  write: StatementWriter,
  options: Pick<CurationOptions, 'idempotencyKeyTtlMs'> = defaultCuration,
): { Mutation: Pick<MutationResolvers, 'createEntity' | 'updateEntity' | 'addRelation'> } {
  const repository = (context: RequestContext) => new EntityWriteRepository(context.db, write, options.idempotencyKeyTtlMs);
  return {
    Mutation: {
      createEntity: async (_, args, context) => {
        const writer = writerOf(context, args);
        const statement = entityStatement(args.input, true);
        const id = entityId(args.id, 'id', statement.type);
        return repository(context).createEntity(id, statement, citationStatement(args.citation), writer, requestHash('createEntity', args));
      },
      updateEntity: async (_, args, context) => {
        const writer = writerOf(context, args);
        const statement = entityStatement(args.input, false);
        const id = entityId(args.id, 'id');
        const expected = args.expectedVersion ?? null;
        if (expected !== null && expected < 1)
          throw new InvalidArgumentError('expectedVersion', 'a version of 1 or more (Entity.version)', expected);
        return repository(context).updateEntity(
          id,
          statement,
          citationStatement(args.citation),
          expected,
          writer,
          requestHash('updateEntity', args),
        );
      },
      addRelation: async (_, args, context) => {
        const writer = writerOf(context, args);
        return repository(context).addRelation(
          args.type,
          relationStatement(args),
          citationStatement(args.citation),
          writer,
          requestHash('addRelation', args),
        );
      },
    },
  };
}
