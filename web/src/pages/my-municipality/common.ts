import { formatNumber } from '../../format.js';

// What the editor's and the coordinator's views of "Meine Kommune" share.

/** The page's title, the same for editors, coordinators and the signed-out. */
export const TITLE = 'Meine Kommune';

/** "1 Kommune", "3 Kommunen": a German number with its noun. */
export const count = (n: number, one: string, many: string): string => `${formatNumber(n)} ${n === 1 ? one : many}`;

/** The page's address: sign-in returns here, and the chosen municipality is a parameter of it. */
export const HERE = '/meine-kommune';
