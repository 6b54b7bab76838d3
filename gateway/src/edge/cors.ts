import { CSRF_HEADERS } from './csrf.js';

/** The CORS answer for one request, as the runtime's `cors` option takes it (false: none). */
export interface CorsAnswer {
  origin: string | string[];
  methods: string[];
  allowedHeaders: string[];
  credentials: false;
  maxAge?: number;
}

/** True for a GET, and for the preflight of one (a GET with the CSRF header needs one). */
function isRead(request: Request): boolean {
  const method = request.method.toUpperCase();
  return (
    method === 'GET' ||
    (method === 'OPTIONS' && (request.headers.get('access-control-request-method') ?? '').toUpperCase() === 'GET')
  );
}

/**
 * Who may call the API from a browser on another origin.
 *
 * Reads (GET, which only runs queries, by trusted document in production) are open to every
 * origin: dashboard embeds on any Kreis or partner website show public figures. They carry
 * no credentials: the answer never allows them, so a browser sends neither the session
 * cookie nor an Authorization header on such a call (the preflight names the headers allowed,
 * and `authorization` is not among them). Everything else — POST, mutations, signed-in
 * calls — only from the origins `CORS_ORIGINS` names ('*' any, as in development).
 */
export function corsPolicy(origins: readonly string[]): (request: Request) => CorsAnswer | false {
  const configured: CorsAnswer | false =
    origins.length === 0
      ? false
      : {
          origin: origins.includes('*') ? '*' : [...origins],
          methods: ['GET', 'POST', 'OPTIONS'],
          allowedHeaders: ['content-type', 'authorization', ...CSRF_HEADERS],
          credentials: false,
        };
  const publicRead: CorsAnswer = {
    origin: '*',
    methods: ['GET'],
    allowedHeaders: [...CSRF_HEADERS],
    credentials: false,
    maxAge: 7200,
  };
  return (request) => {
    const origin = request.headers.get('origin');
    if (configured && origin && (origins.includes('*') || origins.includes(origin))) return configured;
    return isRead(request) ? publicRead : false;
  };
}
