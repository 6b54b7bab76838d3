import type { Handler } from '@welcome-hub/kit';

export interface ReadinessOptions {
  /** GraphQL URL of each subgraph, by name; its process serves /readyz at the same origin. */
  subgraphUrls: Record<string, string>;
  /** How long one subgraph may take to answer before it counts as down (default 2 s). */
  timeoutMs?: number;
}

async function subgraphReady(graphqlUrl: string, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(new URL('readyz', graphqlUrl), { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * The distributed gateway's /readyz: ready when every subgraph process answers its own
 * /readyz (its database answers), else 503 naming the subgraphs that do not. It asks the
 * plain HTTP route, not GraphQL, so it needs no signed request. The body has the shape
 * of the subgraphs' own readiness answer.
 */
export function readinessRoute(options: ReadinessOptions): Handler {
  const timeoutMs = options.timeoutMs ?? 2_000;
  return async (_req, res) => {
    const checks = await Promise.all(
      Object.entries(options.subgraphUrls).map(
        async ([name, url]) => [name, await subgraphReady(url, timeoutMs)] as const,
      ),
    );
    const down = checks.filter(([, ok]) => !ok).map(([name]) => name);
    const body = down.length === 0 ? { status: 'ready' } : { status: 'unavailable', unavailable: down };
    res.writeHead(down.length === 0 ? 200 : 503, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    });
    res.end(JSON.stringify({ ...body, subgraphs: Object.fromEntries(checks) }));
  };
}
