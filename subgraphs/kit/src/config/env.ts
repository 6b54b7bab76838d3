import { z } from 'zod';
import { openDataEnv } from '../open-data/config.js';

/** Start-up configuration is invalid; `problems` names every offending variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every variable.`,
    );
    this.name = 'ConfigError';
  }
}

/** The signing secret used when none is configured outside production. Never use it in production. */
export const DEVELOPMENT_JWT_SECRET = 'welcome-hub-development-secret-do-not-use-in-production';

/** Outside production, a distributed gateway without GATEWAY_SECRET signs with this; subgraphs without one check nothing. */
export const DEVELOPMENT_GATEWAY_SECRET = 'welcome-hub-development-gateway-secret-not-for-production';

/** Where the hub is reached when PUBLIC_URL is unset: the distributed mode's gateway on this machine. */
export const DEFAULT_PUBLIC_URL = 'http://localhost:4000';

/** The issuer whose tokens the hub accepts: OIDC_ISSUER, else its own provider under the public URL. */
export function oidcIssuer(config: Pick<CommonConfig, 'OIDC_ISSUER'>, publicUrl: string): string {
  return config.OIDC_ISSUER ?? `${publicUrl}/oidc`;
}

/** The largest JWT_MAX_LIFETIME_SECONDS accepted. */
export const MAX_TOKEN_LIFETIME_CAP_SECONDS = 24 * 3600;

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
/** "true"/"false"/"1"/"0"/"yes"/"no"; unset keeps the default (often derived from NODE_ENV). */
const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : ['true', '1', 'yes'].includes(v)));
const positiveInt = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

