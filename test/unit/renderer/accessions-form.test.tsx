// @vitest-environment happy-dom
// The Cite page's accession fields: checked as typed against each archive's pattern (docs/deposit.md §1.9), and
// written into the study metadata's `accessions` only, as the engine reads them.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { AccessionsForm } from '../../../renderer/src/components/AccessionsForm';
import { resetMetadata, setMetadata, useMetadataStore } from '../../../renderer/src/store/metadata-store';

afterEach(() => {
  cleanup();
  resetMetadata();
});

describe('AccessionsForm', () => {
  it('writes what is typed into the accessions and nothing else of the metadata', () => {
    setMetadata({ title: 'A study title long enough for the BIA' });
    render(<AccessionsForm />);
    fireEvent.change(screen.getByLabelText('EMPIAR accession'), { target: { value: ' EMPIAR-12345 ' } });
    fireEvent.change(screen.getByLabelText('EMDB accessions'), { target: { value: 'EMD-1234, EMD-5678' } });
    expect(useMetadataStore.getState().metadata).toEqual({
      title: 'A study title long enough for the BIA',
      accessions: { empiar: 'EMPIAR-12345', emdb: ['EMD-1234', 'EMD-5678'], omics: [] },
    });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says inline what is wrong with a malformed accession, and a blank field is no accession', () => {
    render(<AccessionsForm />);
    const emdb = screen.getByLabelText('EMDB accessions');
    fireEvent.change(emdb, { target: { value: 'EMD-123' } });
    expect(emdb.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toContain('"EMD-123" is not a EMDB accession: they look like EMD-12345.');
    fireEvent.change(emdb, { target: { value: '' } });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(useMetadataStore.getState().metadata.accessions).toEqual({ emdb: [], omics: [] });
  });

  it('adds omics accessions with their archive, checked by that archive’s pattern', () => {
    render(<AccessionsForm />);
    fireEvent.click(screen.getByRole('button', { name: 'Add an omics accession' }));
    // A row without an accession yet is not written (the schema wants text).
    expect(useMetadataStore.getState().metadata.accessions).toBeUndefined();
    fireEvent.change(screen.getByLabelText('Archive of omics accession 1'), { target: { value: 'PRIDE' } });
    fireEvent.change(screen.getByLabelText('Omics accession 1'), { target: { value: 'PXD12345' } });
    expect(screen.getByRole('alert').textContent).toContain('"PXD12345" is not a PRIDE accession: they look like PXD012345.');
    fireEvent.change(screen.getByLabelText('Omics accession 1'), { target: { value: 'PXD012345' } });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(useMetadataStore.getState().metadata.accessions?.omics).toEqual([{ archive: 'PRIDE', accession: 'PXD012345' }]);
    fireEvent.click(screen.getByRole('button', { name: 'Remove omics accession 1' }));
    expect(useMetadataStore.getState().metadata.accessions?.omics).toEqual([]);
  });
});
