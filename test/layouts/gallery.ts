// Every layout of the gallery, by domain. Each domain file cites the sources of its layouts.
import { CRYO_LAYOUTS } from './gallery/cryo';
import { VEM_XRAY_LAYOUTS } from './gallery/vem-xray';
import { LM_OMICS_LAYOUTS } from './gallery/lm-omics';
import type { StudyLayout } from './types';

/** The whole gallery. */
export const GALLERY: readonly StudyLayout[] = [...CRYO_LAYOUTS, ...VEM_XRAY_LAYOUTS, ...LM_OMICS_LAYOUTS];
