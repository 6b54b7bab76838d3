import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Orm } from '../db/orm.js';
import { OUTBOX_TABLE } from '../search/outbox.js';
import { logger } from './logger.js';
import { processRegistry } from './metrics.js';

type OperationLabels = 'subgraph' | 'operation' | 'outcome';

/** The metrics every subgraph records, labelled by subgraph, so one registry holds several subgraphs. */
export interface SubgraphMetrics {
  /** GraphQL operations served, by subgraph, operation name and outcome (success, error). */
  operations: Counter<OperationLabels>;
  /** How long they took, in seconds. */
  duration: Histogram<OperationLabels>;
  /**
   * Reports the subgraph's search outbox (rows waiting, age of the oldest) at every scrape,
   * until the returned function is called (the runtime closes).
   */
  watchOutbox(subgraph: string, orm: Orm, schema: string): () => void;
}

interface OutboxSource {
  orm: Orm;
  schema: string;
}

interface OutboxSample {
  subgraph: string;
  backlog: number;
  lagSeconds: number;
}

const bySubgraphRegistry = new WeakMap<Registry, SubgraphMetrics>();

async function sampleOutbox(subgraph: string, { orm, schema }: OutboxSource): Promise<OutboxSample | null> {
  const sql = `select count(*)::int as n, coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as age
    from "${schema}"."${OUTBOX_TABLE}"`;
  try {
    const [row] = (await orm.em.getConnection().execute(sql)) as { n: number; age: number }[];
    return { subgraph, backlog: Number(row?.n ?? 0), lagSeconds: Math.max(0, Number(row?.age ?? 0)) };
  } catch (error) {
    // A scrape while the database is away still answers, without these two series.
    logger.debug({ err: error, subgraph }, 'search outbox not measured');
    return null;
  }
}

function createSubgraphMetrics(registry: Registry): SubgraphMetrics {
  const sources = new Map<string, OutboxSource>();
  // A scrape collects both outbox gauges at once (prom-client collects in parallel): the
  // sample in flight serves both, one query per subgraph; the next scrape samples anew.
  let inFlight: Promise<(OutboxSample | null)[]> | undefined;
  const samples = () => {
    inFlight ??= Promise.all([...sources].map(([name, source]) => sampleOutbox(name, source))).finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
  const labelNames: OperationLabels[] = ['subgraph', 'operation', 'outcome'];
  registerOutboxGauges(registry, samples);
  return {
    operations: new Counter({
      name: 'hub_subgraph_operations_total',
      help: 'GraphQL operations a subgraph served, by operation name and outcome',
      labelNames,
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'hub_subgraph_operation_duration_seconds',
      help: 'Time a subgraph took to serve a GraphQL operation',
      labelNames,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    watchOutbox(subgraph, orm, schema) {
      sources.set(subgraph, { orm, schema });
      return () => {
        if (sources.get(subgraph)?.orm === orm) sources.delete(subgraph);
      };
    },
  };
}

/**
 * The search outbox, read at scrape time: rows waiting to reach the index (backlog) and
 * how old the oldest is (index lag: how far search is behind the databases).
 */
function registerOutboxGauges(registry: Registry, samples: () => Promise<(OutboxSample | null)[]>): void {
  const gauge = (name: string, help: string, value: (s: OutboxSample) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['subgraph'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const sample of await samples()) if (sample) this.set({ subgraph: sample.subgraph }, value(sample));
      },
    });
  gauge('hub_search_outbox_backlog', 'Changes waiting in the search outbox for the index', (s) => s.backlog);
  gauge(
    'hub_search_index_lag_seconds',
    'Age of the oldest change waiting in the search outbox (0: index up to date)',
    (s) => s.lagSeconds,
  );
}

/** The subgraph metrics of `registry` (default: the process's), created once per registry. */
export function subgraphMetrics(registry: Registry = processRegistry()): SubgraphMetrics {
  let metrics = bySubgraphRegistry.get(registry);
  if (!metrics) {
    metrics = createSubgraphMetrics(registry);
    bySubgraphRegistry.set(registry, metrics);
  }
  return metrics;
}
