// The EMPIAR bundle of real gallery layouts (test/layouts/gallery), scanned by the real engine, with complete
// metadata. Expected values come from the layouts' own bytes (the trees in test/layouts/gallery/*.ts) and
// docs/empiar.md: experiment types from §2.2, codes from §2.4–§2.6 and the mapping of §5.1, directories from
// §1.4/§6.2. The final JSON is checked with Ajv against the repository's copy of the upstream schema,
// compiled here independently of the product's validator.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { empiarBundler } from '../../../../../shared/bundles/empiar/empiar-bundler';
import type { RenderContext } from '../../../../../shared/bundles/bundler';
import { EXAMPLE_METADATA } from '../../../../../shared/deposit/example-metadata';
import type { StudyMetadata } from '../../../../../shared/deposit/metadata';
import type { BundleFile } from '../../../../../shared/model/bundle';
import { scanGalleryLayout, type GalleryStudy } from '../../../../helpers/gallery-study';

const here = path.dirname(new URL(import.meta.url).pathname);
const schemaFile = JSON.parse(readFileSync(path.resolve(here, '../../../../../shared/bundles/empiar/empiar-deposition.schema.json'), 'utf8')) as { $schema?: string; properties: Record<string, unknown> };
const { $schema: _meta, ...schema } = schemaFile;
const ajv = new Ajv({ allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

/** EXAMPLE_METADATA (complete for every archive) with EMD-12345, the EMDB id of docs/empiar.md §4, for type-3 data. */
const COMPLETE: StudyMetadata = { ...EXAMPLE_METADATA, accessions: { ...EXAMPLE_METADATA.accessions, emdb: ['EMD-12345'] } };

function contextOf(study: GalleryStudy, metadata: StudyMetadata): RenderContext {
  const r = study.report;
  return { target: 'EMPIAR', members: r.filesets.filter((f) => f.destination === 'EMPIAR'), filesets: r.filesets, study: r.study, roots: r.roots, metadata };
}

function file(files: readonly BundleFile[], name: string): string | undefined {
  return files.find((f) => f.path === name)?.content;
}

interface ImageSet {
  readonly [key: string]: unknown;
}

/** The final deposition of a layout: present, schema-valid, and without a draft beside it. */
function finalDeposition(files: readonly BundleFile[]): { readonly experiment_type: number; readonly imagesets: readonly ImageSet[]; readonly [key: string]: unknown } {
  expect(files.map((f) => f.path)).not.toContain('empiar-deposition.draft.json');
  const text = file(files, 'empiar-deposition.json');
  expect(text, file(files, 'MISSING.md')).toBeDefined();
  const doc = JSON.parse(text!);
  expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  return doc;
}

const studies = new Map<string, GalleryStudy>();
const LAYOUTS = ['epu-spa-session-k3-tiff', 'serialem-tilt-series-session', 'zeiss-atlas5-crossbeam-fib-sem', 'thermo-asv-fib-sem-project', 'microed-smv-xds-dials', 'clem-confocal-fib-sem-split', 'clem-two-disks-registration-folder'];

beforeAll(async () => {
  for (const id of LAYOUTS) studies.set(id, await scanGalleryLayout(id));
}, 120_000);
afterAll(() => {
  for (const s of studies.values()) s.remove();
});

function render(id: string, metadata: StudyMetadata = COMPLETE) {
  const s = studies.get(id)!;
  const ctx = contextOf(s, metadata);
  return { root: path.basename(s.roots[s.roots.length - 1]!), files: empiarBundler.render(ctx), checklist: empiarBundler.checklist(ctx) };
}

describe('EMPIAR bundle of real layouts with complete metadata', () => {
  it('EPU single-particle K3 session: type 3 with the EMDB link, one movie set of 3 × 8-frame 16 × 16 8-bit TIFFs at 1.0559 Å', () => {
    const { root, files } = render('epu-spa-session-k3-tiff');
    const doc = finalDeposition(files);
    // §2.2: single-particle raw movies are "raw image data of structures deposited to EMDB" (3).
    expect(doc.experiment_type).toBe(3);
    expect(doc.cross_references).toEqual([{ name: 'EMD-12345' }]);
    // Only the _fractions.tiff movies are an image set; EPU XML, JPEG thumbnails and EpuSession.dm are supporting files.
    expect(doc.imagesets).toHaveLength(1);
    const set = doc.imagesets[0]!;
    expect(set).toMatchObject({
      directory: `data/${root}/Images-Disc1/GridSquare_8999138/Data`,
      category: "('T2', '')", // multi-frame movies (§5.1)
      header_format: "('T3', '')",
      data_format: "('T3', '')",
      voxel_type: "('T1', '')", // tiffMovie(8): 8 bits per sample, no SampleFormat → unsigned
      num_images_or_tilt_series: 3, // EPU_EXPOSURES has three exposures
      frames_per_image: 8, // tiffMovie(8): eight IFDs
      image_width: 16,
      image_height: 16,
    });
    // The EPU Data XML says pixelSize 1.0558814239614023E-10 m.
    expect(set.pixel_width as number).toBeCloseTo(1.0558814, 4);
    expect(set.pixel_height as number).toBeCloseTo(1.0558814, 4);
    expect(set.details as string).toMatch(/300 kV/);
    expect(set.details as string).toMatch(/BioQuantum K3/);
  });

  it('SerialEM tilt-series session: type 3, three 41-tilt MRC series (mode 1), 8 × 8 at 2.7 Å', () => {
    const { root, files } = render('serialem-tilt-series-session');
    const doc = finalDeposition(files);
    expect(doc.experiment_type).toBe(3);
    expect(doc.imagesets).toHaveLength(1); // the .mrc.mdoc files go with their stacks
    expect(doc.imagesets[0]).toMatchObject({
      directory: `data/${root}/tomo`,
      category: "('T9', '')",
      header_format: "('T1', '')",
      data_format: "('T1', '')",
      voxel_type: "('T4', '')", // MRC mode 1 = signed 16-bit (§5.1)
      num_images_or_tilt_series: 3, // TS_01, TS_02, TS_03
      frames_per_image: 41, // serialEmStackNoTilts(41) and the mdoc's 41 ZValue sections
      image_width: 8,
      image_height: 8,
      pixel_width: 2.7, // cella 8 × 2.7 Å over nx 8
      pixel_height: 2.7,
    });
  });

  it.each([
    ['zeiss-atlas5-crossbeam-fib-sem', 'atlas_export'],
    ['thermo-asv-fib-sem-project', 'ASV_HeLa_2024-05-14/Site_1/Step_1_SEM_Imaging/Acquired'],
  ])('%s: FIB-SEM is type 5, twelve 32 × 32 8-bit TIFF slices at 5 nm = 50 Å, one frame each', (id, folder) => {
    // Metadata without any EMDB accession: volume EM is accepted without one (§7).
    const { root, files } = render(id, EXAMPLE_METADATA);
    const doc = finalDeposition(files);
    expect(doc.experiment_type).toBe(5); // §2.2: focused ion beam SEM
    expect(doc.cross_references).toBeUndefined();
    expect(doc.imagesets).toHaveLength(1);
    expect(doc.imagesets[0]).toMatchObject({
      directory: `data/${root}/${folder}`,
      header_format: "('T3', '')",
      data_format: "('T3', '')",
      voxel_type: "('T1', '')",
      num_images_or_tilt_series: 12,
      frames_per_image: 1, // one slice per file (§5.1, EMPIAR-13192)
      image_width: 32,
      image_height: 32,
      pixel_width: 50,
      pixel_height: 50,
    });
    expect(String(doc.imagesets[0]!.category)).toMatch(/^\('OT', '.+'\)$/);
  });

  it('MicroED SMV frames: type 9, twelve 32 × 32 unsigned 16-bit diffraction images, no real-space pixel size', () => {
    const { root, files } = render('microed-smv-xds-dials');
    const doc = finalDeposition(files);
    expect(doc.experiment_type).toBe(9); // §2.2: microcrystal electron diffraction
    expect(doc.imagesets).toHaveLength(1); // XDS and DIALS files follow the frames
    expect(doc.imagesets[0]).toMatchObject({
      directory: `data/${root}/experiment_1/SMV/data`,
      category: "('T12', '')",
      header_format: "('T12', '')",
      data_format: "('T12', '')",
      voxel_type: "('T3', '')", // SMV TYPE=unsigned_short
      num_images_or_tilt_series: 12,
      frames_per_image: 1,
      image_width: 32,
      image_height: 32,
    });
    expect(doc.imagesets[0]!.pixel_width).toBeUndefined();
  });

  it('correlative confocal + FIB-SEM: CLEM (7), cross-linked to the BIA study once its accession is known', () => {
    const { files, checklist } = render('clem-confocal-fib-sem-split', { ...COMPLETE, accessions: { ...COMPLETE.accessions, bia: 'S-BIAD1492' } });
    const doc = finalDeposition(files);
    expect(doc.experiment_type).toBe(7); // §2.2: correlative light–electron microscopy
    expect(doc.biostudies_references).toEqual([{ name: 'S-BIAD1492' }]);
    expect(doc.imagesets).toHaveLength(1); // the LIF and the landmarks go to the BIA
    expect(checklist.find((i) => i.id === 'empiar-experiment-type')?.evidence).toMatch(/correlative/);
    expect(checklist.find((i) => i.id === 'empiar-bia-cross-link')).toMatchObject({ done: true });
  });

  it('CLEM on two disks: type 7, the 3View DM4 slices as unsigned 16-bit (DataType 10) at 8 nm = 80 Å', () => {
    const { files, checklist } = render('clem-two-disks-registration-folder');
    // The layout writes its DM4 slices as DigitalMicrograph does: u16 pixels, ImageData.DataType 10 (ncempy
    // dm.py _DM2NPDataType: 10 = uint16 → EMPIAR voxel T3, docs/empiar.md §2.6).
    const final = JSON.parse(file(files, 'empiar-deposition.json')!);
    expect(validate(final), JSON.stringify(validate.errors)).toBe(true);
    expect(final.experiment_type).toBe(7);
    expect(final.imagesets[0]).toMatchObject({ directory: 'data/em_disk/sbf', header_format: "('T6', '')", voxel_type: "('T3', '')", num_images_or_tilt_series: 12, pixel_width: 80, image_width: 16 });
    // The category of vEM slices is only proposed (OT, to confirm), so the item stays open but does not block.
    expect(checklist.find((i) => i.id.startsWith('empiar-imageset:'))).toMatchObject({ blocking: false });
    // The registration folder on the EM disk goes to the BIA: the transfer notes say to leave it behind.
    const transfer = file(files, 'TRANSFER.md')!;
    expect(transfer).toMatch(/`sbf\/` \| `data\/em_disk\/sbf`/);
    expect(transfer).toMatch(/`registration\/` \(BIA\)/);
    expect(transfer).toMatch(/ascp -QT -l 200M -P 33001 -L- -k3/);
    expect(transfer).toMatch(/-r ENTRY_ID ENTRY_DIR/);
    expect(transfer).toMatch(/12 months/);
  });

  it('writes no top-level key the schema does not declare', () => {
    const declared = new Set(Object.keys(schemaFile.properties));
    for (const id of LAYOUTS) {
      const { files } = render(id);
      const text = file(files, 'empiar-deposition.json') ?? file(files, 'empiar-deposition.draft.json')!;
      for (const key of Object.keys(JSON.parse(text))) expect(declared, `${id}: ${key}`).toContain(key);
    }
  });
});

describe('EMPIAR bundle with incomplete or wrong metadata', () => {
  const tilt = 'serialem-tilt-series-session';

  it('without a corresponding author: a draft, MISSING.md names the field, no final file, a blocking item', () => {
    const meta: StudyMetadata = { ...COMPLETE, authors: COMPLETE.authors.map((a) => ({ ...a, corresponding: false })) };
    const { files, checklist } = render(tilt, meta);
    expect(files.map((f) => f.path).sort()).toEqual(['MISSING.md', 'TRANSFER.md', 'empiar-deposition.draft.json']);
    expect(file(files, 'MISSING.md')).toMatch(/corresponding author/);
    expect(file(files, 'MISSING.md')).toMatch(/corresponding_author/); // the schema's own complaint names the JSON field
    expect(JSON.parse(file(files, 'empiar-deposition.draft.json')!).corresponding_author).toBeUndefined();
    expect(checklist.find((i) => i.id === 'empiar-corresponding-author')).toMatchObject({ done: false, blocking: true });
  });

  it('with country UK: a draft whose MISSING.md names the country field (GB, §3 item 2)', () => {
    const meta: StudyMetadata = { ...COMPLETE, organisations: COMPLETE.organisations.map((o, i) => (i === 0 ? { ...o, country: 'UK' } : o)) };
    const { files } = render(tilt, meta);
    expect(files.map((f) => f.path)).not.toContain('empiar-deposition.json');
    const missing = file(files, 'MISSING.md')!;
    expect(missing).toMatch(/organisations\[0\]\.country/);
    expect(missing).toMatch(/GB/);
  });

  it('with EMD-123: rejected (at least four digits, §3 item 7), so type-3 data have no valid EMDB link', () => {
    const meta: StudyMetadata = { ...COMPLETE, accessions: { ...COMPLETE.accessions, emdb: ['EMD-123'] } };
    const { files, checklist } = render(tilt, meta);
    expect(files.map((f) => f.path)).not.toContain('empiar-deposition.json');
    const draft = JSON.parse(file(files, 'empiar-deposition.draft.json')!);
    expect(draft.cross_references).toBeUndefined();
    expect(file(files, 'MISSING.md')).toMatch(/accessions\.emdb\[0\]/);
    expect(checklist.find((i) => i.id === 'empiar-emdb-accession')).toMatchObject({ done: false, blocking: true });
  });

  it('with licence CC BY 4.0: blocking, since EMPIAR is CC0 only (§7)', () => {
    const { files, checklist } = render(tilt, { ...COMPLETE, licence: 'CC BY 4.0' });
    expect(checklist.find((i) => i.id === 'empiar-licence-cc0')).toMatchObject({ done: false, blocking: true });
    expect(files.map((f) => f.path)).not.toContain('empiar-deposition.json');
  });

  it('type 3 without any EMDB accession: blocking (§7)', () => {
    const { checklist } = render(tilt, EXAMPLE_METADATA);
    expect(checklist.find((i) => i.id === 'empiar-emdb-accession')).toMatchObject({ done: false, blocking: true });
  });

  it('ticks what complete metadata satisfies, with its evidence', () => {
    const { checklist } = render(tilt);
    const byId = new Map(checklist.map((i) => [i.id, i]));
    expect(byId.get('empiar-corresponding-author')).toMatchObject({ done: true, evidence: expect.stringContaining('Josiah Carberry') });
    expect(byId.get('empiar-release')).toMatchObject({ done: true, evidence: expect.stringContaining('HP') });
    expect(byId.get('empiar-licence-cc0')).toMatchObject({ done: true });
    expect(byId.get('empiar-deposition-file')).toMatchObject({ done: true });
    expect(byId.get('empiar-thumbnail')).toMatchObject({ done: false, blocking: false });
    expect(new Set(checklist.map((i) => i.id)).size).toBe(checklist.length);
  });
});
