import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** A rectangle in screen coordinates (Electron's `Rectangle`). */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** What is remembered of the window between runs. */
export const WindowStateSchema = z
  .object({
    x: z.number().int(),
    y: z.number().int(),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    maximized: z.boolean(),
  })
  .strict();

/** The window's remembered size, position and maximized state. */
export type WindowState = z.infer<typeof WindowStateSchema>;

/** Where and how large the window opens: a position only when the remembered one is still on a screen. */
export interface WindowPlacement {
  readonly bounds: { readonly x?: number; readonly y?: number; readonly width: number; readonly height: number };
  readonly maximized: boolean;
}

/** The window's size limits. */
export interface SizeLimits {
  readonly width: number;
  readonly height: number;
  readonly minWidth: number;
  readonly minHeight: number;
}

/**
 * How much of the window's top strip (its title bar) must lie on one display's work area for the
 * remembered position to be kept: enough to grab and drag it back. Below that — the monitor it was on is
 * unplugged, or the resolution changed — the window opens centred on the primary display instead.
 */
export const MIN_VISIBLE_WIDTH = 120;
/** Height of the top strip checked by MIN_VISIBLE_WIDTH (about a title bar). */
export const TITLE_BAR_HEIGHT = 32;

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

/**
 * Where the window opens, from what was remembered (anything: a hand-edited or corrupt file is ignored)
 * and the displays' work areas now. The size is kept within the limits and the largest display; the
 * position only if the title bar is reachable on some display, and then moved so the window fits on it.
 */
export function placeWindow(saved: unknown, displays: readonly Rect[], limits: SizeLimits): WindowPlacement {
  const parsed = WindowStateSchema.safeParse(saved);
  if (!parsed.success || displays.length === 0) return { bounds: { width: limits.width, height: limits.height }, maximized: false };
  const state = parsed.data;
  const maxWidth = Math.max(...displays.map((d) => d.width));
  const maxHeight = Math.max(...displays.map((d) => d.height));
  const width = Math.max(limits.minWidth, Math.min(state.width, maxWidth));
  const height = Math.max(limits.minHeight, Math.min(state.height, maxHeight));
  const titleBar: Rect = { x: state.x, y: state.y, width, height: TITLE_BAR_HEIGHT };
  const display = displays.find((d) => {
    const o = overlap(titleBar, d);
    return o.width >= Math.min(MIN_VISIBLE_WIDTH, width) && o.height >= TITLE_BAR_HEIGHT / 2;
  });
  if (!display) return { bounds: { width, height }, maximized: state.maximized };
  // On that display: no larger than it (down to the minimum size), pulled in so no edge hangs off it.
  const w = Math.max(limits.minWidth, Math.min(width, display.width));
  const h = Math.max(limits.minHeight, Math.min(height, display.height));
  const x = Math.max(display.x, Math.min(state.x, display.x + display.width - w));
  const y = Math.max(display.y, Math.min(state.y, display.y + display.height - h));
  return { bounds: { x, y, width: w, height: h }, maximized: state.maximized };
}

/** The remembered state in `file`, or `null` when there is none or it cannot be read (then the defaults apply). */
export function readWindowState(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

/**
 * Writes the state atomically: a temporary file beside it, then a rename, so a crash mid-write leaves the
 * old file or the new one, never half of one. A failure is returned, not thrown: losing the window's
 * position must never stop the app from closing.
 */
export function writeWindowState(file: string, state: WindowState): Error | null {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(tmp, `${JSON.stringify(WindowStateSchema.parse(state), null, 2)}\n`, 'utf8');
    renameSync(tmp, file);
    return null;
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}
