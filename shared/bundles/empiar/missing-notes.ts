import type { EmpiarBuild } from './build-deposition';

/** JSON Pointer `/imagesets/0/voxel_type` as the path people read, `imagesets[0].voxel_type`. */
export function pointerToPath(pointer: string): string {
  if (pointer === '') return '(the document)';
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc === '' ? p : `${acc}.${p}`), '');
}

/**
 * `MISSING.md`: why the EMPIAR deposition is only a draft — each missing or wrong field in plain words, what
 * blocks it first, then warnings, then what the upstream schema says of the draft (docs/empiar.md §1).
 */
export function renderMissingNotes(build: EmpiarBuild): string {
  const blocking = [
    ...build.problems.filter((p) => p.blocks.includes('EMPIAR')).map((p) => ({ field: p.field, message: p.message })),
    ...build.gaps.filter((g) => g.blocking).map((g) => ({ field: g.field, message: g.message })),
  ];
  const later = [
    ...build.problems.filter((p) => !p.blocks.includes('EMPIAR')).map((p) => ({ field: p.field, message: p.message })),
    ...build.gaps.filter((g) => !g.blocking).map((g) => ({ field: g.field, message: g.message })),
  ];
  const lines = [
    '# EMPIAR deposition: what is missing',
    '',
    '`empiar-deposition.draft.json` is a best-effort draft: EMPIAR would refuse it as it is. Fix what is listed',
    'here (in the study metadata, or on the EMPIAR form for what only you know), then export again: the bundle',
    'then holds `empiar-deposition.json`, which `empiar-depositor` takes.',
    '',
  ];
  if (blocking.length > 0) {
    lines.push('## Needed before EMPIAR accepts the deposition', '');
    for (const b of blocking) lines.push(`- **${b.field}**: ${b.message}`);
    lines.push('');
  }
  if (later.length > 0) {
    lines.push('## Worth checking', '');
    for (const w of later) lines.push(`- **${w.field}**: ${w.message}`);
    lines.push('');
  }
  if (build.schemaErrors.length > 0) {
    lines.push("## What EMPIAR's schema says of the draft", '');
    for (const e of build.schemaErrors) lines.push(`- \`${pointerToPath(e.path)}\` ${e.message}`);
    lines.push('');
  }
  return lines.join('\n');
}
