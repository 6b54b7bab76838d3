import { SLUG_PATTERN } from '@welcome-hub/kit';

/** Keys of catalogue entries: slugs (lower-case letters, digits and single hyphens), as kit's rule says. */
export const KEY = SLUG_PATTERN;
