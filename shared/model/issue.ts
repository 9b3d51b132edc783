import { z } from 'zod';

/** How bad a reported problem is: `error` loses information, `warning` needs a look, `info` is a note. */
export const SeveritySchema = z.enum(['error', 'warning', 'info']);

/** Severity of an issue. */
export type Severity = z.infer<typeof SeveritySchema>;

/**
 * Stable codes of scan issues. OS error codes keep their names (EACCES, ENOENT, ELOOP, …) so a user can
 * search for them; the others describe what the scanner itself noticed.
 */
export const ISSUE_CODES = [
  'EACCES',
  'EPERM',
  'ENOENT',
  'ELOOP',
  'ENOTDIR',
  'EIO',
  'EMFILE',
  'OS_ERROR',
  'SYMLINK',
  'SPECIAL_FILE',
  'SAME_FILE',
  'NON_UTF8_NAME',
  'ROOT_OVERLAP',
  'ROOT_DUPLICATE',
  'EMPTY_ROOT',
  'FORMAT_UNKNOWN',
  'HEADER_PROBLEM',
  'HEADER_STOPPED',
  'CANCELLED',
] as const;

/** Schema of an issue code. */
export const IssueCodeSchema = z.enum(ISSUE_CODES);

/** An issue code. */
export type IssueCode = z.infer<typeof IssueCodeSchema>;

/** A problem found during a scan, reported per path; the scan goes on. `path` is absolute, in the OS's form. */
export const IssueSchema = z
  .object({
    severity: SeveritySchema,
    code: IssueCodeSchema,
    path: z.string().optional(),
    message: z.string().min(1),
  })
  .strict();

/** A problem found during a scan. */
export type Issue = z.infer<typeof IssueSchema>;
