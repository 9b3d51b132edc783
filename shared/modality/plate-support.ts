import { PLATE_SUPPORT_KINDS, type PlateSupportKind } from '../layouts/folder-layouts';
import type { Signals } from './signals';

/**
 * An image of a plate that is not a screen image, as the plate's layout names it (shared/layouts/folder-layouts.ts:
 * MetaXpress `_thumb` previews, CellVoyager shading-correction sources).
 */
export function plateSupportKind(s: Signals): PlateSupportKind | undefined {
  const kind = s.processingKind;
  if (s.f.kind !== 'image' || !s.layoutKinds.has('hcs-plate') || kind === undefined) return undefined;
  return (PLATE_SUPPORT_KINDS as readonly string[]).includes(kind) ? (kind as PlateSupportKind) : undefined;
}
