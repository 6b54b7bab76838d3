import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import {
  acceptRequestId,
  createLogger,
  createRegistry,
  currentRequestContext,
  lifecycleLogger,
  loggablePath,
  metricsAccess,
  operationLabel,
  otlpConfigured,
  requestIdOf,
  urlWithoutQuery,
  withRequestContext,
} from '../src/index.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A logger writing into an array of parsed JSON lines. */
function capture(level = 'debug') {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ level, destination }) };
}

describe('request ids', () => {
  it.each([
    '3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
    '01HZY3K6Q4V8N2P5R7T9W1X3Z5',
    'abc123',
    'req.1:2_3-4',
    'x'.repeat(128),
  ])('accepts a well-formed id (%s)', (id) => {
    expect(acceptRequestId(id)).toBe(id);
    expect(requestIdOf(id)).toBe(id);
  });

  it.each([
    ['too long', 'x'.repeat(129)],
    ['empty', ''],
    ['spaces', 'two words'],
    ['a line break', 'id\nforged: header'],
    ['a slash', 'a/b'],
    ['markup', '<script>'],
    ['quotes', '"id"'],
    ['non-ASCII', 'idé'],
  ])('refuses an id with %s, and requestIdOf draws a UUID instead', (_case, id) => {
    expect(acceptRequestId(id)).toBeUndefined();
    expect(requestIdOf(id)).toMatch(UUID);
  });

  it('refuses a repeated header and a missing one', () => {
    expect(acceptRequestId(['a', 'b'])).toBeUndefined();
    expect(acceptRequestId(undefined)).toBeUndefined();
    expect(acceptRequestId(null)).toBeUndefined();
    expect(requestIdOf(undefined)).toMatch(UUID);
    expect(requestIdOf(undefined)).not.toBe(requestIdOf(undefined));
  });

  it('trims surrounding whitespace of an otherwise good id', () => {
    expect(acceptRequestId('  abc-1  ')).toBe('abc-1');
  });
});

describe('the logger', () => {
  it('writes JSON lines with the level name and, within a request, its id and trace', async () => {
    const { lines, logger } = capture();
    logger.info({ answer: 42 }, 'outside');
    await withRequestContext({ requestId: 'req-1', traceId: 'a'.repeat(32), spanId: 'b'.repeat(16) }, async () => {
      await Promise.resolve();
      logger.child({ component: 'deep' }).warn('inside');
      expect(currentRequestContext()?.requestId).toBe('req-1');
    });
    withRequestContext({ requestId: 'req-2' }, () => logger.error('no trace yet'));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'outside', answer: 42 });
    expect(lines[0]).not.toHaveProperty('requestId');
    expect(typeof lines[0].time).toBe('string');
    expect(lines[1]).toMatchObject({
      level: 'warn',
      msg: 'inside',
      component: 'deep',
      requestId: 'req-1',
      traceId: 'a'.repeat(32),
      spanId: 'b'.repeat(16),
    });
    expect(lines[2]).toMatchObject({ level: 'error', requestId: 'req-2' });
    expect(lines[2]).not.toHaveProperty('traceId');
    expect(currentRequestContext()).toBeUndefined();
  });

  it('honours its level, and lifecycle lines are written whatever it is', () => {
    const { lines, logger } = capture('warn');
    logger.info('dropped');
    logger.debug('dropped too');
    logger.warn('kept');
    lifecycleLogger(logger).info('ready');
    const silent = capture('silent');
    silent.logger.error('dropped');
    lifecycleLogger(silent.logger).info('ready');
    expect(lines.map((l) => l.msg)).toEqual(['kept', 'ready']);
    expect(silent.lines.map((l) => l.msg)).toEqual(['ready']);
  });

  it('falls back to info for a level it does not know, rather than failing to load', () => {
    const { lines, logger } = capture('loud');
    logger.debug('dropped');
    logger.info('kept');
    expect(lines.map((l) => l.msg)).toEqual(['kept']);
  });
});

describe('metric labels and the metrics guard', () => {
  it('keeps operation names bounded', () => {
    const seen = new Set<string>();
    expect(operationLabel(undefined, seen)).toBe('anonymous');
    expect(operationLabel('SiegenOverview', seen)).toBe('SiegenOverview');
    expect(operationLabel('not a name', seen)).toBe('other');
    expect(operationLabel('x'.repeat(101), seen)).toBe('other');
    for (let i = 0; seen.size < 500; i++) operationLabel(`Operation${i}`, seen);
    expect(operationLabel('OneTooMany', seen)).toBe('other');
    expect(operationLabel('SiegenOverview', seen)).toBe('SiegenOverview');
  });

  it('opens /metrics outside production and guards it with METRICS_TOKEN in production', () => {
    const token = 't'.repeat(40);
    expect(metricsAccess({ NODE_ENV: 'development', METRICS_TOKEN: undefined }, undefined)).toBe('allow');
    expect(metricsAccess({ NODE_ENV: 'production', METRICS_TOKEN: undefined }, `Bearer ${token}`)).toBe('hidden');
    expect(metricsAccess({ NODE_ENV: 'production', METRICS_TOKEN: token }, undefined)).toBe('unauthorized');
    expect(metricsAccess({ NODE_ENV: 'production', METRICS_TOKEN: token }, `Bearer ${'u'.repeat(40)}`)).toBe(
      'unauthorized',
    );
    expect(metricsAccess({ NODE_ENV: 'production', METRICS_TOKEN: token }, `Basic ${token}`)).toBe('unauthorized');
    expect(metricsAccess({ NODE_ENV: 'production', METRICS_TOKEN: token }, `Bearer ${token}`)).toBe('allow');
  });

  it('exports traces only when the environment asks for OTLP', () => {
    expect(otlpConfigured({})).toBe(false);
    expect(otlpConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(otlpConfigured({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(true);
    expect(otlpConfigured({ OTEL_TRACES_EXPORTER: 'otlp' })).toBe(true);
    expect(otlpConfigured({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(
      false,
    );
  });
});

describe('loggablePath', () => {
  it("masks an invitation link's token and leaves other paths alone", () => {
    expect(loggablePath('/oidc/invitation/abc-123')).toBe('/oidc/invitation/:secret');
    expect(loggablePath('/oidc/invitation/abc-123/accept')).toBe('/oidc/invitation/:secret/accept');
    expect(loggablePath('/oidc/interaction/xyz')).toBe('/oidc/interaction/xyz');
    expect(loggablePath('/graphql')).toBe('/graphql');
  });
});

describe('urlWithoutQuery', () => {
  it('keeps the path of absolute and relative URLs', () => {
    expect(urlWithoutQuery('http://hub/graphql?query=%7B%7D&variables=x')).toBe('http://hub/graphql');
    expect(urlWithoutQuery('/graphql#frag')).toBe('/graphql');
    expect(urlWithoutQuery('/graphql')).toBe('/graphql');
  });
});

describe('createRegistry', () => {
  it("holds Node's process metrics when asked to (every process outside Jest)", async () => {
    const text = await createRegistry({ processMetrics: true }).metrics();
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
    expect((await createRegistry({ processMetrics: false }).metrics()).trim()).toBe('');
  });
});
