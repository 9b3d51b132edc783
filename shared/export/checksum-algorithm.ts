import { z } from 'zod';

/**
 * Digests an export can write manifests for: `md5sum -c` and `sha256sum -c` check them (GNU coreutils
 * "md5sum invocation", "sha2 utilities"); MD5 is what archives' upload checks and most facilities use.
 */
export const CHECKSUM_ALGORITHMS = ['md5', 'sha256'] as const;

/** Schema of a checksum algorithm id. */
export const ChecksumAlgorithmSchema = z.enum(CHECKSUM_ALGORITHMS);

/** A checksum algorithm id. */
export type ChecksumAlgorithm = z.infer<typeof ChecksumAlgorithmSchema>;

/** Hex digits of each digest (MD5: 128 bits, RFC 1321; SHA-256: 256 bits, FIPS 180-4). */
export const DIGEST_HEX_LENGTH: Readonly<Record<ChecksumAlgorithm, number>> = { md5: 32, sha256: 64 };

/** Digests of one file, by algorithm (only those asked for). */
export type Digests = Partial<Record<ChecksumAlgorithm, string>>;

/** Parses a `--checksums md5,sha256` value: known ids, no repeats, in the order of CHECKSUM_ALGORITHMS; `none` for no manifests. */
export function parseChecksumList(value: string): ChecksumAlgorithm[] | { readonly error: string } {
  const parts = value.split(',').map((p) => p.trim().toLowerCase()).filter(Boolean);
  if (parts.length === 1 && parts[0] === 'none') return [];
  if (parts.length === 0) return { error: '--checksums needs md5, sha256, both (md5,sha256) or none.' };
  for (const p of parts) {
    if (!(CHECKSUM_ALGORITHMS as readonly string[]).includes(p)) return { error: `--checksums: unknown algorithm "${p}" (use ${CHECKSUM_ALGORITHMS.join(', ')} or none).` };
  }
  return CHECKSUM_ALGORITHMS.filter((a) => parts.includes(a));
}
