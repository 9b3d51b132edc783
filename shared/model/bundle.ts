import { z } from 'zod';
import { ARCHIVE_DESTINATIONS } from './destination';

/** Schema of one deposition bundle: the filesets that go to one archive, with their totals. */
export const BundleSchema = z
  .object({
    archive: z.enum(ARCHIVE_DESTINATIONS),
    filesetIds: z.array(z.string().min(1)).min(1),
    fileCount: z.number().int().positive(),
    bytes: z.number().int().nonnegative(),
  })
  .strict();

/** One deposition bundle. */
export type Bundle = z.infer<typeof BundleSchema>;
