import { z } from 'zod';

/**
 * What role a file plays in a study, independent of its exact format: image data, a sidecar describing
 * image data, omics data, a table, a document, an archive, an opaque container, OS clutter, or unknown.
 */
export const FILE_KINDS = [
  'image',
  'metadata',
  'processing',
  'omics',
  'table',
  'document',
  'archive',
  'container',
  'system',
  'unknown',
] as const;

/** Schema of a file kind. */
export const FileKindSchema = z.enum(FILE_KINDS);

/** A file kind. */
export type FileKind = z.infer<typeof FileKindSchema>;
