// Journey 7 of issue 10: the Policy page, generated from the rule catalog, reachable from each decision.
import { test, expect, expectNoA11yViolations } from './fixtures';
import { POLICY_CATALOG } from '../../shared/policy/catalog';

test('the policy page holds every catalog clause with its source text, and searches them', async ({ openApp }) => {
  const page = await openApp();
  await page.getByRole('button', { name: 'Try the demo study' }).click();
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.getByRole('navigation', { name: 'Study pages' }).getByRole('button', { name: 'Policy', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Policy' })).toBeVisible();

  // Every clause of shared/policy/catalog.ts, in catalog order within its kind, with its words.
  const articles = page.locator('article[data-clause-id]');
  await expect(articles).toHaveCount(POLICY_CATALOG.length);
  const ids = await articles.evaluateAll((els) => els.map((e) => e.getAttribute('data-clause-id')));
  expect([...ids].sort()).toEqual(POLICY_CATALOG.map((c) => c.id).sort());
  for (const c of POLICY_CATALOG) {
    const article = page.getByRole('article', { name: c.title, exact: true }).and(page.locator(`[data-clause-id="${c.id}"]`));
    await expect(article).toContainText(c.id);
    await expect(article).toContainText(c.condition);
    await expect(article.locator('blockquote')).toHaveText(c.sourceText);
  }
  await page.screenshot({ path: test.info().outputPath('policy-1024.png') });
  await expectNoA11yViolations(page, 'the Policy page');

  // Searching narrows the clauses to those that speak of it; the count is announced.
  await page.getByLabel('Search the policy').fill('tomogram');
  const expected = POLICY_CATALOG.filter((c) => [c.id, c.title, c.condition, c.sentence, c.sourceRef, c.sourceText].join(' ').toLowerCase().includes('tomogram')).map((c) => c.id);
  expect(expected.length).toBeGreaterThan(0);
  await expect(page.getByRole('status').filter({ hasText: 'clauses match' })).toHaveText(`${await articles.count()} of ${POLICY_CATALOG.length} clauses match`);
  const shown = await articles.evaluateAll((els) => els.map((e) => e.getAttribute('data-clause-id')));
  for (const id of expected) expect(shown).toContain(id);
  await expect(page.locator('[data-clause-id="patient-identifiable"]')).toHaveCount(0);
  await page.setViewportSize({ width: 1920, height: 1200 });
  await page.screenshot({ path: test.info().outputPath('policy-search-large.png') });
});

test('"Open in policy" from a decision lands on that clause, scrolled into view and focused', async ({ openApp }) => {
  const page = await openApp();
  await page.getByRole('button', { name: 'Try the demo study' }).click();
  await page.setViewportSize({ width: 1024, height: 700 });
  // The demo's EMDB maps are decided by clause empiar-maps-to-emdb (docs/policy.md).
  await page.getByTestId('fileset-row').filter({ hasText: 'EMD-####.map' }).click();
  // From the keyboard, as a screen-reader user would go: focus the button and press Enter.
  const open = page.getByTestId('fileset-clause-source').getByRole('button', { name: 'Open in policy' });
  await open.focus();
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 2, name: 'Policy' })).toBeVisible();
  const target = page.locator('[data-clause-id="empiar-maps-to-emdb"]');
  await expect(target).toBeFocused();
  await expect(target).toBeInViewport();
  await expect(target).toContainText('3D cryo-EM maps go to EMDB');
  await page.screenshot({ path: test.info().outputPath('policy-from-decision-1024.png') });
});
