import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { assertNever } from '../../shared/assert-never';
import type { ExportEvent, IpcResponse } from '../../shared/ipc/contract';
import type { ChecksumAlgorithm } from '../../shared/export/checksum-algorithm';
import type { StudyMetadata } from '../../shared/deposit/metadata';
import { checkExportTarget, type RefusalReason } from '../export/export-target';
import { exportStudy } from '../export/export-study';
import type { ExportHooks } from '../export/write-export';
import type { ScanService } from './scan-service';

/** What the UI asks to export: a finished scan, the metadata, the folder main's dialog returned, the digests. */
export interface ExportRequest {
  readonly scanId: string;
  readonly metadata: StudyMetadata;
  /** Absolute path from the save-folder dialog (never from the renderer). */
  readonly out: string;
  readonly checksums: readonly ChecksumAlgorithm[];
  /** The user agreed to replace an earlier export there (`--force`). */
  readonly replace: boolean;
}

/** Options for every export (tests: worker threads, hooks). */
export interface ExportServiceOptions {
  readonly workers?: number;
  readonly hooks?: ExportHooks;
}

/**
 * A refusal in the window's words: the CLI's messages name its flags (--force, --out), which mean nothing in the
 * app, where the folder comes from a dialog and replacing is a button. Reasons without a flag keep main's message.
 */
function windowMessage(reason: RefusalReason, message: string, out: string): string {
  switch (reason) {
    case 'exists':
      return `${out} already exists. Replace the earlier export there, or export again and choose another folder.`;
    case 'not-an-export':
      return `${out} exists and was not written by Deposit Assistant, so it is never replaced. Export again and choose another folder.`;
    case 'parent-missing':
      return `${path.dirname(out)} does not exist. Export again and choose a folder that does.`;
    case 'parent-not-writable':
      return `${path.dirname(out)} cannot be written to. Export again and choose another folder.`;
    case 'inside-root':
    case 'contains-root':
      return message;
    default:
      return assertNever(reason, 'export refusal');
  }
}

/**
 * Runs exports for the UI: checks the folder (the same refusals as the CLI), starts the export in the
 * background and streams its progress and end; one can be cancelled, and all are when the window closes.
 */
export class ExportService {
  private readonly running = new Map<string, AbortController>();
  /** Folders of the exports that finished, by id, and the latest one: what `shell:reveal` may show. */
  private readonly finished = new Map<string, string>();
  private latest: string | null = null;

  /** Creates the service over the scans whose reports it exports. */
  constructor(
    private readonly scans: ScanService,
    private readonly options: ExportServiceOptions = {},
  ) {}

  /** Checks and starts an export; `emit` receives its progress and its end. Throws for an unknown scan. */
  start(req: ExportRequest, emit: (event: ExportEvent) => void): Exclude<IpcResponse<'export:start'>, { status: 'no-folder' }> {
    const report = this.scans.fullReport(req.scanId);
    const check = checkExportTarget(req.out, report.roots, req.replace, '/');
    if (!check.ok) return { status: 'refused', reason: check.reason, message: windowMessage(check.reason, check.message, req.out) };
    const exportId = randomUUID();
    const controller = new AbortController();
    this.running.set(exportId, controller);
    exportStudy({
      report,
      metadata: req.metadata,
      target: check.target,
      algorithms: req.checksums,
      signal: controller.signal,
      onProgress: (progress) => emit({ type: 'progress', exportId, progress }),
      ...(this.options.workers !== undefined ? { workers: this.options.workers } : {}),
      ...(this.options.hooks ? { hooks: this.options.hooks } : {}),
    }).then(
      (outcome) => {
        this.running.delete(exportId);
        if (outcome.status === 'done') {
          this.finished.set(exportId, outcome.summary.out);
          this.latest = outcome.summary.out;
          emit({ type: 'done', exportId, summary: outcome.summary });
        }
        else emit({ type: 'cancelled', exportId, progress: outcome.progress, resumable: existsSync(outcome.partial) });
      },
      (err: unknown) => {
        this.running.delete(exportId);
        emit({ type: 'failed', exportId, message: `The export could not be written: ${err instanceof Error ? err.message : String(err)}. Nothing was left at ${check.target.out}.` });
      },
    );
    return { status: 'started', exportId, out: check.target.out };
  }

  /** Cancels a running export; false if it is not running. */
  cancel(exportId: string): boolean {
    const c = this.running.get(exportId);
    if (!c) return false;
    c.abort();
    return true;
  }

  /** The folder a finished export wrote (the latest export's when no id is given); `null` if there is none. */
  folderOf(exportId?: string): string | null {
    return exportId === undefined ? this.latest : (this.finished.get(exportId) ?? null);
  }

  /** Cancels every running export (the window is closing). */
  cancelAll(): void {
    for (const c of this.running.values()) c.abort();
  }
}
