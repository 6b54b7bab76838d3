import type { IncomingHttpHeaders } from 'node:http';
import {
  ROOT_CONTEXT,
  context,
  isSpanContextValid,
  propagation,
  trace,
  type Context,
  type Tracer,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  AlwaysOnSampler,
  SimpleSpanProcessor,
  type ReadableSpan,
  type Span,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { logger } from './logger.js';
import { currentRequestContext } from './request-context.js';

export interface TracingOptions {
  /** service.name of this process's spans, unless OTEL_SERVICE_NAME names one. */
  serviceName: string;
  /**
   * Spans go here, one by one as they end (tests pass an InMemorySpanExporter). Without
   * it, spans are exported over OTLP/HTTP only when the environment configures OTLP.
   */
  exporter?: SpanExporter;
  /** Default: process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface Tracing {
  provider: BasicTracerProvider;
  /** True when spans leave the process (an exporter was given or OTLP is configured). */
  exporting: boolean;
  /** Flushes what is buffered and unregisters the provider, context manager and propagator. */
  shutdown(): Promise<void>;
}

/**
 * True when the environment asks for OTLP: OTEL_TRACES_EXPORTER=otlp, or an OTLP endpoint
 * (and OTEL_TRACES_EXPORTER is not "none"). Unset, nothing is sent anywhere: a hub on a
 * laptop must not try to reach a collector that is not there.
 */
export function otlpConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  const exporter = env.OTEL_TRACES_EXPORTER?.trim();
  if (exporter === 'none') return false;
  if (exporter === 'otlp') return true;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim());
}

let active: Tracing | undefined;

/**
 * True when this process's spans leave it (setupTracing with an exporter, or OTLP
 * configured). The gateway registers Hive's tracing plugin only then: unrecorded spans cost
 * it 5–7 % of its CPU per request (bench:gateway profiles) and reach no one; the request
 * id still joins the gateway's and the subgraphs' log lines.
 */
export function tracingExports(): boolean {
  return active?.exporting ?? false;
}

/**
 * Registers the process's tracer provider, with W3C Trace Context propagation and an
 * AsyncLocalStorage context manager: spans of the gateway and of the subgraphs it calls
 * join one trace through the `traceparent` header. Spans get ids always (they go into log
 * lines and outgoing headers) but are recorded and exported only when an exporter is given or
 * OTLP is configured (see otlpConfigured; the OTLP exporter reads its OTEL_EXPORTER_OTLP_*
 * variables itself). Once per process: a second call returns the first set-up.
 */
export function setupTracing(options: TracingOptions): Tracing {
  if (active) {
    logger.warn({ serviceName: options.serviceName }, 'tracing is set up already; keeping the first set-up');
    return active;
  }
  const env = options.env ?? process.env;
  const processors: SpanProcessor[] = [];
  if (options.exporter) processors.push(new SimpleSpanProcessor(options.exporter));
  else if (otlpConfigured(env))
    processors.push(new BatchSpanProcessor(new OTLPTraceExporter() as unknown as SpanExporter));
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME?.trim() || options.serviceName }),
    spanProcessors: processors.map((p) => new RedactingSpanProcessor(p)),
    // Nothing leaves the process: spans are not recorded at all (their ids still reach log
    // lines and outgoing traceparent headers), so tracing costs next to nothing per request.
    sampler: processors.length > 0 ? new ParentBasedSampler({ root: new AlwaysOnSampler() }) : new AlwaysOffSampler(),
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  const tracing: Tracing = {
    provider,
    exporting: processors.length > 0,
    shutdown: async () => {
      if (active !== tracing) return;
      active = undefined;
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
  active = tracing;
  return tracing;
}

/**
 * Attributes a span may carry that say more about a person than an operator needs: the
 * full URL (the web app sends its variables in the query string: search text, ids), the
 * client's address, its browser and the operation's text. The URL keeps its path; the rest
 * is dropped (operation name and type stay).
 */
const PERSONAL_ATTRIBUTES = [
  'http.client_ip',
  'client.address',
  'http.user_agent',
  'user_agent.original',
  // The operation's text: literals in it may be anything a caller typed (names, e-mail addresses).
  'graphql.document',
];
const URL_ATTRIBUTES = ['http.url', 'url.full'];

/** The URL without its query string and fragment (relative URLs too). */
export function urlWithoutQuery(value: string): string {
  const cut = value.search(/[?#]/);
  return cut === -1 ? value : value.slice(0, cut);
}

/** Removes personal attributes from every span before it reaches `inner` (and the exporter). */
export class RedactingSpanProcessor implements SpanProcessor {
  constructor(private readonly inner: SpanProcessor) {}

  onStart(span: Span, parentContext: Context): void {
    this.inner.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    // The SDK hands the ended span's own attribute object: redacting it here is what the exporter sees.
    const attributes = span.attributes as Record<string, unknown>;
    for (const key of PERSONAL_ATTRIBUTES) delete attributes[key];
    for (const key of URL_ATTRIBUTES) {
      if (typeof attributes[key] === 'string') attributes[key] = urlWithoutQuery(attributes[key]);
    }
    this.inner.onEnd(span);
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
}

/** The kit's tracer: it names the subgraph spans' instrumentation scope. */
export function kitTracer(): Tracer {
  return trace.getTracer('@welcome-hub/kit');
}

/**
 * The trace context a request arrived with (its `traceparent`), as the parent of the span
 * that serves it. Starts from the root context, not the active one: a request never
 * inherits whatever context the server happened to be created in.
 */
export function extractTraceContext(headers: IncomingHttpHeaders): Context {
  return propagation.extract(ROOT_CONTEXT, headers);
}

/**
 * Puts the active span's trace into the current request context, so the request's later
 * log lines (its access line included) name the trace to open. For code that runs inside
 * a span it did not start (the gateway runtime's, see its OpenTelemetry plugin).
 */
export function noteActiveTrace(): void {
  const request = currentRequestContext();
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (request && spanContext && isSpanContextValid(spanContext)) request.traceId ??= spanContext.traceId;
}
