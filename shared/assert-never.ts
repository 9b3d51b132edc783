/** Closes a discriminated union: a compile error where a case is missing, a thrown error if one slips through at run time. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
