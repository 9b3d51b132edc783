import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { ExportEvent, IpcResponse } from '../../shared/ipc/contract';
import type { ChecksumAlgorithm } from '../../shared/export/checksum-algorithm';
import type { StudyMetadata } from '../../shared/deposit/metadata';
import { checkExportTarget } from '../export/export-target';
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
 * Runs exports for the UI: checks the folder (the same refusals as the CLI), starts the export in the
 * background and streams its progress and end; one can be cancelled, and all are when the window closes.
 */
export class ExportService {
  private readonly running = new Map<string, AbortController>();

  /** Creates the service over the scans whose reports it exports. */
  constructor(
    private readonly scans: ScanService,
    private readonly options: ExportServiceOptions = {},
  ) {}

  /** Checks and starts an export; `emit` receives its progress and its end. Throws for an unknown scan. */
  start(req: ExportRequest, emit: (event: ExportEvent) => void): Exclude<IpcResponse<'export:start'>, { status: 'no-folder' }> {
    const report = this.scans.fullReport(req.scanId);
    const check = checkExportTarget(req.out, report.roots, req.replace, '/');
    if (!check.ok) return { status: 'refused', reason: check.reason, message: check.message };
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
        if (outcome.status === 'done') emit({ type: 'done', exportId, summary: outcome.summary });
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

  /** Cancels every running export (the window is closing). */
  cancelAll(): void {
    for (const c of this.running.values()) c.abort();
  }
}