/** Variables every process reads: database, identity and logging. */
export const commonEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  /** Connections each subgraph keeps to the PostgreSQL server at most (an embedded hub has six subgraphs). */
  DATABASE_POOL_SIZE: positiveInt(10),
  DATA_DIR: z.string().trim().min(1).default('.data'),
  JWT_SECRET: optionalText.pipe(z.string().min(32, 'must have at least 32 characters').optional()),
  JWT_JWKS_URL: optionalText.pipe(z.url({ message: 'must be an http(s) URL' }).optional()),
  JWT_ISSUER: z.string().trim().min(1).default('welcome-hub'),
  JWT_AUDIENCE: z.string().trim().min(1).default('welcome-hub'),
  /**
   * Longest lifetime (`exp` − `iat`) of an accepted bearer token, in seconds; unset: 2 h in
   * production, 8 h outside it (see `maxTokenLifetimeSeconds`). Capped at 24 h so that a
   * setting cannot bring back tokens that never really expire.
   */
  JWT_MAX_LIFETIME_SECONDS: optionalText.pipe(
    z.coerce
      .number<string>({ error: 'must be a whole number of seconds, e.g. 3600' })
      .int('must be a whole number of seconds, e.g. 3600')
      .min(1, 'must be at least 1 second')
      .max(
        MAX_TOKEN_LIFETIME_CAP_SECONDS,
        `must be at most ${MAX_TOKEN_LIFETIME_CAP_SECONDS} (24 h): an access token is not a session`,
      )
      .optional(),
  ),
  /**
   * Shared secret with which the gateway signs every subgraph request (HMAC-SHA256, Hive
   * Gateway's upstream signature); subgraphs refuse unsigned requests when it is set.
   * Required in production; the embedded mode draws a random one per start.
   */
  GATEWAY_SECRET: optionalText.pipe(z.string().min(32, 'must have at least 32 characters').optional()),
  /** GraphQL introspection; default: on outside production. */
  GRAPHQL_INTROSPECTION: flag,
  /**
   * The hub's public base URL (scheme, host, port; no trailing slash), as browsers reach it:
   * the own OpenID provider's issuer is PUBLIC_URL/oidc. Unset: the embedded mode uses the
   * address it listens on, the distributed mode http://localhost:4000.
   */
  PUBLIC_URL: optionalText.pipe(
    z
      .url({ message: 'must be an http(s) URL such as https://welcome-hub.example' })
      .transform((v) => v.replace(/\/+$/, ''))
      .optional(),
  ),
  /**
   * An external OpenID provider's issuer URL (e.g. a Keycloak realm,
   * https://id.example/realms/welcome-hub): tokens are verified against the keys its
   * discovery document names, and the hub's own provider is not used for sign-in.
   * Unset: the hub is its own provider at PUBLIC_URL/oidc.
   */
  OIDC_ISSUER: optionalText.pipe(
    z
      .url({ message: 'must be the issuer URL of an OpenID provider' })
      .transform((v) => v.replace(/\/+$/, ''))
      .optional(),
  ),
  /** The claim holding the role, a dotted path for nested claims (Keycloak: realm_access.roles). */
  OIDC_ROLE_CLAIM: z.string().trim().min(1).default('role'),
  /** The claim holding the AGS an editor writes for: a list, or one string of keys separated by commas or spaces. */
  OIDC_AGS_CLAIM: z.string().trim().min(1).default('ags'),
  /**
   * Which claim values mean which hub role, e.g. "coordinator=hub-coordinator,editor=hub-editor";
   * unset: the values "coordinator" and "editor" themselves.
   */
  OIDC_ROLE_VALUES: optionalText.pipe(
    z
      .string()
      .regex(
        /^(coordinator|editor)=[^,=]+(,(coordinator|editor)=[^,=]+)*$/,
        'must look like coordinator=hub-coordinator,editor=hub-editor',
      )
      .optional(),
  ),
  /** The claim naming a partner system's rate-limit tier (client credentials). */
  OIDC_TIER_CLAIM: z.string().trim().min(1).default('tier'),
  /** Lifetime of access tokens the own provider issues, in seconds: minutes; the web app refreshes them. */
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(300),
  /** How long a sign-in lasts at the own provider (session and refresh tokens), in seconds: a working day. */
  SESSION_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(300)
    .max(30 * 24 * 3600)
    .default(12 * 3600),
  /**
   * Encrypts the web app's session cookie (the tokens of a signed-in browser stay on the
   * server side of it). Required in production; the embedded mode keeps one under DATA_DIR.
   */
  SESSION_SECRET: optionalText.pipe(z.string().min(32, 'must have at least 32 characters').optional()),
  /** The web app's client at the provider; the hub's own provider knows welcome-hub-web. */
  OIDC_CLIENT_ID: z.string().trim().min(1).default('welcome-hub-web'),
  /** Its secret, for an external provider where the hub is a confidential client; unset: a public client (PKCE). */
  OIDC_CLIENT_SECRET: optionalText,
  /** The e-mail address of the coordinator account the first start creates (its password is printed once). */
  FIRST_COORDINATOR_EMAIL: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: 'must be an e-mail address' }))
    .default('koordination@welcome-hub.localhost'),
  /**
   * The bearer token Prometheus sends to /metrics. In production /metrics answers only with
   * `Authorization: Bearer <METRICS_TOKEN>`, and 404 while it is unset (metrics name every
   * operation and subgraph); outside production /metrics is open.
   */
  METRICS_TOKEN: optionalText.pipe(z.string().min(32, 'must have at least 32 characters').optional()),
  /**
   * OpenTelemetry's own variables, checked here so a typo fails the start: traces leave the
   * process (OTLP over HTTP) only when an endpoint is set or OTEL_TRACES_EXPORTER=otlp;
   * otherwise spans exist only to propagate trace context (traceparent) and into log lines.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalText.pipe(
    z.url({ message: 'must be an http(s) URL such as http://collector:4318' }).optional(),
  ),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalText.pipe(
    z.url({ message: 'must be an http(s) URL such as http://collector:4318/v1/traces' }).optional(),
  ),
  /** "otlp" exports traces (to the OTLP default http://localhost:4318 without an endpoint), "none" never. */
  OTEL_TRACES_EXPORTER: optionalText.pipe(z.enum(['otlp', 'none'], { message: 'must be otlp or none' }).optional()),
  /** The service.name of the process's spans; default: welcome-hub-gateway, welcome-hub-<subgraph>. */
  OTEL_SERVICE_NAME: optionalText,
});

