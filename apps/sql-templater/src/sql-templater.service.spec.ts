import { addDays, shift, startOf, type PeriodUnit, type PlanInput } from '@chatbi/contracts';
import { duckdbDialect } from './dialects/duckdb.dialect';
import { SqlTemplaterService } from './sql-templater.service';
import { defaultTemplatesDir } from './templates-dir';
import { FIXTURE_TODAY, GAP_DAY, LITE_GAP_MONTH, GAP_HOUR, type ActivityRow } from './testing/activity.fixture';
import { distinctCount, ratio, referenceComparison, total } from './testing/comparison.reference';
import { openDuckDbFixture, type DuckDbFixture } from './testing/fixture-warehouse';

const QUERY = { timeoutMs: 30_000, maxRows: 100_000 };
const dau = distinctCount<ActivityRow>((r) => r.uid);
const staytime = total<ActivityRow>((r) => r.staytime);

describe('SqlTemplaterService on DuckDB (fixture with a gap day and a gap month)', () => {
  let fixture: DuckDbFixture;
  const templater = new SqlTemplaterService({ dialect: duckdbDialect, templatesDir: defaultTemplatesDir() });

  beforeAll(async () => {
    fixture = await openDuckDbFixture();
  }, 60_000);

  afterAll(async () => {
    await fixture?.close();
  });

  async function run(plan: PlanInput): Promise<Record<string, unknown>[]> {
    const { sql } = templater.render(plan as never, fixture.catalog, FIXTURE_TODAY);
    return (await fixture.warehouse.query(sql.text, sql.params, QUERY)).rows;
  }

  const rowsIn = (from: string, to: string, keep: (r: ActivityRow) => boolean = () => true) =>
    fixture.activity.filter((r) => r.event_day >= from && r.event_day <= to && keep(r));

  it('renders DAU of the main app over the last 7 days as count(distinct uid) per day, ending yesterday', async () => {
    const plan: PlanInput = {
      view: 'activity',
      metrics: [{ column: 'dau' }],
      time: { column: 'event_day', grain: 'day', range: { kind: 'last', n: 7, unit: 'day' } },
      filters: [{ column: 'app_name', op: '=', value: 'main' }],
    };
    const { sql } = templater.render(plan as never, fixture.catalog, FIXTURE_TODAY);
    expect(sql.text).toContain('count(distinct "uid")');
    expect(sql.params).toEqual(['2026-03-03', '2026-03-10', 'main']);
    const result = await run(plan);
    expect(result.map((r) => r.event_day)).toEqual(Array.from({ length: 7 }, (_, i) => addDays('2026-03-03', i)).filter((d) => d !== GAP_DAY));
    for (const r of result) expect(r.dau).toBe(dau(rowsIn(String(r.event_day), String(r.event_day), (x) => x.app_name === 'main')));
  });

  it.each(['day', 'week', 'month', 'quarter', 'year'] as const)('buckets by %s, weeks starting on Monday', async (grain) => {
    const from = '2025-05-14';
    const to = '2026-03-09';
    const result = await run({
      view: 'activity',
      metrics: [{ column: 'staytime' }, { column: 'dau' }],
      time: { column: 'event_day', grain, range: { kind: 'absolute', from, to } },
    });
    const buckets = new Map<string, ActivityRow[]>();
    for (const r of rowsIn(from, to)) {
      const b = grain === 'day' ? r.event_day : startOf(r.event_day, grain);
      buckets.set(b, [...(buckets.get(b) ?? []), r]);
    }
    const expected = [...buckets.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([b, rs]) => ({ event_day: b, staytime: staytime(rs), dau: dau(rs) }));
    expect(result).toEqual(expected);
  });

  it('buckets a timestamp column by hour, and leaves out the hour without data', async () => {
    const result = await run({
      view: 'clicks_hourly',
      metrics: [{ column: 'clicks' }, { column: 'click_uv' }],
      time: { column: 'ts', grain: 'hour', range: { kind: 'absolute', from: '2026-03-08', to: '2026-03-08' } },
    });
    expect(result).toHaveLength(23);
    const gap = `${GAP_HOUR.replace(' ', 'T')}.000Z`;
    expect(result.map((r) => r.ts)).not.toContain(gap);
    const at10 = fixture.clicks.filter((c) => c.ts.startsWith('2026-03-08 10:'));
    expect(result.find((r) => r.ts === '2026-03-08T10:00:00.000Z')).toEqual({
      ts: '2026-03-08T10:00:00.000Z',
      clicks: at10.reduce((s, c) => s + c.clicks, 0),
      click_uv: new Set(at10.map((c) => c.uid)).size,
    });
  });

  it('groups by dimensions, NULL included and sorted last, with a virtual dimension and recursive virtual metrics', async () => {
    const day = '2026-03-05';
    const result = await run({
      view: 'activity',
      metrics: [{ column: 'stay_time_per' }, { column: 'arpu' }],
      dimensions: ['os', 'city_group'],
      time: { column: 'event_day', range: { kind: 'absolute', from: day, to: day } },
    });
    const rows = rowsIn(day, day);
    const keys = [...new Set(rows.map((r) => `${r.os}|${['北京市', 'Zürich'].includes(r.city) ? 'big' : 'small'}`))];
    expect(result).toHaveLength(keys.length);
    expect(result[result.length - 1].os).toBeNull();
    for (const r of result) {
      const group = rows.filter((x) => x.os === r.os && (['北京市', 'Zürich'].includes(x.city) ? 'big' : 'small') === r.city_group);
      expect(r.stay_time_per).toBeCloseTo(staytime(group) / 60 / dau(group), 9);
      expect(r.arpu).toBeCloseTo(group.reduce((s, x) => s + x.revenue, 0) / dau(group), 9);
    }
  });

  it('answers the top N by a metric, ties broken by the dimensions', async () => {
    const result = await run({
      view: 'activity',
      metrics: [{ column: 'staytime', as: 'seconds' }],
      dimensions: ['city'],
      time: { column: 'event_day', range: { kind: 'last', n: 30, unit: 'day' } },
      order: [{ by: 'seconds', dir: 'desc' }],
      limit: 3,
    });
    const rows = rowsIn('2026-02-08', '2026-03-09');
    const expected = [...new Set(rows.map((r) => r.city))]
      .map((city) => ({ city, seconds: staytime(rows.filter((r) => r.city === city)) }))
      .sort((a, b) => b.seconds - a.seconds || (a.city < b.city ? -1 : 1))
      .slice(0, 3);
    expect(result).toEqual(expected);
  });

  describe('filters', () => {
    const from = '2026-02-01';
    const to = '2026-02-10';
    const cases: [string, PlanInput['filters'], (r: ActivityRow) => boolean][] = [
      ['=', [{ column: 'city', op: '=', value: "O'Brien's Town" }], (r) => r.city === "O'Brien's Town"],
      ['!=', [{ column: 'app_name', op: '!=', value: 'lite' }], (r) => r.app_name !== 'lite'],
      ['in', [{ column: 'city', op: 'in', value: ['北京市', 'x_y; DROP TABLE activity; --'] }], (r) => ['北京市', 'x_y; DROP TABLE activity; --'].includes(r.city)],
      ['not in', [{ column: 'level', op: 'not in', value: [1, 2] }], (r) => ![1, 2].includes(r.level)],
      ['<', [{ column: 'level', op: '<', value: 3 }], (r) => r.level < 3],
      ['<=', [{ column: 'level', op: '<=', value: '3' }], (r) => r.level <= 3],
      ['>', [{ column: 'level', op: '>', value: 4 }], (r) => r.level > 4],
      ['>=', [{ column: 'level', op: '>=', value: 4.5 }], (r) => r.level >= 4.5],
      ['between', [{ column: 'level', op: 'between', value: [2, 4] }], (r) => r.level >= 2 && r.level <= 4],
      ['like', [{ column: 'city', op: 'like', value: 'S%o' }], (r) => /^S.*o$/.test(r.city)],
      ['like with an escaped wildcard', [{ column: 'city', op: 'like', value: '%\\_%' }], (r) => r.city.includes('_')],
      ['is null', [{ column: 'os', op: 'is null' }], (r) => r.os === null],
      ['is not null', [{ column: 'os', op: 'is not null' }], (r) => r.os !== null],
      ['boolean =', [{ column: 'is_new', op: '=', value: true }], (r) => r.is_new],
      ['!= leaves NULL out', [{ column: 'os', op: '!=', value: 'ios' }], (r) => r.os !== null && r.os !== 'ios'],
      ['several, on a virtual dimension too', [{ column: 'city_group', op: '=', value: 'big' }, { column: 'os', op: 'in', value: ['ios'] }], (r) => ['北京市', 'Zürich'].includes(r.city) && r.os === 'ios'],
      ['time >=', [{ column: 'event_day', op: '>=', value: '2026-02-06' }], (r) => r.event_day >= '2026-02-06'],
      ['time !=', [{ column: 'event_day', op: '!=', value: '2026-02-03' }], (r) => r.event_day !== '2026-02-03'],
      ['time in', [{ column: 'event_day', op: 'in', value: ['2026-02-02', '2026-02-09'] }], (r) => ['2026-02-02', '2026-02-09'].includes(r.event_day)],
      ['time between', [{ column: 'event_day', op: 'between', value: ['2026-02-03', '2026-02-04'] }], (r) => r.event_day >= '2026-02-03' && r.event_day <= '2026-02-04'],
    ];

    it.each(cases)('%s', async (_label, filters, keep) => {
      const [row] = await run({
        view: 'activity',
        metrics: [{ column: 'staytime' }, { column: 'dau' }],
        time: { column: 'event_day', range: { kind: 'absolute', from, to } },
        filters,
      });
      const rows = rowsIn(from, to, keep);
      expect(rows.length).toBeGreaterThan(0);
      expect(row).toEqual({ staytime: staytime(rows), dau: dau(rows) });
    });

    it('filters metrics after aggregation (HAVING), including a metric the answer does not show', async () => {
      const [from2, to2] = ['2026-03-01', '2026-03-09'];
      const result = await run({
        view: 'activity',
        metrics: [{ column: 'dau' }],
        dimensions: ['city'],
        time: { column: 'event_day', range: { kind: 'absolute', from: from2, to: to2 } },
        filters: [{ column: 'dau', op: '>=', value: 10 }, { column: 'stay_time_min', op: '<', value: 1800 }],
      });
      const rows = rowsIn(from2, to2);
      const expected = [...new Set(rows.map((r) => r.city))]
        .sort()
        .map((city) => rows.filter((r) => r.city === city))
        .filter((g) => dau(g) >= 10 && staytime(g) / 60 < 1800)
        .map((g) => ({ city: g[0].city, dau: dau(g) }));
      expect(result).toEqual(expected);
    });
  });

  it('answers each group\'s share of the total per time bucket, the total taken before the row limit', async () => {
    const result = await run({
      view: 'activity',
      metrics: [{ column: 'staytime', share: true }, { column: 'dau', share: true }],
      dimensions: ['app_name'],
      time: { column: 'event_day', grain: 'day', range: { kind: 'absolute', from: '2026-03-01', to: '2026-03-02' } },
      order: [{ by: 'staytime_share', dir: 'desc' }],
      limit: 2,
    });
    expect(result).toHaveLength(2);
    for (const r of result) {
      const day = rowsIn(String(r.event_day), String(r.event_day));
      const group = day.filter((x) => x.app_name === r.app_name);
      expect(r.staytime_share).toBeCloseTo(staytime(group) / staytime(day), 12);
      expect(r.dau_share).toBeCloseTo(dau(group) / dau(day), 12);
    }
  });

  describe('period-over-period comparisons, checked against the base series computed here', () => {
    const kinds: [string, PeriodUnit][] = [['dod', 'day'], ['wow', 'week'], ['mom', 'month'], ['qoq', 'quarter'], ['yoy', 'year']];

    function check(result: Record<string, unknown>[], input: { from: string; to: string; grain: 'day' | 'week' | 'month' | null; dims?: (r: ActivityRow) => string; kinds: string[]; metric?: 'dau' | 'staytime' }) {
      const name = input.metric ?? 'dau';
      for (const [kind, unit] of kinds.filter(([k]) => input.kinds.includes(k))) {
        const reference = referenceComparison({
          rows: fixture.activity,
          day: (r) => r.event_day,
          from: input.from,
          to: input.to,
          grain: input.grain,
          unit,
          dims: input.dims ?? (() => ''),
          metric: name === 'dau' ? dau : staytime,
        });
        expect(result).toHaveLength(reference.length);
        reference.forEach((ref, i) => {
          const row = result[i];
          if (input.grain) expect(row.event_day).toBe(ref.bucket);
          expect(row[name]).toBe(ref.current);
          const expected = ratio(ref.current, ref.previous);
          if (expected === null) expect(row[`${name}_${kind}`]).toBeNull();
          else expect(row[`${name}_${kind}`]).toBeCloseTo(expected, 12);
        });
      }
    }

    it('by day, every kind at once, across the gap day and month ends: the previous day is matched by date', async () => {
      const from = '2026-01-25';
      const to = '2026-03-09';
      const result = await run({
        view: 'activity',
        metrics: [{ column: 'dau' }, { column: 'staytime' }],
        time: { column: 'event_day', grain: 'day', range: { kind: 'absolute', from, to } },
        compare: [{ kind: 'dod', output: 'both' }, { kind: 'wow' }, { kind: 'mom', output: 'both' }, { kind: 'qoq' }, { kind: 'yoy' }],
      });
      check(result, { from, to, grain: 'day', kinds: ['dod', 'wow', 'mom', 'qoq', 'yoy'] });
      const byDay = new Map(result.map((r) => [r.event_day, r]));
      expect(byDay.has(GAP_DAY)).toBe(false);
      // The day after the gap has no previous day, a week after it no previous week: NULL, not a neighbour.
      expect(byDay.get(addDays(GAP_DAY, 1))!.dau_dod).toBeNull();
      expect(byDay.get(addDays(GAP_DAY, 1))!.dau_dod_diff).toBeNull();
      expect(byDay.get(addDays(GAP_DAY, 7))!.dau_wow).toBeNull();
      // Mar 28..31 would compare with Feb 28 (clamped), which is the gap day; Mar 29 of a month with 31 days: Jan 31 -> Dec 31.
      const jan31 = byDay.get('2026-01-31')!;
      const dec31 = rowsIn('2025-12-31', '2025-12-31');
      expect(jan31.dau_mom_diff).toBe(dau(rowsIn('2026-01-31', '2026-01-31')) - dau(dec31));
      const mar1 = byDay.get('2026-03-01')!;
      expect(mar1.staytime_mom).toBeCloseTo(ratio(staytime(rowsIn('2026-03-01', '2026-03-01')), staytime(rowsIn('2026-02-01', '2026-02-01')))!, 12);
    });

    it.each([
      ['a short daily series: by distance', 'day', '2026-02-10', ['dod', 'wow'], "date_diff('day', p_wow.__bucket, cur.__bucket) = 7"],
      ['a daily series of more than 128 buckets: by equality', 'day', '2025-09-01', ['dod', 'wow'], 'p_wow.__bucket = cur.__bucket - 7'],
      ['a monthly series: by a distance in months', 'month', '2025-04-01', ['mom', 'qoq', 'yoy'], "date_diff('month', p_yoy.__bucket, cur.__bucket) = 12"],
      ['days one month back, which clamp: by equality', 'day', '2026-02-10', ['mom'], 'p_mom.__bucket = CAST((cur.__bucket - INTERVAL 1 MONTH) AS DATE)'],
    ] as const)('finds the previous bucket of %s, across the gap day', async (_label, grain, from, compareKinds, join) => {
      const to = grain === 'month' ? '2026-01-31' : '2026-03-09';
      const plan: PlanInput = {
        view: 'activity',
        metrics: [{ column: 'dau' }],
        time: { column: 'event_day', grain, range: { kind: 'absolute', from, to } },
        compare: compareKinds.map((kind) => ({ kind })),
      };
      expect(templater.render(plan as never, fixture.catalog, FIXTURE_TODAY).sql.text).toContain(join);
      check(await run(plan), { from, to, grain, kinds: [...compareKinds] });
    });

    it('gives NULL, not Infinity, for a change against a previous value of 0', async () => {
      const newUsers = (rows: ActivityRow[]) => new Set(rows.filter((r) => r.is_new).map((r) => r.uid)).size;
      const cities = [...new Set(fixture.activity.map((r) => r.city))];
      let found: { city: string; day: string } | undefined;
      for (let day = '2026-02-01'; !found && day < '2026-03-09'; day = addDays(day, 1)) {
        for (const city of cities) {
          const before = rowsIn(day, day, (r) => r.city === city);
          const after = rowsIn(addDays(day, 1), addDays(day, 1), (r) => r.city === city);
          if (before.length > 0 && newUsers(before) === 0 && newUsers(after) > 0) found = { city, day };
        }
      }
      expect(found).toBeDefined();
      const { city, day } = found!;
      const result = await run({
        view: 'activity',
        metrics: [{ column: 'new_users' }],
        filters: [{ column: 'city', op: '=', value: city }],
        time: { column: 'event_day', grain: 'day', range: { kind: 'absolute', from: addDays(day, 1), to: addDays(day, 1) } },
        compare: [{ kind: 'dod', output: 'both' }],
      });
      expect(result).toEqual([{ event_day: addDays(day, 1), new_users: newUsers(rowsIn(addDays(day, 1), addDays(day, 1), (r) => r.city === city)), new_users_dod: null, new_users_dod_diff: newUsers(rowsIn(addDays(day, 1), addDays(day, 1), (r) => r.city === city)) }]);
    });

    it('by day YoY across a leap year: Feb 28 compares with Feb 28, never with Feb 28 and 29 together', async () => {
      const from = '2025-02-20';
      const to = '2025-03-05';
      const result = await run({
        view: 'activity',
        metrics: [{ column: 'dau' }],
        time: { column: 'event_day', grain: 'day', range: { kind: 'absolute', from, to } },
        compare: [{ kind: 'yoy', output: 'both' }],
      });
      check(result, { from, to, grain: 'day', kinds: ['yoy'] });
      const feb28 = result.find((r) => r.event_day === '2025-02-28')!;
      expect(feb28.dau_yoy_diff).toBe(dau(rowsIn('2025-02-28', '2025-02-28')) - dau(rowsIn('2024-02-28', '2024-02-28')));
    });

    it('by month per app, MoM and YoY: the month the lite app has no data gives NULL', async () => {
      const from = '2025-09-01';
      const to = '2026-02-28';
      const result = await run({
        view: 'activity',
        metrics: [{ column: 'dau' }],
        dimensions: ['app_name'],
        time: { column: 'event_day', grain: 'month', range: { kind: 'absolute', from, to } },
        compare: [{ kind: 'mom' }, { kind: 'yoy' }],
        order: [{ by: 'event_day', dir: 'asc' }, { by: 'app_name', dir: 'asc' }],
      });
      check(result, { from, to, grain: 'month', dims: (r) => r.app_name, kinds: ['mom', 'yoy'] });
      const liteAfterGap = result.find((r) => r.event_day === shift(`${LITE_GAP_MONTH}-01`, 'month', 1) && r.app_name === 'lite')!;
      expect(liteAfterGap.dau_mom).toBeNull();
      expect(result.some((r) => r.event_day === `${LITE_GAP_MONTH}-01` && r.app_name === 'lite')).toBe(false);
    });

    it('by week over a range that starts mid-week: the partial week compares with the same days a week earlier', async () => {
      const from = '2026-01-14';
      const to = '2026-02-20';
      const result = await run({
        view: 'activity',
        metrics: [{ column: 'dau' }],
        time: { column: 'event_day', grain: 'week', range: { kind: 'absolute', from, to } },
        compare: [{ kind: 'wow' }, { kind: 'mom' }],
      });
      check(result, { from, to, grain: 'week', kinds: ['wow', 'mom'] });
    });

    it('totals without a grain: the last 7 days against the 7 days before, by WoW and by DoD alike', async () => {
      const result = await run({
        view: 'activity',
        metrics: [{ column: 'dau' }],
        dimensions: ['os'],
        time: { column: 'event_day', range: { kind: 'last', n: 7, unit: 'day' } },
        compare: [{ kind: 'dod' }, { kind: 'wow' }],
      });
      check(result, { from: '2026-03-03', to: '2026-03-09', grain: null, dims: (r) => String(r.os), kinds: ['dod', 'wow'] });
      expect(result.map((r) => r.os)).toEqual(['android', 'ios', null]);
    });

    it.each([
      ['last month (February) against the 28 days before, all of January, all of November and February a year back', { kind: 'point', unit: 'month', offset: -1 }, '2026-02-01', '2026-02-28'],
      ['last quarter (Q4) against all of Q3 and Q4 a year back', { kind: 'point', unit: 'quarter', offset: -1 }, '2025-10-01', '2025-12-31'],
    ] as const)('totals of whole months: %s', async (_label, range, from, to) => {
      const kinds = ['dod', 'mom', 'qoq', 'yoy'].filter((k) => k !== 'mom' || range.unit === 'month');
      const result = await run({
        view: 'activity',
        metrics: [{ column: 'staytime' }],
        time: { column: 'event_day', range },
        compare: kinds.map((kind) => ({ kind: kind as 'mom' })),
      });
      check(result, { from, to, grain: null, kinds, metric: 'staytime' });
    });

    it('narrows the range with filters on the time column, and compares the same days one period earlier', async () => {
      const result = await run({
        view: 'activity',
        metrics: [{ column: 'dau' }],
        time: { column: 'event_day', grain: 'day' },
        filters: [
          { column: 'event_day', op: '>=', value: '2026-02-10' },
          { column: 'event_day', op: '<', value: '2026-02-15' },
        ],
        compare: [{ kind: 'wow' }],
      });
      check(result, { from: '2026-02-10', to: '2026-02-14', grain: 'day', kinds: ['wow'] });
    });

    it('keeps metric filters on the current values and orders by a comparison', async () => {
      const from = '2026-02-01';
      const to = '2026-02-27';
      const result = await run({
        view: 'activity',
        metrics: [{ column: 'dau' }],
        time: { column: 'event_day', grain: 'day', range: { kind: 'absolute', from, to } },
        filters: [{ column: 'dau', op: '>', value: 16 }],
        compare: [{ kind: 'wow' }],
        order: [{ by: 'dau_wow', dir: 'desc' }],
        limit: 5,
      });
      const reference = referenceComparison({ rows: fixture.activity, day: (r) => r.event_day, from, to, grain: 'day', unit: 'week', dims: () => '', metric: dau })
        .filter((r) => r.current > 16)
        .map((r) => ({ event_day: r.bucket, dau: r.current, dau_wow: ratio(r.current, r.previous) }))
        .sort((a, b) => (a.dau_wow === null ? 1 : b.dau_wow === null ? -1 : b.dau_wow - a.dau_wow) || (a.event_day < b.event_day ? -1 : 1))
        .slice(0, 5);
      expect(result.map((r) => r.event_day)).toEqual(reference.map((r) => r.event_day));
    });
  });

  describe('bad input: a clear error naming the plan field', () => {
    const base = { view: 'activity', metrics: [{ column: 'dau' }] };
    it.each([
      ['an unknown column', { ...base, dimensions: ['password'] }, 'UNKNOWN_COLUMN', /^plan\.dimensions\[0\]: view activity has no column password/],
      ['a metric used as a dimension', { ...base, dimensions: ['staytime'] }, 'PLAN_INVALID', /^plan\.dimensions\[0\]: staytime is a metric/],
      ['a comparison without a time column', { ...base, compare: [{ kind: 'wow' }] }, 'PLAN_INVALID', /^plan\.compare: a period comparison needs time\.column/],
      ['a grain the column cannot express', { ...base, time: { column: 'event_day', grain: 'hour' } }, 'PLAN_INVALID', /^plan\.time\.grain: event_day holds dates/],
      ['an empty IN list', { ...base, filters: [{ column: 'os', op: 'in', value: [] }] }, 'PLAN_INVALID', /^plan\.filters\[0\]\.value: in needs a non-empty list/],
      ['a text value for a number column', { ...base, filters: [{ column: 'level', op: '=', value: 'high' }] }, 'PLAN_INVALID', /^plan\.filters\[0\]\.value: "high" does not fit level/],
    ])('%s', (_label, plan, code, message) => {
      expect(() => templater.render(plan as never, fixture.catalog, FIXTURE_TODAY)).toThrow(message);
      try {
        templater.render(plan as never, fixture.catalog, FIXTURE_TODAY);
      } catch (error) {
        expect((error as { code: string }).code).toBe(code);
      }
    });
  });
});
