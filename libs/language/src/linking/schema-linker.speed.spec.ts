import { CatalogLoader } from '@chatbi/catalog';
import { SchemaLinker } from './schema-linker.service';

/**
 * Measures linking speed on a synthetic catalog of 5 views and 250 columns with bilingual aliases
 * and enum values. It logs the numbers rather than asserting on them: timings depend on the machine.
 */
const SUBJECTS = ['video', 'search', 'page', 'feed', 'live', 'comment', 'share', 'like', 'follow', 'ad'];
const MEASURES = ['views', 'clicks', 'users', 'duration', 'impressions'];
const ZH_SUBJECTS = ['视频', '搜索', '页面', '信息流', '直播', '评论', '分享', '点赞', '关注', '广告'];
const ZH_MEASURES = ['播放量', '点击量', '用户数', '时长', '曝光量'];
const DIMENSIONS = ['app_name', 'os', 'city', 'province', 'channel', 'gender', 'age_band', 'device', 'network', 'country'];

function syntheticYaml(): string {
  const views: string[] = [];
  for (let v = 0; v < 5; v++) {
    const cols: string[] = ['      - { name: event_day, type: date, role: time, description: Day, aliases: { en: [date], zh: [日期] } }'];
    DIMENSIONS.forEach((d, i) => {
      const values = Array.from({ length: 8 }, (_, k) => `{ value: ${d}_v${k}, label: "${d} value ${k}", aliases: { zh: [值${i}${k}] } }`);
      cols.push(`      - { name: ${d}, type: string, role: dimension, description: ${d}, aliases: { en: ["${d.replace('_', ' ')} name"], zh: [维度${i}] }, values: [${values.join(', ')}] }`);
    });
    for (let s = 0; s < SUBJECTS.length; s++) {
      for (let m = 0; m < MEASURES.length - 1; m++) {
        const name = `${SUBJECTS[s]}_${MEASURES[m]}_v${v}`;
        cols.push(
          `      - { name: ${name}, type: integer, role: metric, description: x, aliases: { en: ["${SUBJECTS[s]} ${MEASURES[m]}", "${SUBJECTS[s]} ${MEASURES[m]} total"], zh: [${ZH_SUBJECTS[s]}${ZH_MEASURES[m]}] } }`,
        );
      }
    }
    views.push(`  - name: view_${v}\n    description: synthetic\n    columns:\n${cols.join('\n')}`);
  }
  return `version: 1\nviews:\n${views.join('\n')}\n`;
}

const QUESTIONS = [
  'video views of the main app over the last 7 days by city',
  '近7天北京视频播放量及日环比',
  'top 5 provinces by search clicks last week',
  'live duration on android vs ios yesterday',
  'comment users per channel this month with more than 1000 share clicks',
  'feed impresions by devise for the last 30 days',
  'what about the lite app?',
  '各省份的广告曝光量和点赞用户数',
];

describe('SchemaLinker speed', () => {
  it('links a question in well under a millisecond on a 250-column catalog', () => {
    const catalog = new CatalogLoader().loadSources([{ file: 'synthetic.yaml', text: syntheticYaml() }]);
    const columns = catalog.views.reduce((n, v) => n + v.columns.length, 0);
    const t0 = performance.now();
    const linker = new SchemaLinker(catalog);
    const buildMs = performance.now() - t0;
    for (const q of QUESTIONS) linker.link(q); // warm up
    const rounds = 500;
    const t1 = performance.now();
    let mentions = 0;
    for (let r = 0; r < rounds; r++) for (const q of QUESTIONS) mentions += linker.link(q).mentions.length;
    const perQuestionMs = (performance.now() - t1) / (rounds * QUESTIONS.length);
    process.stdout.write(
      `schema linking: ${catalog.views.length} views, ${columns} columns; index built in ${buildMs.toFixed(1)} ms; ` +
        `${(perQuestionMs * 1000).toFixed(1)} µs per question (mean over ${rounds * QUESTIONS.length}, all views)\n`,
    );
    expect(columns).toBeGreaterThanOrEqual(250);
    expect(mentions).toBeGreaterThan(0);
  });
});
