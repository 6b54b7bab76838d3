import { useCallback, useEffect, useRef, useState } from 'react';
import type { Operation } from '../../generated/operations.js';

/** A GraphQL error as the hub sends it: a message (English, for developers) and a code. */
export interface ApiError {
  message: string;
  path?: (string | number)[];
  extensions?: {
    code?: string;
    fields?: { field: string; message: string }[];
    serviceName?: string;
    [key: string]: unknown;
  };
}

export interface Answer<R> {
  data: R | null;
  errors: ApiError[];
}

/**
 * Runs a trusted document by its id: queries as GET (cacheable for anonymous callers, with
 * the CSRF header the hub asks for), mutations as POST. The browser's session cookie signs
 * the request in; no token is ever in the page.
 */
export async function request<R, V>(
  operation: Operation<R, V>,
  variables: V,
  signal?: AbortSignal,
): Promise<Answer<R>> {
  let response: Response;
  try {
    if (operation.kind === 'query') {
      const params = new URLSearchParams({ documentId: operation.id, variables: JSON.stringify(variables ?? {}) });
      // `no-cache`: the browser revalidates (ETag, usually a 304) instead of reusing an answer
      // cached while signed out, or from before a write; shared caches still serve anonymous ones.
      response = await fetch(`/graphql?${params}`, {
        headers: { accept: 'application/json', 'x-graphql-csrf': '1' },
        credentials: 'same-origin',
        cache: 'no-cache',
        signal,
      });
    } else {
      response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ documentId: operation.id, variables }),
        credentials: 'same-origin',
        signal,
      });
    }
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    return { data: null, errors: [{ message: 'network', extensions: { code: 'NETWORK' } }] };
  }
  let body: { data?: R | null; errors?: ApiError[] };
  try {
    body = await response.json();
  } catch (error) {
    // Cancelled while the body was read: no answer at all, not an error to show.
    if (signal?.aborted) throw error;
    return {
      data: null,
      errors: [
        { message: `HTTP ${response.status}`, extensions: { code: response.status >= 500 ? 'UNAVAILABLE' : 'HTTP' } },
      ],
    };
  }
  return { data: body.data ?? null, errors: body.errors ?? [] };
}

/** Answers of this page's life, by operation and variables: the back button shows them at once while they refresh. */
const cache = new Map<string, Answer<unknown>>();
/** Enough for a session's back and forth; the oldest answers go first (a Map keeps insertion order). */
const CACHE_LIMIT = 200;

function remember(key: string, answer: Answer<unknown>): void {
  cache.delete(key);
  cache.set(key, answer);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
}

export interface QueryState<R> extends Answer<R> {
  loading: boolean;
  refetch: () => void;
}

/**
 * A query's answer for the component's life; `skip` waits (e.g. for input); `keepPrevious`
 * shows the last answer while one for new variables loads (more results, refined input).
 */
export function useQuery<R, V>(
  operation: Operation<R, V>,
  variables: V,
  options: { skip?: boolean; keepPrevious?: boolean } = {},
): QueryState<R> {
  const key = `${operation.id}:${JSON.stringify(variables ?? {})}`;
  const cached = cache.get(key) as Answer<R> | undefined;
  const [state, setState] = useState<{ key: string; answer: Answer<R> | undefined; loading: boolean }>({
    key,
    answer: cached,
    loading: !options.skip,
  });
  const [generation, setGeneration] = useState(0);
  const variablesRef = useRef(variables);
  variablesRef.current = variables;

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation is the trigger of refetch()
  useEffect(() => {
    if (options.skip) {
      setState({ key, answer: undefined, loading: false });
      return;
    }
    const controller = new AbortController();
    setState((previous) => ({
      key,
      answer:
        previous.key === key
          ? previous.answer
          : ((cache.get(key) as Answer<R> | undefined) ?? (options.keepPrevious ? previous.answer : undefined)),
      loading: true,
    }));
    request(operation, variablesRef.current, controller.signal).then(
      (answer) => {
        // An answer that arrives after its request was replaced (newer input, another page) is dropped.
        if (controller.signal.aborted) return;
        remember(key, answer);
        setState({ key, answer, loading: false });
      },
      () => undefined,
    );
    return () => controller.abort();
  }, [key, options.skip, options.keepPrevious, generation, operation]);

  const refetch = useCallback(() => setGeneration((g) => g + 1), []);
  const answer =
    state.key === key ? state.answer : (cached ?? (options.keepPrevious && !options.skip ? state.answer : undefined));
  return {
    data: answer?.data ?? null,
    errors: answer?.errors ?? [],
    loading: state.key !== key || state.loading,
    refetch,
  };
}

/** Forgets cached answers, e.g. after a write or a sign-in. */
export function clearCache(): void {
  cache.clear();
}

/** The first error with this code, if any. */
export function errorWith(errors: ApiError[], code: string): ApiError | undefined {
  return errors.find((e) => e.extensions?.code === code);
}
