import type { Locator, Page } from 'playwright-core';
import type { AskResponse } from '@chatbi/contracts';

/** The Ask panel as a person uses it in a browser, wherever it is rendered (the embedded page, Superset). */

export type PanelResponse = AskResponse | { error: { code: string; message: string } };

/** Types a question as a person would, presses Enter, and waits for the turn to settle. */
export async function askInPanel(page: Page, question: string): Promise<{ turn: Locator; response: PanelResponse }> {
  const before = await page.locator('article.turn').count();
  const responded = page.waitForResponse((r) => r.url().endsWith('/api/ask') && r.request().method() === 'POST');
  await page.getByLabel('Question').fill(question);
  await page.getByLabel('Question').press('Enter');
  const response = (await (await responded).json()) as PanelResponse;
  const turn = page.locator('article.turn').nth(before);
  await turn.locator('xpath=self::*[@data-status="answered" or @data-status="failed"]').waitFor();
  return { turn, response };
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
