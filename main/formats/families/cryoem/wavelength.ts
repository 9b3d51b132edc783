import { significant } from '../../kit/units';

/**
 * Telling electrons from X-rays by the wavelength a diffraction header states, and the accelerating
 * voltage an electron wavelength implies. The relativistic de Broglie wavelength of an electron
 * accelerated through V volts is λ = h / √(2 m₀ e V (1 + e V / 2 m₀ c²)) (Williams & Carter, Transmission
 * Electron Microscopy, eq. 1.6 and Table 1.1: 100 kV 0.00370 nm, 200 kV 0.00251 nm, 300 kV 0.00197 nm).
 * Solved for the kinetic energy E = eV: E = √((m₀c²)² + (hc/λ)²) − m₀c². docs/formats.md §20.1.
 */

/** Electron rest energy m₀c² in eV (CODATA 2018: 0.51099895000 MeV). */
const ELECTRON_REST_EV = 510_998.95;
/** hc in eV·Å (CODATA 2018: 1.239841984 µeV·m = 12398.41984 eV·Å); also keV = 12.39841984 / λ[Å] for X-rays. */
const HC_EV_ANGSTROM = 12_398.419_84;

/**
 * Electron wavelengths of transmission microscopes: 3 MV (0.00357 Å) to 20 kV (0.0859 Å) spans every TEM
 * ever built; MicroED is done at 120–300 kV (0.0335–0.0197 Å).
 */
export const ELECTRON_WAVELENGTH_A = [0.003, 0.09] as const;
/**
 * X-ray wavelengths of diffraction: 0.2 Å (62 keV, hard-X-ray beamlines) to 5 Å (2.5 keV, long-wavelength
 * beamlines such as Diamond I23); laboratory Cu Kα is 1.5418 Å, Mo Kα 0.7107 Å.
 */
export const XRAY_WAVELENGTH_A = [0.2, 5] as const;

/** What radiation a wavelength in Å belongs to; `undefined` outside both ranges (a wrong unit or a lie). */
export function radiationOf(wavelengthA: number): 'electron' | 'X-ray' | undefined {
  if (!Number.isFinite(wavelengthA)) return undefined;
  if (wavelengthA >= ELECTRON_WAVELENGTH_A[0] && wavelengthA <= ELECTRON_WAVELENGTH_A[1]) return 'electron';
  if (wavelengthA >= XRAY_WAVELENGTH_A[0] && wavelengthA <= XRAY_WAVELENGTH_A[1]) return 'X-ray';
  return undefined;
}

/** Accelerating voltage in kV of electrons with this wavelength in Å (relativistic), to four significant digits. */
export function electronKvFromWavelength(wavelengthA: number): number {
  const pc = HC_EV_ANGSTROM / wavelengthA;
  const kinetic = Math.sqrt(ELECTRON_REST_EV ** 2 + pc ** 2) - ELECTRON_REST_EV;
  return significant(kinetic / 1000, 4);
}

/** Photon energy in keV of X-rays with this wavelength in Å, to five significant digits. */
export function xrayKevFromWavelength(wavelengthA: number): number {
  return significant(HC_EV_ANGSTROM / 1000 / wavelengthA, 5);
}
