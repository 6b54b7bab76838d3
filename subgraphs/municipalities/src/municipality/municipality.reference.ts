import type { Context } from '../context.js';

/** Resolves `{ __typename: "Municipality", ags }` representations in one batch per request. */
export const municipalityReference = {
  Municipality: {
    __resolveReference: (ref: { ags: string }, ctx: Context) => ctx.loaders.municipality.load(ref.ags),
  },
};
