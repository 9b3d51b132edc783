// The theme's colour pairs meet WCAG 2.2 AA (1.4.3: 4.5:1 for text) in the light and the dark set of
// renderer/src/styles.css. The ratio is WCAG's own definition (relative luminance, sRGB).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.join(__dirname, '..', '..', '..', 'renderer', 'src');
const CSS = readFileSync(path.join(SRC, 'styles.css'), 'utf8');
/** The page and component stylesheets (renderer/src/styles/*.css), by file name. */
const PAGE_CSS = readdirSync(path.join(SRC, 'styles'))
  .filter((f) => f.endsWith('.css'))
  .map((f) => [f, readFileSync(path.join(SRC, 'styles', f), 'utf8')] as const);

/** The custom properties declared in the first `:root { … }` block after `from`. */
function variables(from: number): Map<string, string> {
  const start = CSS.indexOf(':root {', from);
  const body = CSS.slice(start, CSS.indexOf('}', start));
  return new Map([...body.matchAll(/(--[a-z-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1]!, m[2]!.toLowerCase()]));
}

const LIGHT = variables(0);
const DARK = new Map([...LIGHT, ...variables(CSS.indexOf('@media (prefers-color-scheme: dark)'))]);

/** WCAG 2.x relative luminance of an sRGB colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG contrast ratio of two colours. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const TEXT = ['--ink', '--muted', '--accent', '--empiar', '--bia', '--emdb', '--omics', '--none', '--review'];
const SURFACES = ['--bg', '--panel', '--select', '--hover', '--tag-bg', '--head-bg'];
const FILLS = ['--empiar', '--bia', '--emdb', '--omics', '--none', '--review'];
/** Coloured text on its own tinted background (error and warning banners, tags, reasons). */
const TINTED: readonly (readonly [string, string])[] = [
  ['--none', '--error-bg'],
  ['--none', '--error-tag-bg'],
  ['--review', '--warn-bg'],
  ['--review', '--warn-tag-bg'],
  ['--ink', '--error-bg'],
  ['--ink', '--warn-bg'],
  ['--ink', '--info-bg'],
  ['--ink', '--quote-bg'],
  ['--accent-ink', '--accent'],
];

describe.each([
  ['light', LIGHT],
  ['dark', DARK],
])('the %s theme', (_name, vars) => {
  const get = (name: string): string => {
    const v = vars.get(name);
    if (!v) throw new Error(`${name} is not a #rrggbb variable of styles.css`);
    return v;
  };

  it.each(TEXT.flatMap((fg) => SURFACES.map((bg) => [fg, bg] as const)))('%s text on %s is at least 4.5:1', (fg, bg) => {
    expect(contrast(get(fg), get(bg))).toBeGreaterThanOrEqual(4.5);
  });

  it.each(FILLS)('badge text on %s is at least 4.5:1', (fill) => {
    expect(contrast(get('--badge-ink'), get(fill))).toBeGreaterThanOrEqual(4.5);
  });

  it.each(TINTED)('%s on %s is at least 4.5:1', (fg, bg) => {
    expect(contrast(get(fg), get(bg))).toBeGreaterThanOrEqual(4.5);
  });

  it('the focus ring stands out from the panels (WCAG 1.4.11: 3:1)', () => {
    for (const bg of SURFACES) expect(contrast(get('--focus'), get(bg))).toBeGreaterThanOrEqual(3);
  });
});

describe('the theme variables', () => {
  it('declare every light variable again for dark, so no colour is left light on a dark page', () => {
    const dark = variables(CSS.indexOf('@media (prefers-color-scheme: dark)'));
    expect([...LIGHT.keys()].filter((k) => !dark.has(k))).toEqual([]);
  });

  it('are the only colours the stylesheet names', () => {
    const outsideRoot = CSS.replace(/:root \{[^}]*\}/g, '');
    expect(outsideRoot.match(/#[0-9a-f]{3,8}\b/gi) ?? []).toEqual([]);
  });

  it.each(PAGE_CSS)('are the only colours %s names, and every variable it uses exists', (_file, css) => {
    expect(css.match(/#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(/gi) ?? []).toEqual([]);
    const used = [...css.matchAll(/var\((--[a-z0-9-]+)/gi)].map((m) => m[1]!);
    // The theme's variables, and any the file declares for itself.
    const declared = new Set([...(CSS + css).matchAll(/(--[a-z0-9-]+):/gi)].map((m) => m[1]!));
    expect([...new Set(used)].filter((v) => !declared.has(v))).toEqual([]);
  });
});
