import type { z } from 'zod';
import { ARCHIVE_DESTINATIONS } from '../model/destination';
import { StudyMetadataSchema, type StudyMetadata } from './metadata';
import type { MetadataProblem } from './metadata-problem';

/**
 * Parsing a study metadata document someone wrote (a JSON or YAML file, a form's state) into
 * `StudyMetadata`, with the schema's complaints turned into field paths and plain words rather than a zod
 * dump (docs/deposit.md §1.1). A document that does not parse blocks every archive: no bundle can use it.
 */

/** The outcome of parsing: the metadata, or what is wrong with the document. */
export type ParsedMetadata = { readonly metadata: StudyMetadata } | { readonly problems: MetadataProblem[] };

/** The field a problem of the whole document is reported on. */
export const DOCUMENT_FIELD = '(document)';

type PathKey = PropertyKey;

/** `['authors', 1, 'orcid']` → `authors[1].orcid`, the form problems name fields in. */
export function fieldPath(path: readonly PathKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? DOCUMENT_FIELD : out;
}

/** The value at `path` in what was parsed, to say what was found there (zod 4 issues do not carry it). */
function valueAt(input: unknown, path: readonly PathKey[]): unknown {
  let here: unknown = input;
  for (const key of path) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<PropertyKey, unknown>)[key];
  }
  return here;
}

/** What a value is, in words: `text "abc"`, `the number 5`, `a list`. */
function describe(value: unknown): string {
  if (value === null) return 'null (empty)';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `the text ${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}…` : value)}`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return `${value}`;
    case 'object':
      return 'a set of fields';
    default:
      return typeof value;
  }
}

/** What a zod type name asks for, in words. */
function expectedWords(expected: string): string {
  switch (expected) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'int':
      return 'a whole number';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
      return 'a set of fields (a JSON object or a YAML mapping)';
    default:
      return expected;
  }
}

function quoteList(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

/** One zod issue as problems (an unknown-keys issue becomes one per key). */
function issueProblems(issue: z.core.$ZodIssue, input: unknown): MetadataProblem[] {
  const blocks = [...ARCHIVE_DESTINATIONS];
  const at = (path: readonly PathKey[], message: string): MetadataProblem => ({ field: fieldPath(path), message: message.charAt(0).toUpperCase() + message.slice(1), severity: 'error', blocks });
  const value = valueAt(input, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return [at(issue.path, `Required, but missing: give ${expectedWords(issue.expected)} here.`)];
      return [at(issue.path, `Should be ${expectedWords(issue.expected)}, not ${describe(value)}.`)];
    case 'too_small': {
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return [at(issue.path, 'Must not be empty.')];
      if (issue.origin === 'array') return [at(issue.path, `Needs at least ${issue.minimum} entries.`)];
      return [at(issue.path, `Must be ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}, not ${describe(value)}.`)];
    }
    case 'too_big':
      if (issue.origin === 'string') return [at(issue.path, `Must be at most ${issue.maximum} characters long.`)];
      if (issue.origin === 'array') return [at(issue.path, `Takes at most ${issue.maximum} entries.`)];
      return [at(issue.path, `Must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}, not ${describe(value)}.`)];
    case 'invalid_value':
      return [at(issue.path, `Should be one of ${quoteList(issue.values)}, not ${describe(value)}.`)];
    case 'invalid_union': {
      const options = 'options' in issue && Array.isArray(issue.options) ? issue.options : null;
      if (options) return [at(issue.path, `Should be one of ${quoteList(options)}, not ${describe(value)}.`)];
      return [at(issue.path, `${describe(value)} does not fit any of the forms this field takes.`)];
    }
    case 'invalid_format':
      if (issue.format === 'date') return [at(issue.path, `${describe(value)} is not a date: write it as YYYY-MM-DD, such as 2027-06-30.`)];
      return [at(issue.path, `${describe(value)} is not in the form ${issue.format}.`)];
    case 'unrecognized_keys':
      return issue.keys.map((key) => at([...issue.path, key], `There is no field "${key}" here: check its spelling, or remove it.`));
    default:
      return [at(issue.path, issue.message)];
  }
}

/** Zod's complaints about `input` as metadata problems, in document order. */
export function schemaProblems(error: z.ZodError, input: unknown): MetadataProblem[] {
  return error.issues.flatMap((issue) => issueProblems(issue, input));
}

/** Parses a document (already read from JSON or YAML) as study metadata. */
export function parseStudyMetadata(input: unknown): ParsedMetadata {
  const result = StudyMetadataSchema.safeParse(input);
  return result.success ? { metadata: result.data } : { problems: schemaProblems(result.error, input) };
}
