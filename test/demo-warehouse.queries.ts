import { DuckDBInstance } from '@duckdb/node-api';
import { addDays, localDate } from '@chatbi/contracts';

/** Expected values for the Ask panel's answers, from queries written here against the demo warehouse, not by ChatBI. */

/** DAU of an app per day (YYYY-MM-DD → users), in one city when given. */
export async function independentDau(warehouseFile: string, appName: string, days: string[], city?: string): Promise<Map<string, number>> {
  const instance = await DuckDBInstance.create(warehouseFile, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(
      `SELECT strftime(event_day, '%Y-%m-%d') AS d, count(DISTINCT uid) AS n FROM user_activity_daily
       WHERE app_name = $1 AND event_day BETWEEN CAST($2 AS DATE) AND CAST($3 AS DATE)${city === undefined ? '' : ' AND city = $4'} GROUP BY 1`,
      [appName, days[0], days[days.length - 1], ...(city === undefined ? [] : [city])],
    );
    return new Map(reader.getRowObjectsJson().map((r) => [String(r.d), Number(r.n)]));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** "The last 7 days" as the demo means it: the seven days up to yesterday. */
export function lastSevenDays(): string[] {
  const yesterday = addDays(localDate(new Date()), -1);
  return Array.from({ length: 7 }, (_, i) => addDays(yesterday, i - 6));
}
