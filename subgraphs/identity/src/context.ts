import type { RequestContext } from '@welcome-hub/kit';

export type Context = RequestContext<Record<string, never>>;
