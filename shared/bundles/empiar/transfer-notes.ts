import type { BundleFileset, RenderContext } from '../bundler';
import type { EmpiarBuild } from './build-deposition';
import { empiarDirectory, rootBasename } from './directories';

/**
 * `TRANSFER.md`: how to create the entry and move the data with `empiar-depositor`, Aspera `ascp` or Globus
 * so that an interrupted upload resumes (docs/empiar.md §6), which local folders become which image-set
 * `directory`, what else in each root must stay behind, and the 12-month rule (docs/empiar.md §7). The
 * depositor's flags are those of its README (`-a ASCP`, `-g GLOBUS`, `-e THUMBNAIL`, `-r ENTRY_ID ENTRY_DIR`,
 * `-s` upload without submitting) and it reads the transfer password from `EMPIAR_TRANSFER_PASS`
 * (docs/deposit.md §2.5).
 */

/** The Aspera server and account of EMPIAR uploads, and the options empiar-depositor passes (docs/empiar.md §6.2). */
const ASCP_COMMAND = 'ascp -QT -l 200M -P 33001 -L- -k3';
const ASPERA_TARGET = 'emp_dep@hx-fasp-1.ebi.ac.uk:upload/ENTRY_DIR/data';
/** The Globus endpoint of empiar-depositor 1.6b30 (docs/empiar.md §6.2). */
const GLOBUS_ENDPOINT = 'd50a0618-6d04-11e5-ba46-22000b92c6ec';

/** A fileset's folder inside its root as a table cell: `Data/`, or the root itself. */
function folderOf(f: Pick<BundleFileset, 'directory'>): string {
  return f.directory === '.' ? 'the root folder itself' : `\`${f.directory}/\``;
}

/** A root path as a shell word: single-quoted when it holds anything but safe characters. */
function shellWord(path: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

/** The EMPIAR transfer notes of a rendered study (docs/empiar.md §6). */
export function renderTransferNotes(ctx: RenderContext, build: EmpiarBuild, jsonName: string): string {
  const draft = build.final
    ? []
    : ['', `   Not yet: the bundle holds only a draft. Complete what MISSING.md lists and export again, so that \`${jsonName}\` is written.`];
  const roots = [...new Set(ctx.members.map((f) => f.root))];
  const lines: string[] = [
    '# Moving the data to EMPIAR',
    '',
    `1. Get an API token at <https://empiar.org/deposition/api_token> and the transfer password from the EMPIAR team`,
    '   (it is not the token, nor your EMPIAR login password). `empiar-depositor` reads it from `EMPIAR_TRANSFER_PASS`;',
    '   plain `ascp` reads `ASPERA_SCP_PASS`.',
    '2. Install `empiar-depositor` (`pip install empiar-depositor`) and Aspera `ascp`, or `globus-cli` for Globus.',
    `3. Create the entry and upload. The first run prints the entry ID and its upload directory (ENTRY_ID, ENTRY_DIR): keep them.`,
    ...draft,
    '',
  ];
  roots.forEach((root, i) => {
    const base = rootBasename(root);
    const first = i === 0;
    const last = i === roots.length - 1;
    const flags = [...(last ? [] : ['-s']), ...(first ? [] : ['-r ENTRY_ID ENTRY_DIR'])].join(' ');
    lines.push('```sh', 'export EMPIAR_TRANSFER_PASS=…   # the transfer password', `empiar-depositor -a PATH/TO/ascp ${flags ? `${flags} ` : ''}EMPIAR_TOKEN ${jsonName} ${shellWord(root)}`, '```', '');
    if (roots.length > 1) lines.push(last ? `This last run submits the entry.` : `\`-s\` uploads without submitting${first ? '' : '; `-r` adds this folder to the same entry'}: the last run submits.`, '');
    lines.push(`Its files land under \`data/${base}/\`. Image sets from \`${root}\`:`, '', '| local folder | image-set directory | files |', '|---|---|---|');
    for (const f of build.data.filter((d) => d.root === root)) {
      lines.push(`| ${folderOf(f)} | \`${empiarDirectory(root, f.directory)}\` | ${f.pattern} (${f.fileCount}) |`);
      for (const s of build.supporting.get(f.id) ?? []) lines.push(`| ${folderOf(s)} | (supporting, with the set above) | ${s.pattern} (${s.fileCount}) |`);
    }
    for (const s of build.supporting.get(null) ?? []) if (s.root === root) lines.push(`| ${folderOf(s)} | (supporting files) | ${s.pattern} (${s.fileCount}) |`);
    lines.push('');
    const others = ctx.filesets.filter((f) => f.root === root && f.destination !== 'EMPIAR');
    if (others.length > 0) {
      const byFolder = new Map<string, Set<string>>();
      for (const o of others) byFolder.set(folderOf(o), new Set([...(byFolder.get(folderOf(o)) ?? []), o.destination]));
      lines.push(
        `This folder also holds ${others.reduce((n, o) => n + o.fileCount, 0)} file(s) that are not for EMPIAR, and empiar-depositor uploads everything in DATA:`,
        '',
        ...[...byFolder].map(([folder, dest]) => `- ${folder} (${[...dest].join(', ')})`),
        '',
        `Upload a folder named \`${base}\` that holds only the EMPIAR folders above instead (for example hard links: \`cp -al\` on the same disk), so that the image-set directories stay the same.`,
        '',
      );
    }
  });
  lines.push(
    '## If the upload stops',
    '',
    `Run the same command again with \`-r ENTRY_ID ENTRY_DIR\`: the metadata is replaced by the JSON and Aspera (\`-k3\`) continues from where it stopped instead of starting again. To upload a folder by hand:`,
    '',
    '```sh',
    'export ASPERA_SCP_PASS=…   # the transfer password',
    `${ASCP_COMMAND} DATA_FOLDER ${ASPERA_TARGET}`,
    '```',
    '',
    `Globus: \`empiar-depositor -g YOUR_ENDPOINT_UUID …\` uses Globus instead of, or as the fallback for, Aspera; it transfers DATA to EMPIAR's endpoint \`${GLOBUS_ENDPOINT}\` under \`upload/ENTRY_DIR/data/\`. Globus also resumes an interrupted transfer by itself.`,
    '',
    '## Before and after',
    '',
    '- Thumbnail: add `-e thumbnail.png` (at least 400 × 400 pixels, PNG preferred); without one EMPIAR uses the EMDB entry\'s image.',
    '- Submit within 12 months of creating the entry: an entry not submitted by then is abandoned and its data deleted (EMPIAR policies v1.0.3).',
    '- The EMPIAR accession (EMPIAR-#####) is issued on submission; its DOI, 10.6019/EMPIAR-#####, after release.',
    '',
  );
  return lines.join('\n');
}
