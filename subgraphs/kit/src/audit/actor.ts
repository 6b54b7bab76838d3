import type { EntityManager } from '@mikro-orm/core';
import { subjectOf, type Caller } from '../auth/caller.js';

/** Who a flush writes for, as the audit trail records it. */
export interface AuditActor {
  /** The token subject, 'anonymous', or 'system'. */
  subject: string;
  /** The partner client (issue 12's client credentials); null until clients exist. */
  client: string | null;
}

/** Writes outside any request: seeds through the ORM, relays, scripts. */
export const SYSTEM_ACTOR: Readonly<AuditActor> = Object.freeze({ subject: 'system', client: null });

const ACTOR_KEY = 'auditActor';

export function auditActorOf(caller: Caller): AuditActor {
  return { subject: subjectOf(caller), client: null };
}

/**
 * A fork of `em` whose flushes the audit trail records as `caller`'s: each request's entity
 * manager (server/subgraph.ts). The actor rides in the fork's logger context because
 * MikroORM copies that into every fork made from it, the one `em.transactional` opens
 * included, and hands the flushing entity manager to the subscriber; so the actor follows
 * the unit of work and nothing else. An AsyncLocalStorage would work too, but relies on
 * every layer between the HTTP request and the flush (Apollo, DataLoader batches, the
 * embedded gateway's in-process calls) keeping the async context, and a write that escapes
 * it would be attributed silently to 'system' or, worse, to another request. It also puts
 * the subject beside every logged statement of the request.
 */
export function forkFor<E extends EntityManager>(em: E, caller: Caller): E {
  return em.fork({ loggerContext: { [ACTOR_KEY]: auditActorOf(caller) } }) as E;
}

/** Who a flush of `em` writes for: the caller it was forked for, else SYSTEM_ACTOR. */
export function flushActor(em: EntityManager): AuditActor {
  const actor = em.getLoggerContext({ disableContextResolution: true })[ACTOR_KEY] as AuditActor | undefined;
  return actor ?? SYSTEM_ACTOR;
}
