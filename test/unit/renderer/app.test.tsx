// @vitest-environment happy-dom
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from '../../../renderer/src/App';
import { resetScan } from '../../../renderer/src/store/scan-store';
import { inProcessApi } from '../../helpers/in-process-api';
import { listRegularFiles, makeTree, removeTree } from '../../helpers/temp-tree';

const DEMO = path.join(__dirname, '..', '..', '..', 'demo', 'study');
let root = '';
afterEach(() => {
  cleanup();
  resetScan();
  removeTree(root);
});

describe('App', () => {
  it('starts on the drop zone with the three ways in', () => {
    render(<App api={inProcessApi()} />);
    expect(screen.getByRole('heading', { name: 'Drop dataset folders here' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Open folders…' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try the demo study' })).toBeTruthy();
  });

  it('scans the demo study and shows its totals and destinations', async () => {
    const api = inProcessApi({ appInfo: () => ({ name: 'Deposit Assistant', version: 't', demoStudyPath: DEMO }) });
    render(<App api={api} />);
    fireEvent.click(screen.getByRole('button', { name: 'Try the demo study' }));
    const totals = await screen.findByTestId('summary-totals', {}, { timeout: 10_000 });
    expect(totals.textContent).toContain(`${listRegularFiles(DEMO).length} files`);
    // One overview card per destination, the omics archive by name.
    const cards = screen.getAllByTestId('destination-card').map((c) => c.textContent ?? '');
    for (const d of ['EMPIAR', 'BioImage Archive', 'EMDB', 'ArrayExpress', 'Not depositable']) expect(cards.some((c) => c.includes(d))).toBe(true);
    expect(screen.getByTestId('summary-study').textContent).toMatch(/Patient-associated medical imaging was found/);
    // The first fileset (clinical/CT_small.dcm) is selected: patient data, with the clause that blocks it.
    expect(screen.getByTestId('fileset-reason').textContent).toMatch(/^Patient-identifying fields are filled \(PatientName, PatientID, PatientSex\)/);
    expect(screen.getByTestId('fileset-clause').textContent).toMatch(/Patient-identifiable imaging data \(patient-identifiable/);
  });

  it('scans folders chosen in the dialog', async () => {
    root = makeTree({ 'x_1.tif': 1, 'x_2.tif': 1 });
    render(<App api={inProcessApi({ folders: { chooseFolders: async () => [root], chooseExportFolder: async () => null } })} />);
    fireEvent.click(screen.getByRole('button', { name: 'Open folders…' }));
    await waitFor(() => expect(screen.getByTestId('summary-totals').textContent).toMatch(/2 files/));
  });

  it('scans a dropped folder, and says so when a drop has no location', async () => {
    root = makeTree({ 'a.tif': 1 });
    render(<App api={inProcessApi({}, { study: root })} />);
    const zone = screen.getByTestId('drop-zone');
    fireEvent.drop(zone, { dataTransfer: { files: [new File([], 'clipboard-image.png')] } });
    expect((await screen.findByTestId('scan-error')).textContent).toMatch(/no location on disk/);
    fireEvent.drop(screen.getByTestId('drop-zone'), { dataTransfer: { files: [new File([], 'study')] } });
    await waitFor(() => expect(screen.getByTestId('summary-totals').textContent).toMatch(/1 files/));
  });

  it('shows main’s reason when a dropped item is not a folder', async () => {
    root = makeTree({ 'a.tif': 1 });
    render(<App api={inProcessApi({}, { 'a.tif': `${root}/a.tif` })} />);
    fireEvent.drop(screen.getByTestId('drop-zone'), { dataTransfer: { files: [new File([], 'a.tif')] } });
    expect((await screen.findByTestId('scan-error')).textContent).toMatch(/is not a folder/);
  });
});
