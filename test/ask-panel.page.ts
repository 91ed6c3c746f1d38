import type { Locator, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import type { AskResponse, ErrorBody } from '@chatbi/contracts';

/** The Ask panel as a person uses it in a browser, wherever it is rendered (the embedded page, Superset). */

export type PanelResponse = AskResponse | { error: ErrorBody };

/** Types a question as a person would, presses Enter, and waits for the turn to settle. */
export async function askInPanel(page: Page, question: string): Promise<{ turn: Locator; response: PanelResponse; request: Record<string, unknown> }> {
  return settledTurn(page, async () => {
    await page.getByLabel('Question').fill(question);
    await page.getByLabel('Question').press('Enter');
  });
}

/** Does what sends a question (typing, a click) and waits for its turn to settle. */
async function settledTurn(page: Page, send: () => Promise<void>): Promise<{ turn: Locator; response: PanelResponse; request: Record<string, unknown> }> {
  const before = await page.locator('article.turn').count();
  const responded = page.waitForResponse((r) => r.url().endsWith('/api/ask') && r.request().method() === 'POST');
  await send();
  const response = await responded;
  const turn = page.locator('article.turn').nth(before);
  await turn.locator('xpath=self::*[@data-status="answered" or @data-status="failed"]').waitFor();
  return { turn, response: (await response.json()) as PanelResponse, request: response.request().postDataJSON() as Record<string, unknown> };
}

/** The cells of a turn's result table, as shown. */
export async function tableCells(turn: Locator): Promise<string[][]> {
  // The callbacks run in the page; this project compiles without the DOM library, hence any.
  return turn.locator('tbody tr').evaluateAll((rows: any[]) => rows.map((tr) => Array.from(tr.querySelectorAll('td'), (td: any) => String(td.textContent))));
}

/** Opens the SQL block (it starts folded) and reads it as shown. */
export async function readSql(turn: Locator): Promise<{ sql: string; params: string }> {
  await turn.locator('details.sql summary').click();
  return { sql: await turn.locator('details.sql pre').innerText(), params: await turn.locator('details.sql .params').innerText() };
}

/** A number cell as shown (1,234) as a number. */
export const cellNumber = (cell: string) => Number(cell.replace(/,/g, ''));

/** Clicks one of a turn's clarification choices (by its label) and waits for the question it sends to settle. */
export function chooseClarification(page: Page, turn: Locator, label: string): Promise<{ turn: Locator; response: PanelResponse; request: Record<string, unknown> }> {
  return settledTurn(page, () => turn.getByRole('group', { name: 'Did you mean' }).getByRole('button', { name: new RegExp(`^${label}\\b`) }).click());
}

/** Clicks a turn's "Download CSV" and reads the file the browser saved. */
export async function downloadCsv(page: Page, turn: Locator): Promise<{ fileName: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), turn.getByRole('button', { name: 'Download CSV' }).click()]);
  const path = await download.path();
  return { fileName: download.suggestedFilename(), bytes: readFileSync(path!) };
}

/** The series a turn's line chart draws, by name, with their points (x → value) as plotted. */
export async function plottedSeries(turn: Locator): Promise<Map<string, Map<string, number>>> {
  const series: [string, [string, number][]][] = await turn.locator('svg[role="img"] g.series').evaluateAll((groups: any[]) =>
    groups.map((g) => [g.getAttribute('data-series'), Array.from(g.querySelectorAll('circle.point'), (c: any) => [c.getAttribute('data-x'), Number(c.getAttribute('data-value'))])]),
  );
  return new Map(series.map(([name, points]) => [name, new Map(points)]));
}
