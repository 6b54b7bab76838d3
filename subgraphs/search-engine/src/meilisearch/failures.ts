import { HubError, type logger } from '@welcome-hub/kit';
import {
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  MeilisearchTaskTimeOutError,
} from 'meilisearch';
import { SearchUnavailableError } from '../port.js';

/**
 * How the adapter turns Meilisearch's failures into the port's: every failure becomes
 * SearchUnavailableError with a short reason (never a URL or key), and only what points
 * at a bug of ours (a filter it rejects, an answer we cannot read) is logged; an outage
 * is the relay's and the health check's to report.
 */

/** Where the adapter logs: kit's structured logger, or a stand-in (tests). */
export type MeilisearchLog = Pick<typeof logger, 'error'>;

/** Error codes meaning the filter we built was rejected: a bug of ours, not an outage. */
export const FILTER_BUG_CODES = new Set(['invalid_search_filter', 'invalid_document_filter']);

/** Why a call failed, short and without secrets (no URL, key or request details). */
export function failureReason(error: unknown): string {
  if (error instanceof MeilisearchApiError) {
    const code = error.cause?.code;
    return `Meilisearch answered ${error.response.status}${code ? ` ${code}` : ''}`;
  }
  if (error instanceof MeilisearchTaskTimeOutError) {
    return `task ${error.cause.taskUid} unfinished after ${error.cause.timeout} ms`;
  }
  if (error instanceof MeilisearchRequestError) {
    return error.cause instanceof MeilisearchRequestTimeOutError
      ? `no answer within ${error.cause.cause.timeout} ms`
      : 'Meilisearch unreachable';
  }
  return 'unexpected failure';
}

/** The code of a refusal Meilisearch answered with, if it was one. */
export function apiErrorCode(error: unknown): string | undefined {
  return error instanceof MeilisearchApiError ? error.cause?.code : undefined;
}

/** Runs a Meilisearch call; any failure becomes SearchUnavailableError, the hub's own errors pass. */
export async function guarded<T>(
  log: MeilisearchLog,
  action: string,
  work: () => Promise<T>,
  filter?: unknown,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HubError) throw error;
    const code = apiErrorCode(error);
    const reason = error instanceof Error ? error.message : String(error);
    if (code && FILTER_BUG_CODES.has(code)) {
      log.error({ action, filter, code, reason }, 'Meilisearch rejected a filter the hub built (a bug)');
    } else if (!(error instanceof Error && error.name.startsWith('Meilisearch'))) {
      log.error({ action, err: error }, `unexpected failure while ${action}`);
    }
    throw new SearchUnavailableError(`${action}: ${failureReason(error)}`);
  }
}

/** A response we cannot read means Meilisearch (or the index) is not what we expect: unavailable, and worth a log. */
export function mappedResponse<T>(log: MeilisearchLog, map: () => T): T {
  try {
    return map();
  } catch (error) {
    log.error({ reason: error instanceof Error ? error.message : String(error) }, 'unexpected Meilisearch response');
    throw new SearchUnavailableError('unexpected Meilisearch response');
  }
}
