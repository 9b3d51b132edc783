// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { ProgressPanel } from '../../../renderer/src/components/ProgressPanel';
import type { ScanProgress } from '../../../shared/ipc/contract';

afterEach(cleanup);

function progress(partial: Partial<ScanProgress>): ScanProgress {
  return {
    phase: 'walking',
    files: 0,
    bytes: 0,
    directories: 1,
    errors: 0,
    headersRead: 0,
    headersTotal: 0,
    elapsedMs: 0,
    filesPerSecond: 0,
    bytesPerSecond: 0,
    currentDirectory: '/data/run1',
    ...partial,
  };
}

const props = { roots: ['/data'], readingAnchor: null, change: { kind: 'new' } as const, onCancel: () => {} };

describe('ProgressPanel', () => {
  it('speaks progress once per phase and every 15 s, not at every tick', () => {
    const { rerender } = render(<ProgressPanel {...props} progress={progress({ files: 100, elapsedMs: 1000 })} />);
    const status = screen.getByRole('status');
    expect(status.textContent).toBe('Listing folders… 100 files, 0 B so far.');
    rerender(<ProgressPanel {...props} progress={progress({ files: 900, elapsedMs: 9000 })} />);
    expect(status.textContent).toBe('Listing folders… 100 files, 0 B so far.');
    expect(screen.getByTestId('progress-files').textContent).toBe('900'); // the visible numbers do follow every tick
    rerender(<ProgressPanel {...props} progress={progress({ files: 2000, elapsedMs: 15_500 })} />);
    expect(status.textContent).toBe('Listing folders… 2,000 files, 0 B so far.');
    rerender(<ProgressPanel {...props} progress={progress({ phase: 'grouping', files: 2100, elapsedMs: 16_000 })} />);
    expect(status.textContent).toBe('Grouping files into filesets… 2,100 files, 0 B so far.');
  });

  it('shows the time left only while reading headers, from the rate measured since reading began', () => {
    const reading = progress({ phase: 'reading', files: 500, headersTotal: 400, headersRead: 100, elapsedMs: 12_000 });
    const { rerender } = render(<ProgressPanel {...props} progress={reading} readingAnchor={null} />);
    expect(screen.getByTestId('progress-remaining').textContent).toBe('not known yet');
    // 100 reads in the 10 s since reading began at 2 s: 300 left at 10 per second, 30 s.
    rerender(<ProgressPanel {...props} progress={reading} readingAnchor={{ elapsedMs: 2000, headersRead: 0 }} />);
    expect(screen.getByTestId('progress-remaining').textContent).toBe('about 30 s');
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('25');
  });

  it('names what the scan does to the study', () => {
    render(<ProgressPanel {...props} change={{ kind: 'add', paths: ['/data/em'] }} progress={null} />);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Adding /data/em to the study');
  });
});
