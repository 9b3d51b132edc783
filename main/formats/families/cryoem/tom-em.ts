import type { Facts } from '../../../../shared/formats/facts';
import { formatInfo } from '../../../../shared/formats/format-catalog';
import { count, within } from '../../kit/numbers';
import { guardDetector as guarded } from '../../kit/read';
import { fromHeader as ev, weakConfidence } from '../../kit/evidence';
import { Bytes } from '../../kit/bytes';
import { detection, type DetectContext, type Detection, type Detector } from '../../detector';

/**
 * The EM format of the TOM toolbox, Dynamo and PyTom (TOM tom_emwrite / tom_emheader; Bsoft rwEM.h
 * `struct EMhead`; IMP EMHeader.h): a 512-byte header, then the voxels, x fastest.
 *   byte 0  machine coding: 0 OS-9, 1 VAX, 2 Convex, 3 SGI, 5 Mac, 6 PC (6 is little-endian, the rest big-endian)
 *   byte 1  general purpose, byte 2 unused (1 = header abandoned), byte 3 data type:
 *           1 byte, 2 short, 3 short complex, 4 long, 5 float, 8 float complex, 9 double, 10 double complex
 *   bytes 4, 8, 12  int32 nx, ny, nz;  bytes 16–95  80-character comment
 *   bytes 96–255    40 int32 parameters ("emdata"): [0] acceleration voltage (kV, Bsoft `volt`), [1] Cs, …
 *   bytes 256–511   user data
 * No magic number marks it: the header's codes and the file length (exactly 512 + nx·ny·nz·bytes) do.
 */
const HEADER_BYTES = 512;
const AT = { machine: 0, unused: 2, type: 3, nx: 4, ny: 8, nz: 12, comment: 16, voltage: 96 } as const;
const COMMENT_BYTES = 80;
/** Machine codes (TOM tom_emheader; Bsoft rwEM.h); only PC (6) is little-endian. */
const MACHINES: Readonly<Record<number, string>> = { 0: 'OS-9', 1: 'VAX', 2: 'Convex', 3: 'SGI', 5: 'Mac', 6: 'PC' };
const PC = 6;
/** Bytes per voxel by data type code (TOM tom_emheader; Warp HeaderEM EMDataType). */
const TYPE_BYTES: Readonly<Record<number, number>> = { 1: 1, 2: 2, 3: 4, 4: 4, 5: 4, 8: 8, 9: 8, 10: 16 };
const TYPE_NAMES: Readonly<Record<number, string>> = { 1: 'byte', 2: 'short', 3: 'short complex', 4: 'long', 5: 'float', 8: 'float complex', 9: 'double', 10: 'double complex' };
/** Accelerating voltages of transmission electron microscopes, kV (the field is 0 when unset; Warp writes volts there). */
const KV_RANGE = [20, 1300] as const;
/** Largest side believed (tomograms reach a few thousand voxels). */
const MAX_SIDE = 65_536;

interface EmHeader {
  readonly le: boolean;
  readonly machine: number;
  readonly type: number;
  readonly nx: number;
  readonly ny: number;
  readonly nz: number;
}

/** The header's codes and sizes, when they are valid and the voxels exactly fill the file. */
function parse(head: Uint8Array, size: number): EmHeader | undefined {
  if (head.length < HEADER_BYTES) return undefined;
  const b = new Bytes(head);
  const machine = b.u8(AT.machine)!;
  const type = b.u8(AT.type)!;
  if (MACHINES[machine] === undefined || TYPE_BYTES[type] === undefined || b.u8(AT.unused) === 1) return undefined;
  const le = machine === PC;
  const nx = count(b.i32(AT.nx, le), MAX_SIDE);
  const ny = count(b.i32(AT.ny, le), MAX_SIDE);
  const nz = count(b.i32(AT.nz, le), MAX_SIDE);
  if (!nx || !ny || !nz) return undefined;
  // The file length is the only check: 512 header bytes and every voxel, nothing more (tom_emwrite writes no trailer).
  if (HEADER_BYTES + nx * ny * nz * TYPE_BYTES[type]! !== size) return undefined;
  return { le, machine, type, nx, ny, nz };
}

async function read(ctx: DetectContext): Promise<Detection | null> {
  const h = parse(ctx.head, ctx.size);
  if (!h) return null;
  const b = new Bytes(ctx.head, h.le);
  const facts: Facts = {
    dimensions: { value: { x: h.nx, y: h.ny, ...(h.nz > 1 ? { z: h.nz } : {}) }, provenance: 'header' },
    arrangement: { value: h.nz > 1 ? 'volume' : 'image', provenance: 'header' },
  };
  const kv = within(b.i32(AT.voltage), KV_RANGE[0], KV_RANGE[1]);
  if (kv !== undefined) facts.voltageKV = { value: kv, unit: 'kV', provenance: 'header' };
  const comment = b.ascii(AT.comment, COMMENT_BYTES).trim();
  facts.header = { value: { machine: MACHINES[h.machine]!, dataType: TYPE_NAMES[h.type]!, comment: comment || null }, provenance: 'header' };
  const evidence = [
    ev(`TOM/EM header: machine code ${h.machine} (${MACHINES[h.machine]}), data type ${h.type} (${TYPE_NAMES[h.type]}), ${h.nx}×${h.ny}×${h.nz}; 512 header bytes and the voxels fill the file exactly.`, 0.8),
  ];
  return detection('tom-em', weakConfidence(ctx, formatInfo('tom-em')?.extensions ?? []), { facts, evidence });
}

/** TOM toolbox / Dynamo / PyTom EM volumes: no magic, so the header codes and the exact file length decide. */
export const tomEmDetector: Detector = guarded({
  id: 'tom-em',
  formats: ['tom-em'],
  sniff: (ctx) => ctx.head.length >= HEADER_BYTES && MACHINES[ctx.head[AT.machine]!] !== undefined && TYPE_BYTES[ctx.head[AT.type]!] !== undefined,
  detect: read,
});