/** The gateway's own variables. */
export const gatewayEnv = commonEnv.extend({
  // The open-data catalogue's publisher (open-data/config.ts).
  ...openDataEnv.shape,
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PORT: port(4000),
  /** Browser origins allowed to call the API; unset: any (*) outside production, none (same origin only) in production. */
  CORS_ORIGINS: z
    .string()
    .optional()
    .transform((v) =>
      v === undefined
        ? undefined
        : v
            .split(',')
            .map((o) => o.trim())
            .filter(Boolean),
    ),
  /** Per-subgraph upstream timeouts overriding UPSTREAM_TIMEOUT_MS, e.g. "search=2000,practices=5000". */
  UPSTREAM_TIMEOUTS: z
    .string()
    .regex(/^\s*([a-z]+\s*=\s*\d+\s*(,\s*|$))*$/, 'must look like "search=2000,practices=5000"')
    .optional()
    .transform(
      (v) =>
        Object.fromEntries(
          (v ?? '')
            .split(',')
            .filter((pair) => pair.includes('='))
            .map((pair) => pair.split('=').map((part) => part.trim()))
            .map(([name, ms]) => [name, Number(ms)]),
        ) as Record<string, number>,
    ),
  SUPERGRAPH_PATH: optionalText,
  /** GraphiQL at /graphql in a browser; default: on outside production. */
  GRAPHIQL: flag,
  /** "Did you mean …" in validation errors; default: on outside production. */
  FIELD_SUGGESTIONS: flag,
  // Operation limits, checked before planning (see README "Limits").
  LIMIT_DEPTH: positiveInt(10),
  LIMIT_ALIASES: positiveInt(30),
  LIMIT_TOKENS: positiveInt(3000),
  LIMIT_DIRECTIVES: positiveInt(20),
  LIMIT_COST: positiveInt(20000),
  LIMIT_RESPONSE_BYTES: positiveInt(5 * 1024 * 1024),
  // Admission: operations estimated at LIMIT_HEAVY_COST or more run this many at a time.
  LIMIT_HEAVY_COST: positiveInt(1000),
  LIMIT_HEAVY_CONCURRENCY: positiveInt(2),
  LIMIT_HEAVY_QUEUE: positiveInt(200),
  LIMIT_BODY_BYTES: positiveInt(256 * 1024),
  // Rate limits per client (token subject, else address) and for failed sign-ins.
  RATE_LIMIT_POINTS: positiveInt(600),
  RATE_LIMIT_WINDOW_SECONDS: positiveInt(60),
  /** Estimated operation cost a client may spend per window (an unbounded list page of 200 with relations costs about 5 000). */
  RATE_LIMIT_COST_POINTS: positiveInt(100_000),
  /**
   * Larger allowances for partner systems by the tier their token names (OIDC_TIER_CLAIM),
   * as multiples of RATE_LIMIT_POINTS and RATE_LIMIT_COST_POINTS: "partner=5,dashboard=20".
   * People and clients without a tier, or with one not listed, get the standard allowance.
   */
  RATE_LIMIT_TIERS: z
    .string()
    .trim()
    .regex(
      /^[a-z0-9-]{1,20}=[1-9]\d{0,3}(,[a-z0-9-]{1,20}=[1-9]\d{0,3})*$/,
      'must look like partner=5,dashboard=20 (tier=multiple of the standard allowance)',
    )
    .default('partner=5,dashboard=20')
    .transform(
      (v) =>
        new Map(
          v
            .split(',')
            .map((pair) => pair.split('='))
            .map(([tier, factor]) => [tier, Number(factor)] as const),
        ),
    ),
  RATE_LIMIT_AUTH_FAILURES: positiveInt(10),
  RATE_LIMIT_AUTH_WINDOW_SECONDS: positiveInt(900),
  /** Redis shared by gateway replicas for rate limits; unset: in memory (one process). */
  REDIS_URL: optionalText.pipe(
    z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
      .optional(),
  ),
  /** How many reverse proxies in front of the gateway may set X-Forwarded-For (0: none). */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /**
   * Trusted documents: off (documents only), allow (ids and documents), anonymous
   * (anonymous callers only ids, signed-in callers either), strict (only ids).
   * Default: allow outside production, anonymous in production.
   */
  TRUSTED_DOCUMENTS: z.enum(['off', 'allow', 'anonymous', 'strict']).optional(),
  /** A further manifest ({ "sha256:<hex>": "<document>" }) of partner documents, read at start. */
  TRUSTED_DOCUMENTS_PATH: optionalText,
  // Time limits: each subgraph call, and the whole request.
  UPSTREAM_TIMEOUT_MS: positiveInt(10_000),
  REQUEST_DEADLINE_MS: positiveInt(30_000),
  /** max-age of Cache-Control on anonymous GET queries. */
  CACHE_MAX_AGE_SECONDS: z.coerce.number().int().min(0).default(60),
  /**
   * How long the gateway keeps an anonymous query's answer (in Redis with REDIS_URL, else in
   * memory); mutations drop what they change at once. 0 switches the response cache off.
   */
  RESPONSE_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /**
   * The federation query planner: "rust" (Hive Router's planner, a native addon in
   * @graphql-hive/router-query-planner, with its executor) or "javascript" (Hive Gateway's
   * stitching runtime). Both give the same answers and errors: the gateway places a failed
   * subgraph's errors, names its requests and answers introspection beside data as the
   * JavaScript planner does (gateway/src/edge). "javascript" is for platforms without the addon.
   */
  QUERY_PLANNER: z.enum(['javascript', 'rust'], { message: 'must be javascript or rust' }).default('rust'),
});

