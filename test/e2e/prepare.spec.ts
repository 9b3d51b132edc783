import path from 'node:path';
import { test, expect, expectNoA11yViolations, type OpenApp } from './fixtures';
import type { Locator, Page } from '@playwright/test';
import { GALLERY } from '../layouts/gallery';
import { EXAMPLE_METADATA } from '../../shared/deposit/example-metadata';
import { makeTempDir, makeTree, removeTree } from '../helpers/temp-tree';

/**
 * Journey 4, Prepare: a correlative study on two disks (`clem-two-disks-registration-folder`: confocal ND2 on
 * one root, a 3View SBF-SEM run and a registration folder on the other) goes to EMPIAR and the BIA (policy
 * note 3). With no metadata neither bundle is ready; the example document (shared/deposit/example-metadata.ts,
 * which every archive's checks accept, docs/deposit.md §1.1) typed into the form makes both ready; the draft
 * is saved as it is typed and comes back from the recent-studies list after a reload.
 */

const dirs: string[] = [];
test.afterEach(() => {
  while (dirs.length) removeTree(dirs.pop()!);
});

/** Writes the gallery layout and returns its two roots (lm_disk, em_disk). */
function twoDiskStudy(): string[] {
  const layout = GALLERY.find((l) => l.id === 'clem-two-disks-registration-folder');
  if (!layout?.roots) throw new Error('layout clem-two-disks-registration-folder with roots not found');
  const top = makeTree(layout.tree());
  dirs.push(top);
  return layout.roots.map((r) => path.join(top, r));
}

async function openStudy(openApp: OpenApp, roots: string[], draftsDir: string): Promise<Page> {
  const page = await openApp({ dialogPaths: roots, draftsDir });
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.getByRole('button', { name: 'Open folders…' }).click();
  await page.getByRole('navigation', { name: 'Study pages' }).getByRole('button', { name: 'Prepare' }).click();
  await expect(page.getByRole('heading', { name: 'Prepare', level: 2 })).toBeVisible();
  return page;
}

const checklist = (page: Page, name: string) => page.getByRole('region', { name: `${name} checklist` });
const authorCard = (page: Page, n: number) => page.getByRole('region', { name: 'Authors' }).getByRole('listitem').nth(n);
const organisationCard = (page: Page, n: number) => page.getByRole('region', { name: 'Organisations' }).getByRole('listitem').nth(n);

async function fillOrganisation(card: Locator, o: (typeof EXAMPLE_METADATA.organisations)[number]): Promise<void> {
  await card.getByLabel('Name').fill(o.name);
  if (o.address) await card.getByLabel('Street address').fill(o.address);
  if (o.city) await card.getByLabel('City').fill(o.city);
  if (o.postcode) await card.getByLabel('Postcode').fill(o.postcode);
  if (o.country) await card.getByLabel('Country').selectOption(o.country);
}

