/**
 * Explore ▸ Edit labels: the first class listed renamed to "<name> renamed", so Retrain with these labels has
 * edits to send — the set-up of the retrain tests.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

/** Renames the first class of Edit labels' Existing class; resolves with its old name once the page says so. */
export async function renameFirstClass(page: Page, timeout?: number): Promise<string> {
  const classes = page.getByTestId('label-edit-class');
  if (timeout !== undefined) await classes.waitFor({ timeout });
  const first = await classes.locator('option').first().getAttribute('value');
  assert.ok(first);
  await classes.selectOption(first);
  await page.getByTestId('label-edit-new-name').fill(`${first} renamed`);
  await page.getByTestId('label-edit-rename').click();
  await page
    .getByTestId('label-edit-status')
    .getByText(/relabelled/)
    .waitFor({ timeout: 10_000 });
  return first;
}
