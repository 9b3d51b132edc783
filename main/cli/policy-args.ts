import { existsSync } from 'node:fs';
import path from 'node:path';
import { DESTINATIONS, OMICS_ARCHIVES, type Destination, type OmicsArchive } from '../../shared/model/destination';
import { MODALITIES, type Modality } from '../../shared/modality/modalities';
import { OverrideSchema, type Override, type PolicyOptions } from '../../shared/policy/types';

/** A command-line policy argument that cannot be understood; the CLI turns it into a usage error. */
export class PolicyArgError extends Error {}

/**
 * Parses one `--override TARGET=VALUE[,VALUE]`: VALUE is a destination (EMPIAR, BIA, EMDB, OMICS, NONE,
 * REVIEW; any case), an omics archive (ENA, ArrayExpress, PRIDE, MetaboLights; any case; it means OMICS
 * in that archive) or a modality id (`cryoet-tomograms`…). A TARGET that names an existing path
 * (relative to `cwd` or absolute) becomes an absolute path; anything else (a fileset id, or
 * `folder/pattern` relative to a root) is passed on as written.
 */
export function parseOverride(arg: string, cwd: string): Override {
  const eq = arg.lastIndexOf('=');
  if (eq <= 0 || eq === arg.length - 1) throw new PolicyArgError(`--override needs TARGET=VALUE, got "${arg}".`);
  const rawTarget = arg.slice(0, eq);
  let destination: Destination | undefined;
  let modality: Modality | undefined;
  let omicsArchive: OmicsArchive | undefined;
  for (const value of arg.slice(eq + 1).split(',').map((v) => v.trim()).filter(Boolean)) {
    const upper = value.toUpperCase();
    const archive = OMICS_ARCHIVES.find((a) => a.toUpperCase() === upper);
    if (archive) {
      if (omicsArchive) throw new PolicyArgError(`--override ${rawTarget}: two omics archives given.`);
      omicsArchive = archive;
    } else if ((DESTINATIONS as readonly string[]).includes(upper)) {
      if (destination) throw new PolicyArgError(`--override ${rawTarget}: two destinations given.`);
      destination = upper as Destination;
    } else if ((MODALITIES as readonly string[]).includes(value)) {
      if (modality) throw new PolicyArgError(`--override ${rawTarget}: two modalities given.`);
      modality = value as Modality;
    } else {
      throw new PolicyArgError(`--override ${rawTarget}: "${value}" is neither a destination (${DESTINATIONS.join(', ')}), an omics archive (${OMICS_ARCHIVES.join(', ')}) nor a modality (see \`deposit-assistant policy\`).`);
    }
  }
  if (omicsArchive) {
    if (destination && destination !== 'OMICS') throw new PolicyArgError(`--override ${rawTarget}: the omics archive ${omicsArchive} goes with OMICS, not ${destination}.`);
    destination = 'OMICS';
  }
  const onDisk = path.resolve(cwd, rawTarget);
  const target = existsSync(onDisk) ? onDisk : rawTarget;
  const parsed = OverrideSchema.safeParse({ target, ...(modality ? { modality } : {}), ...(destination ? { destination } : {}), ...(omicsArchive ? { omicsArchive } : {}) });
  if (!parsed.success) throw new PolicyArgError(`--override ${rawTarget}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

/** Parses a threshold flag's value: a whole number at least `min`. */
export function parseThreshold(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new PolicyArgError(`${flag} needs a whole number ≥ ${min}, got "${value}".`);
  return Number(value);
}

/** The policy options a command line sets (only those given). */
export function policyOptions(values: { 'tomograms-few'?: string; representatives?: string }): Partial<PolicyOptions> {
  const few = parseThreshold('--tomograms-few', values['tomograms-few'], 0);
  const reps = parseThreshold('--representatives', values.representatives, 1);
  return { ...(few !== undefined ? { tomogramsFew: few } : {}), ...(reps !== undefined ? { representatives: reps } : {}) };
}
