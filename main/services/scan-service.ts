import { randomUUID } from 'node:crypto';
import type { ScanEvent } from '../../shared/ipc/contract';
import type { ScanReport, ScanReportView } from '../../shared/model/scan-report';
import { toReportView } from '../../shared/model/report-view';
import { resolveRoots } from '../scan/roots';
import { scanResolved, type ScanOptions } from '../scan/run-scan';
import { reportFromScanned, type ScannedStudy } from '../scan/build-report';
import type { PolicyInput } from '../../shared/study/decide-study';

/**
 * Finished scans kept for paging their file lists; older ones are dropped. Two: the one on screen and the
 * one before it — a report of a million files holds about 100 MB of paths.
 */
export const RETAINED_SCANS = 2;

/** A scan request main refuses before starting, with the message the user sees. */
export class InvalidRootsError extends Error {
  /** Lists every root that cannot be scanned. */
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'InvalidRootsError';
  }
}

/** A scan or fileset id main does not know (finished long ago, or never existed). */
export class UnknownScanError extends Error {}

interface Finished {
  readonly scanned: ScannedStudy;
  report: ScanReport;
}

/** Test seams of the service (issue 12: a report that fails the event schema must end as `failed`). */
export interface ScanServiceHooks {
  /** Builds the UI's view of a finished report; `toReportView` unless a test breaks it. */
  readonly view?: (report: ScanReport, scanId: string) => ScanReportView;
}

/** What the window is told when the end of a scan (`what`) cannot be sent to it, and what to do. */
function unsentMessage(what: string, err: unknown): string {
  const why = err instanceof Error ? err.message || err.name : String(err) || 'no reason given';
  return `${what} could not be sent to the window (${why}). Nothing was changed on disk. Scan again; if it fails again, run deposit-assistant scan --json on the folder and report the problem.`;
}

/** The message of a failed scan: never empty (the event schema requires one). */
function failureMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.trim() ? text : `The scan failed without a message (${err instanceof Error ? err.name : typeof err}).`;
}

interface Running {
  readonly controller: AbortController;
}

/** Runs scans for the UI: starts them in the background, streams their events, keeps recent reports for paging. */
export class ScanService {
  private readonly running = new Map<string, Running>();
  private readonly finished = new Map<string, Finished>();

  /** Creates the service; options (a test file system, clocks) are passed to every scan. */
  constructor(
    private readonly options: Omit<ScanOptions, 'signal' | 'onProgress'> = {},
    private readonly hooks: ScanServiceHooks = {},
  ) {}

  /**
   * Checks the roots, then starts the scan and returns its id at once; `emit` receives its progress and its
   * end. Roots that cannot be scanned reject the call and no scan starts.
   */
  async start(roots: readonly string[], emit: (event: ScanEvent) => void): Promise<string> {
    const resolved = await resolveRoots(roots, this.options.cwd);
    if (resolved.problems.length > 0) throw new InvalidRootsError(resolved.problems.map((p) => p.message));
    const scanId = randomUUID();
    const controller = new AbortController();
    this.running.set(scanId, { controller });
    // Every end is sent through `finish`, which never throws: an event that cannot be sent (main's event
    // parse refuses it, the window is gone) becomes a `failed` event, never an unhandled rejection.
    const finish = (what: string, event: () => ScanEvent): void => {
      try {
        emit(event());
      } catch (err) {
        try {
          emit({ type: 'failed', scanId, message: unsentMessage(what, err) });
        } catch {
          // Not even a failure can be sent (the window is gone): there is no one left to tell.
        }
      }
    };
    const view = this.hooks.view ?? toReportView;
    scanResolved(resolved, {
      ...this.options,
      signal: controller.signal,
      onProgress: (progress) => emit({ type: 'progress', scanId, progress }),
    })
      .then(
        (outcome) => {
          this.running.delete(scanId);
          if (outcome.status === 'done') {
            this.remember(scanId, { scanned: outcome.scanned, report: outcome.report });
            finish('The scan finished, but its report', () => ({ type: 'done', scanId, report: view(outcome.report, scanId) }));
          } else {
            finish('The scan was cancelled, but that', () => ({ type: 'cancelled', scanId, progress: outcome.progress }));
          }
        },
        (err: unknown) => {
          this.running.delete(scanId);
          finish('The scan failed, and its error', () => ({ type: 'failed', scanId, message: failureMessage(err) }));
        },
      )
      .catch(() => {
        // `finish` does not throw; this only keeps a future mistake from becoming an unhandled rejection.
      });
    return scanId;
  }

  /** Cancels a running scan; false if it is not running (already finished, or unknown). */
  cancel(scanId: string): boolean {
    const run = this.running.get(scanId);
    if (!run) return false;
    run.controller.abort();
    return true;
  }

  /** Cancels every running scan (the window is closing). */
  cancelAll(): void {
    for (const run of this.running.values()) run.controller.abort();
  }

  /** The UI's view of a finished scan's report. */
  report(scanId: string): ScanReportView {
    return toReportView(this.get(scanId), scanId);
  }

  /** Re-routes a finished scan under new thresholds and overrides (deterministic: the same input gives the same report) and returns the UI's view of it. */
  route(scanId: string, policy: PolicyInput): ScanReportView {
    const entry = this.entry(scanId);
    entry.report = reportFromScanned(entry.scanned, policy);
    return toReportView(entry.report, scanId);
  }

  /** The complete report of a finished scan, file lists included (for exports, never sent whole to the UI). */
  fullReport(scanId: string): ScanReport {
    return this.get(scanId);
  }

  /** A page of one fileset's files, as POSIX paths relative to its root. */
  files(scanId: string, filesetId: string, offset: number, limit: number): { files: string[]; total: number } {
    const fileset = this.get(scanId).filesets.find((f) => f.id === filesetId);
    if (!fileset) throw new UnknownScanError(`No fileset ${filesetId} in scan ${scanId}.`);
    return { files: fileset.files.slice(offset, offset + limit), total: fileset.files.length };
  }

  private get(scanId: string): ScanReport {
    return this.entry(scanId).report;
  }

  private entry(scanId: string): Finished {
    const entry = this.finished.get(scanId);
    if (!entry) throw new UnknownScanError(`No finished scan ${scanId} (it may have been replaced by newer scans).`);
    return entry;
  }

  private remember(scanId: string, entry: Finished): void {
    this.finished.set(scanId, entry);
    while (this.finished.size > RETAINED_SCANS) {
      const oldest = this.finished.keys().next().value;
      if (oldest === undefined) break;
      this.finished.delete(oldest);
    }
  }
}
