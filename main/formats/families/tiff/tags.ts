// Tag numbers the TIFF family reads, each with its source. Baseline/extension tags: TIFF 6.0 Sections 8 and
// 18; private tags: cgohlke/tifffile tifffile.py `TIFF.TAGS` and `TiffPage.is_*`, Bio-Formats readers, and
// docs/formats.md §1 and §3 (vendor private tags table).

/** Baseline and extension tags (TIFF 6.0). */
export const TAG = {
  ImageWidth: 256,
  ImageLength: 257,
  BitsPerSample: 258,
  Compression: 259,
  PhotometricInterpretation: 262,
  ImageDescription: 270,
  Make: 271,
  Model: 272,
  SamplesPerPixel: 277,
  XResolution: 282,
  YResolution: 283,
  ResolutionUnit: 296,
  Software: 305,
  SampleFormat: 339,
} as const;

/** Vendor private tags. */
export const PRIVATE = {
  /** JPK Instruments scan tags 0x8000–0x8063 (Gwyddion modules/file/jpk.h, written by JPK). */
  JpkFileFormatVersion: 0x8000,
  JpkSavedByProgram: 0x8002,
  JpkFeedbackMode: 0x8030,
  JpkGridULength: 0x8042,
  JpkGridVLength: 0x8043,
  JpkChannel: 0x8050,
  JpkChannelFancyName: 0x8052,
  /** tifffile TAGS 33471 'OlympusINI', 33560 'OlympusSIS' (`is_sis`); 34853 'OlympusSIS2' (also GPSTag — Bio-Formats SISReader requires Make "Olympus"). */
  OlympusIni: 33471,
  OlympusSis: 33560,
  OlympusSis2: 34853,
  /** tifffile TAGS 33628–33631 UIC1tag…UIC4tag, MetaMorph STK (`is_stk` = 33628). */
  Uic1: 33628,
  Uic2: 33629,
  Uic3: 33630,
  /** tifffile TAGS 34118 'CZ_SEM' (`is_sem`); Bio-Formats LEOReader LEO_TAG = 34118. */
  CzSem: 34118,
  /** tifffile TAGS 34412 'CZ_LSMINFO' (`is_lsm`). */
  CzLsmInfo: 34412,
  /** tifffile TAGS 34680 FEI_SFEG, 34682 FEI_HELIOS, 34683 FEI_TITAN; Bio-Formats FEITiffReader SFEG/HELIOS/TITAN_TAG. */
  FeiSfeg: 34680,
  FeiHelios: 34682,
  FeiTitan: 34683,
  /** tifffile TAGS 51123 'MicroManagerMetadata' (`is_micromanager`). */
  MicroManager: 51123,
  /** EER: 65001 acquisition XML (tifffile `is_eer`), 65002 frame metadata (docs/formats.md §3). */
  EerAcquisition: 65001,
  /** Gatan DigitalMicrograph TIFF export range 65003–65027 (docs/formats.md §3). */
  GatanFirst: 65003,
  GatanLast: 65027,
  /** 65003 x-unit short name and 65009 x scale, as DigitalMicrograph reads them (trasse/jeoltodm jeoltiff.py `savewithtags`). */
  GatanXUnit: 65003,
  GatanXScale: 65009,
  GatanYScale: 65010,
  /** 65027: embedded DM4 tag tree starting 00 00 00 04 (docs/formats.md §3; Gwyddion jeoltem.c checks four = 4, zero = 0). */
  GatanTagTree: 65027,
  /** TFS EER gain reference defect XML (scipion-em-motioncorr `parseEERDefects`: tag.code == 65100). */
  EerGain: 65100,
  /** PerkinElmer/Evotec Opera FlexXML document (Bio-Formats FlexReader FLEX = 65200, "Custom IFD entry for Flex XML"). */
  FlexXml: 65200,
  /** PerkinElmer Harmony/Operetta per-plane XML (Bio-Formats OperettaReader XML_TAG = 65500). */
  OperettaXml: 65500,
} as const;

/** EER frame compression values in tag 259 (tifffile COMPRESSION.EER_V0 65000, EER_V1 65001, EER_V2 65002). */
export const EER_COMPRESSIONS: ReadonlySet<number> = new Set([65000, 65001, 65002]);

/** Compression names for the header fact (TIFF 6.0 Section 3/22; tifffile COMPRESSION enum). */
export const COMPRESSION_NAMES: Readonly<Record<number, string>> = {
  1: 'none',
  2: 'CCITT RLE',
  3: 'CCITT T.4',
  4: 'CCITT T.6',
  5: 'LZW',
  6: 'old JPEG',
  7: 'JPEG',
  8: 'Deflate',
  32773: 'PackBits',
  32946: 'Deflate',
  33003: 'JPEG 2000 (Aperio)',
  33005: 'JPEG 2000 (Aperio)',
  34712: 'JPEG 2000',
  34887: 'LERC',
  34925: 'LZMA',
  50000: 'Zstandard',
  50001: 'WebP',
  65000: 'EER v0 (FIXED82)',
  65001: 'EER v1 (FIXED72)',
  65002: 'EER v2 (variable)',
};
