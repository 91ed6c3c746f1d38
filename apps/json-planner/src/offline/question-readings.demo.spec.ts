import { join } from 'node:path';
import { CatalogLoader } from '@chatbi/catalog';
import type { Plan } from '@chatbi/contracts';
import { OfflinePlanner } from './offline-planner';

/** Readings of one question that compete for the same words, on the demo catalog. */
const catalog = new CatalogLoader().loadDirectory(join(__dirname, '..', '..', '..', '..', 'libs', 'demo-world', 'catalog'));
const TODAY = '2026-11-18';
const planner = new OfflinePlanner();
const plan = (question: string, view: string, previousPlan?: Plan) => planner.planSync({ question, view: catalog.view(view)!, catalog, previousPlan, today: TODAY }).plan;

describe('offline planner: one span, one reading', () => {
  it('reads "over 50" as the age group it names, not also as a condition on the metric', () => {
    const p = plan('completion rate for women over 50 last month', 'video_play_daily');
    expect(p.filters).toEqual(
      expect.arrayContaining([
        { column: 'gender', op: '=', value: 'female' },
        { column: 'age_group', op: '=', value: 'over_50' },
      ]),
    );
    expect(p.filters).toHaveLength(2);
    // A number that is no value still makes a condition.
    expect(plan('cities with completion rate over 0.5 last month', 'video_play_daily').filters).toEqual([{ column: 'completion_rate', op: '>', value: 0.5 }]);
  });

  it('reads 上周日活 as last week and DAU, not last Sunday and a stray 活', () => {
    const p = plan('上周日活排进前5名的是哪些省份', 'user_activity_daily');
    expect(p).toMatchObject({ metrics: [{ column: 'dau' }], dimensions: ['province'], limit: 5, time: { range: { kind: 'point', unit: 'week', offset: -1 } } });
    // A weekday that is only a weekday stays one.
    expect(plan('上周日的日活', 'user_activity_daily').time?.range).toEqual({ kind: 'absolute', from: '2026-11-15', to: '2026-11-15' });
  });

  it('does not read the degree asked for ("how long", "how high") as a value', () => {
    expect(plan('last month, how long was watch time per viewer for each gender', 'video_play_daily')).toMatchObject({ dimensions: ['gender'], filters: [] });
  });
});

describe('offline planner: moving the range in view', () => {
  const yesterday = plan('昨天主版苹果系统的播放量', 'video_play_daily');

  it('moves a calendar period by its own unit: 再往前一天 after yesterday is the day before', () => {
    expect(plan('再往前一天', 'video_play_daily', yesterday)).toMatchObject({
      filters: yesterday.filters,
      time: { range: { kind: 'point', unit: 'day', offset: -2 } },
    });
    expect(plan('再往前一天，前天呢', 'video_play_daily', yesterday).time?.range).toEqual({ kind: 'point', unit: 'day', offset: -2 });
  });

  it('moves any other range by its dates, and keeps it for "the same period"', () => {
    const week = plan('DAU of the main app over the last 7 days', 'user_activity_daily');
    // The last 7 days up to the latest day (Nov 17) are Nov 11-17; a week earlier, Nov 4-10.
    expect(plan('and one more week back', 'user_activity_daily', week).time?.range).toEqual({ kind: 'absolute', from: '2026-11-04', to: '2026-11-10' });
    expect(plan('crash rate for the same period', 'user_activity_daily', week).time?.range).toEqual({ kind: 'last', n: 7, unit: 'day' });
  });
});
