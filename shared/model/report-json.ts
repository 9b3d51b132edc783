/**
 * The scan report as JSON text, in pieces, so a million-file report is never one giant string (issue 11):
 * top-level keys one per line, and each element of a top-level array (filesets, bundles, issues) on a line of
 * its own. Joined, the pieces are exactly one JSON document that parses back to the report.
 */
export function* reportJsonChunks(report: object): Generator<string, void, undefined> {
  yield '{';
  let first = true;
  for (const [key, value] of Object.entries(report)) {
    // As JSON.stringify does: a property whose value is undefined or a function is left out.
    if (value === undefined || typeof value === 'function') continue;
    yield `${first ? '' : ','}\n  ${JSON.stringify(key)}: `;
    first = false;
    if (Array.isArray(value) && value.length > 0) {
      yield '[';
      for (let i = 0; i < value.length; i++) yield `${i === 0 ? '' : ','}\n    ${JSON.stringify(value[i]) ?? 'null'}`;
      yield '\n  ]';
    } else {
      yield JSON.stringify(value);
    }
  }
  yield first ? '}\n' : '\n}\n';
}
