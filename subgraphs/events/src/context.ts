import type { RequestContext } from '@welcome-hub/kit';
import type { Loaders } from './loaders.js';

export type Context = RequestContext<Loaders>;
