import type { PracticePageQuery as PracticePageAnswer } from '../../../generated/graphql.js';

// What the parts of a practice's page share.

/** The practice as the page's query answers it. */
export type Practice = NonNullable<PracticePageAnswer['practice']>;

/** The viewer's own municipality, for which they mark interest or adapt. */
export interface Own {
  ags: string;
  name: string;
}
