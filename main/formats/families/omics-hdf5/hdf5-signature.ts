import { Bytes } from '../../kit/bytes';
import type { DetectContext } from '../../detector';

/**
 * HDF5 format signature "\x89HDF\r\n\x1a\n" (HDF5 File Format Specification §II.A "Format Signature";
 * docs/formats.md §0.7 and §8). It sits at byte 0, or after a user block at 512, 1024, 2048, … bytes.
 */
export const HDF5_SIGNATURE: readonly number[] = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** Smallest user block: the signature is searched at 0 and at 512·2ⁿ (HDF5 spec §II.A). */
const USER_BLOCK_BASE = 512;
/**
 * Largest user-block offset tried (512·2¹⁵ = 16 MiB): user blocks hold a small text or a foreign header
 * (h5jam); beyond this an HDF5 file is not worth ten more reads to find.
 */
const MAX_SIGNATURE_OFFSET = USER_BLOCK_BASE * 2 ** 15;
/** Bytes of superblock read after the signature: version 0/1 with 8-byte addresses ends before byte 96. */
const SUPERBLOCK_BYTES = 128;
/** Sizes of offsets and lengths the HDF5 library accepts (bytes). */
const SIZES = new Set([2, 4, 8]);

/** Offsets where an HDF5 signature may sit, in order, up to the cap and the file size. */
export function signatureOffsets(size: number): number[] {
  const out = [0];
  for (let o = USER_BLOCK_BASE; o <= MAX_SIGNATURE_OFFSET && o + HDF5_SIGNATURE.length <= size; o *= 2) out.push(o);
  return out;
}

/** Offset of the HDF5 signature within the first bytes (no reads), or -1. */
export function signatureInHead(head: Uint8Array): number {
  const b = new Bytes(head);
  for (const o of signatureOffsets(head.length)) if (b.startsWith(HDF5_SIGNATURE, o)) return o;
  return -1;
}

/** Offset of the HDF5 signature, reading past the head at user-block offsets when needed; -1 if none. */
export async function findSignature(ctx: DetectContext): Promise<number> {
  const inHead = signatureInHead(ctx.head);
  if (inHead >= 0) return inHead;
  for (const o of signatureOffsets(ctx.size)) {
    if (o + HDF5_SIGNATURE.length <= ctx.head.length) continue;
    const bytes = await ctx.read(o, HDF5_SIGNATURE.length);
    if (new Bytes(bytes).startsWith(HDF5_SIGNATURE)) return o;
  }
  return -1;
}

/** What the superblock says, as far as a sanity check needs. */
export interface Superblock {
  readonly version: number;
  readonly offsetSize: number;
  readonly lengthSize: number;
  /** Bytes the file must have for all HDF5 data (from the end-of-file address), or undefined when unknown. */
  readonly requiredSize: number | undefined;
}

function address(b: Bytes, o: number, size: number): number | undefined {
  if (size === 8) return b.u64(o);
  if (size === 4) return b.u32(o);
  return b.u16(o);
}

/**
 * Reads the superblock at `offset` (HDF5 spec §II.A; layouts as in the HDF5 library's H5Fsuper_cache.c):
 * versions 0/1 keep sizes at bytes 13–14 and the addresses (base, free space, end of file, driver) from byte
 * 24 (v0) or 28 (v1); versions 2/3 keep sizes at 9–10 and base, extension, end of file, root from byte 12.
 * The required size follows the library's truncation check: signature offset + EOF − stored base address.
 */
export async function readSuperblock(ctx: DetectContext, offset: number): Promise<Superblock | string> {
  const bytes = offset + SUPERBLOCK_BYTES <= ctx.head.length ? ctx.head.subarray(offset, offset + SUPERBLOCK_BYTES) : await ctx.read(offset, SUPERBLOCK_BYTES);
  const b = new Bytes(bytes, true);
  const version = b.u8(8);
  if (version === undefined) return `truncated: the superblock at byte ${offset} is cut off`;
  let offsetSize: number | undefined;
  let lengthSize: number | undefined;
  let addresses: number;
  if (version === 0 || version === 1) {
    offsetSize = b.u8(13);
    lengthSize = b.u8(14);
    addresses = version === 0 ? 24 : 28;
  } else if (version === 2 || version === 3) {
    offsetSize = b.u8(9);
    lengthSize = b.u8(10);
    addresses = 12;
  } else {
    return `unknown superblock version ${version}`;
  }
  if (offsetSize === undefined || lengthSize === undefined) return `truncated: the superblock at byte ${offset} is cut off`;
  if (!SIZES.has(offsetSize) || !SIZES.has(lengthSize)) return `superblock sizes of offsets/lengths ${offsetSize}/${lengthSize} are not 2, 4 or 8`;
  const base = address(b, addresses, offsetSize);
  // End of file: third address in v0/v1 (base, free space, EOF), third in v2/v3 (base, extension, EOF).
  const eof = address(b, addresses + 2 * offsetSize, offsetSize);
  if (eof === undefined && addresses + 3 * offsetSize > bytes.length) return `truncated: the superblock at byte ${offset} is cut off`;
  const requiredSize = base !== undefined && eof !== undefined && eof >= base ? offset + eof - base : undefined;
  return { version, offsetSize, lengthSize, requiredSize };
}