test('prepare: checklists not ready, ORCID checked as typed, the example document makes EMPIAR and BIA ready, the draft reopens', async ({ openApp }) => {
  // A whole document typed field by field, then a reload and a re-scan: longer than the default 30 s.
  test.setTimeout(120_000);
  const roots = twoDiskStudy();
  const draftsDir = makeTempDir('da-e2e-drafts-');
  dirs.push(draftsDir);
  const page = await openStudy(openApp, roots, draftsDir);
  const m = EXAMPLE_METADATA;

  // Both archives the study goes to have a checklist, and with no metadata neither is ready.
  for (const name of ['EMPIAR', 'BioImage Archive']) {
    const bar = checklist(page, name).getByRole('progressbar', { name: `${name} readiness` });
    await expect(bar).toHaveAttribute('aria-valuetext', /^\d+ of \d+ steps, not ready$/);
    await expect(checklist(page, name)).toContainText('Not ready');
  }
  // A step with a policy clause behind it links to the policy page; the rest name their section of the archive notes.
  await expect(checklist(page, 'EMPIAR').getByText('Rule: docs/empiar.md §1.1').first()).toBeVisible();
  // With nothing entered EMPIAR lacks exactly a title, an author and a release policy (docs/deposit.md §1.2, §1.3, §1.6; a missing licence blocks only the BIA, §1.5).
  await expect(page.getByTestId('missing-EMPIAR')).toContainText('EMPIAR: 3 problems — Title, Authors, Release');
  await page.screenshot({ path: test.info().outputPath('prepare-empty-1024.png') });
  await expectNoA11yViolations(page, 'the Prepare page, empty');
  // Each missing item leads to its field: the BIA's missing licence (docs/deposit.md §1.5) to the licence choice, by keyboard.
  await page.getByTestId('missing-BIA').locator('summary').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('missing-BIA').getByRole('button', { name: 'Licence' }).click();
  await expect(page.getByRole('radio', { name: /^CC0/ })).toBeFocused();

  // Organisations first, so authors can be affiliated with them.
  for (const [i, o] of m.organisations.entries()) {
    await page.getByRole('button', { name: 'Add organisation' }).click();
    await fillOrganisation(organisationCard(page, i), o);
  }

  // An ORCID iD one digit off ORCID's example: the field says the check digit is wrong as it is typed.
  await page.getByRole('button', { name: 'Add author' }).click();
  const first = authorCard(page, 0);
  const orcid = first.getByLabel('ORCID iD');
  await orcid.fill('0000-0002-1825-0096');
  await expect(orcid).toHaveAccessibleDescription(/wrong check digit \(6; the first 15 digits give 7\)/);
  await expect(orcid).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: test.info().outputPath('prepare-orcid-1024.png') });
  await expectNoA11yViolations(page, 'the Prepare page with a field in error');
  await orcid.fill(m.authors[0]!.orcid!);
  await expect(orcid).not.toHaveAttribute('aria-invalid', 'true');

  // The rest of the example document, field by field, as a person would type it.
  await page.getByLabel('Title (required)', { exact: true }).fill(m.title);
  await page.getByLabel('Description (required)', { exact: true }).fill(m.description);
  await page.getByLabel('Keywords').fill(m.keywords.join('\n'));
  for (const [i, a] of m.authors.entries()) {
    if (i > 0) await page.getByRole('button', { name: 'Add author' }).click();
    const card = authorCard(page, i);
    await card.getByLabel('Given name').fill(a.givenName);
    await card.getByLabel('Family name').fill(a.familyName);
    if (a.email) await card.getByLabel('E-mail').fill(a.email);
    for (const id of a.affiliations) await card.getByRole('checkbox', { name: m.organisations.find((o) => o.id === id)!.name }).check();
    await card.getByRole('checkbox', { name: 'Corresponding author' }).setChecked(a.corresponding);
    await card.getByRole('checkbox', { name: 'Principal investigator' }).setChecked(a.principalInvestigator);
  }
  await page.getByRole('radio', { name: /^CC0/ }).check();
  await page.getByRole('radio', { name: 'When the paper is published' }).check();
  await page.getByLabel('Paper title').fill(m.publication!.title);
  await page.getByLabel('Status').selectOption(m.publication!.status);
  await page.getByRole('button', { name: 'Add grant' }).click();
  await page.getByLabel('Grant 1: agency').fill(m.funding[0]!.agency);
  await page.getByLabel('Grant 1: grant id').fill(m.funding[0]!.grantId!);
  await page.getByRole('button', { name: 'Add organism' }).click();
  await page.getByLabel('Organism 1: scientific name').fill(m.organisms[0]!.scientificName);
  await page.getByLabel('Organism 1: NCBI taxon id').fill(String(m.organisms[0]!.ncbiTaxonId));
  await page.getByLabel('Biological entity (what was imaged)').fill(m.biosample.biologicalEntity!);
  await page.getByLabel('Biosample description').fill(m.biosample.description!);
  await page.getByLabel('Specimen preparation').fill(m.specimen.preparation!);
  await page.getByLabel('Growth protocol').fill(m.specimen.growthProtocol!);
  await page.getByLabel('Scale of the imaged object').selectOption(m.scale!);
  await page.getByLabel('Facility name').fill(m.facility!.name);
  await page.getByLabel('Acknowledgement wording').fill(m.facility!.acknowledgement!);

  // EMPIAR and the BIA are ready: no blocking step is left (docs/deposit.md §2.1).
  for (const name of ['EMPIAR', 'BioImage Archive']) {
    await expect(checklist(page, name).getByRole('progressbar', { name: `${name} readiness` })).toHaveAttribute('aria-valuetext', /, ready$/);
  }
  await expect(page.getByTestId('missing-EMPIAR')).toContainText('nothing in the metadata');
  await expect(page.getByTestId('missing-BIA')).toContainText('nothing in the metadata');
  await expect(page.getByTestId('draft-status')).toContainText('Draft saved at');
  await page.screenshot({ path: test.info().outputPath('prepare-ready-1024.png') });
  await authorCard(page, 1).screenshot({ path: test.info().outputPath('prepare-author-card.png') });
  await expectNoA11yViolations(page, 'the Prepare page, complete');
  await page.setViewportSize({ width: 1920, height: 1200 });
  await page.screenshot({ path: test.info().outputPath('prepare-ready-1920.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: test.info().outputPath('prepare-ready-1920-dark.png') });
  await expectNoA11yViolations(page, 'the Prepare page, dark theme');
  await page.emulateMedia({ colorScheme: 'light' });

  // Reload the window: the start screen lists the study; reopening it scans its folders again and brings the metadata back.
  await page.reload();
  const recent = page.getByRole('region', { name: 'Recent studies' });
  await expect(recent).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('recent-studies-1920.png') });
  await expectNoA11yViolations(page, 'the start screen with recent studies');
  await recent.getByRole('button', { name: new RegExp(`^${m.title}`) }).click();
  await page.getByRole('navigation', { name: 'Study pages' }).getByRole('button', { name: 'Prepare' }).click();
  await expect(page.getByLabel('Title (required)', { exact: true })).toHaveValue(m.title);
  await expect(authorCard(page, 0).getByLabel('ORCID iD')).toHaveValue(m.authors[0]!.orcid!);
  await expect(authorCard(page, 1).getByLabel('Family name')).toHaveValue(m.authors[1]!.familyName);
  await expect(organisationCard(page, 0).getByLabel('Country')).toHaveValue('GB');
  await expect(page.getByTestId('draft-status')).toContainText('Restored from the draft');
  await expect(checklist(page, 'EMPIAR').getByRole('progressbar', { name: 'EMPIAR readiness' })).toHaveAttribute('aria-valuetext', /, ready$/);

  // A step whose rule is a policy clause opens the policy page (the BIA cross-link rests on policy point 3, separate deposits).
  await checklist(page, 'EMPIAR').getByRole('button', { name: /^Open in policy/ }).first().click();
  await expect(page.getByRole('navigation', { name: 'Study pages' }).getByRole('button', { name: 'Policy' })).toHaveAttribute('aria-current', 'page');
});