/** A subgraph process of the distributed mode. */
export const subgraphEnv = commonEnv.extend({
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PORT: port(4001),
  /** Meilisearch: the search subgraph queries it; domain subgraphs relay their outbox to it. */
  MEILI_URL: optionalText.pipe(z.url({ message: 'must be an http(s) URL such as http://127.0.0.1:7700' }).optional()),
  MEILI_MASTER_KEY: optionalText,
  MEILI_INDEX: z
    .string()
    .trim()
    .regex(/^[a-zA-Z0-9_-]{1,100}$/, 'must be letters, digits, - and _')
    .default('welcome-hub'),
  /** Largest request body a subgraph reads (the gateway's _entities batches included). */
  LIMIT_BODY_BYTES: positiveInt(2 * 1024 * 1024),
});

export type CommonConfig = z.infer<typeof commonEnv>;
export type GatewayConfig = z.infer<typeof gatewayEnv>;

/**
 * Parses `source` once at start-up. Throws a `ConfigError` that lists every problem,
 * not just the first, so one restart fixes them all.
 */
export function parseConfig<S extends z.ZodType>(schema: S, source: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(source);
  const problems = result.success
    ? []
    : result.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`);
  if (result.success) {
    const config = result.data as Partial<CommonConfig>;
    if (
      config.NODE_ENV === 'production' &&
      !config.PUBLIC_URL &&
      !config.OIDC_ISSUER &&
      !config.JWT_SECRET &&
      !config.JWT_JWKS_URL
    ) {
      problems.push(
        "PUBLIC_URL (the hub's own sign-in at PUBLIC_URL/oidc), OIDC_ISSUER, JWT_SECRET or JWT_JWKS_URL: one is required when NODE_ENV=production",
      );
    }
    if (config.NODE_ENV === 'production' && !config.GATEWAY_SECRET) {
      problems.push('GATEWAY_SECRET: required when NODE_ENV=production (the gateway signs, subgraphs verify)');
    }
    if (config.JWT_SECRET && config.JWT_JWKS_URL) {
      problems.push('JWT_SECRET and JWT_JWKS_URL: set only one of them');
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return (result as { data: z.infer<S> }).data;
}
