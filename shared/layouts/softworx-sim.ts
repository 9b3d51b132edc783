import type { Facts } from '../formats/facts';
import type { LayoutFileset, LayoutFinding, LayoutReader } from './types';
import { baseOf } from './paths';

/**
 * DeltaVision OMX structured illumination, as softWoRx names its files. The DeltaVision header has no field
 * for structured illumination; softWoRx's names say it: "OMX SI Reconstruction" writes `<raw>_SIR.dv` beside
 * the raw `<raw>.dv` (five phases × three angles per plane), "OMX Image Registration" (channel alignment)
 * appends `_ALX` (`<raw>_SIR_ALX.dv`), and the pseudo-widefield made from the same raw data is `<raw>_WF.dv`
 * (GE/Applied Precision softWoRx OMX manual; the names as deposited and read in microscope-metrics' Argolight
 * SIM data, `201702_RI510_Argolight-1-1_010_SIR_ALX.dv` beside `…_WF_ALX`). A reconstruction and the raw
 * data it was made from are 3D-SIM: super-resolution light microscopy. The widefield pseudo-image is not.
 */

/** `<raw>_SIR.dv` or `<raw>_SIR_ALX.dv` (softWoRx SI reconstruction, registered or not). */
const SIR_NAME = /^(.+)_SIR(?:_ALX)?\.dv$/i;

/** DeltaVision files softWoRx writes. */
const DV_FORMAT = 'deltavision';

function lent(marker: string): Facts {
  return { imagingMode: { value: 'super-resolution', provenance: 'name', source: marker } };
}

/** Pairs softWoRx SI reconstructions with their raw data by name; both are structured illumination. */
export const softworxSim: LayoutReader = (all) => {
  const out: LayoutFinding[] = [];
  const dv = all.filter((f) => f.format === DV_FORMAT);
  // Raw .dv files by root, folder and lower-case name.
  const rawByName = new Map<string, LayoutFileset>();
  for (const f of dv) for (const file of f.files) rawByName.set(`${f.root}\0${f.directory}\0${baseOf(file).toLowerCase()}`, f);
  const claimed = new Set<string>();
  for (const f of dv) {
    const names = f.files.map((p) => SIR_NAME.exec(baseOf(p)));
    if (names.length === 0 || names.some((m) => m === null) || f.facts.imagingMode) continue;
    const marker = f.files[0]!;
    out.push({ filesetId: f.id, facts: lent(marker), evidence: [{ source: 'name', detail: `Named <raw>_SIR${/_ALX\.dv$/i.test(marker) ? '_ALX' : ''}.dv, as softWoRx names an OMX structured-illumination (SI) reconstruction: 3D-SIM.`, weight: 0.7 }] });
    for (const m of names) {
      const raw = rawByName.get(`${f.root}\0${f.directory}\0${m![1]!.toLowerCase()}.dv`);
      if (!raw || raw === f || raw.facts.imagingMode || claimed.has(raw.id)) continue;
      claimed.add(raw.id);
      out.push({ filesetId: raw.id, facts: lent(marker), evidence: [{ source: 'name', detail: `${baseOf(marker)} beside it is its softWoRx SI reconstruction: these are the raw structured-illumination images.`, weight: 0.7 }] });
    }
  }
  return out;
};