test('recent studies: a corrupt draft is set aside with a message, never a crash', async ({ openApp }) => {
  const roots = twoDiskStudy();
  const draftsDir = makeTempDir('da-e2e-drafts-');
  dirs.push(draftsDir);
  const page = await openStudy(openApp, roots, draftsDir);
  await page.getByLabel('Title (required)', { exact: true }).fill('A study whose draft is damaged');
  await expect(page.getByTestId('draft-status')).toContainText('Draft saved at');
  // Damage the draft on disk, as a crash of another program or a full disk might.
  const { readdirSync, writeFileSync } = await import('node:fs');
  const [file] = readdirSync(draftsDir).filter((f) => f.endsWith('.json'));
  writeFileSync(path.join(draftsDir, file!), '{"version": 1, "roots": [');
  await page.reload();
  const alert = page.getByRole('region', { name: 'Recent studies' }).getByRole('alert');
  await expect(alert).toContainText('could not be read (it is not valid JSON)');
  await expect(alert).toContainText(`${file}.corrupt-1`);
  await expect(page.getByRole('heading', { name: 'Drop dataset folders here' })).toBeVisible();
  expect(readdirSync(draftsDir)).toContain(`${file}.corrupt-1`);
  await page.screenshot({ path: test.info().outputPath('recent-corrupt-1024.png') });
  await expectNoA11yViolations(page, 'the start screen with a draft set aside');
});
