import { z } from 'zod';

/**
 * Variables of the open-data catalogue, read by the gateway at start. `OPEN_DATA_PUBLISHER`
 * names the hub's operator as dct:publisher of every dataset.
 */
export const openDataEnv = z.object({
  OPEN_DATA_PUBLISHER: z.string().trim().min(1).default('Welcome Hub'),
  /** The operator's web site (foaf:homepage of the publisher); unset: the hub's public URL. */
  OPEN_DATA_PUBLISHER_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .pipe(z.url({ message: 'must be an http(s) URL' }).optional()),
});
export type OpenDataConfig = z.infer<typeof openDataEnv>;
