import { loadFixtureCatalog } from '../testing/fixture-catalog';
import { SchemaLinker, type SchemaMention } from './schema-linker.service';

const catalog = loadFixtureCatalog();
const linker = SchemaLinker.for(catalog);

const brief = (m: SchemaMention) => `${m.text}|${m.view}.${m.column}${m.kind === 'value' ? `=${m.value}` : ''}`;
const inView = (question: string, view = 'v_app_daily') => linker.link(question, { views: [view] }).mentions.map(brief);

describe('SchemaLinker', () => {
  it('is built once per catalog', () => {
    expect(SchemaLinker.for(catalog)).toBe(linker);
  });

  it('links columns and enum values in English, longest match first', () => {
    // The linker knows nothing of time phrases: the planner settles "days" against "the last 7 days".
    expect(inView('DAU of the main app over the last 7 days')).toEqual([
      'dau|v_app_daily.dau',
      'main app|v_app_daily.app_name=main',
      'days|v_app_daily.event_day',
    ]);
  });

  it('links Chinese as substrings', () => {
    expect(inView('近7天主版DAU')).toEqual(['主版|v_app_daily.app_name=main', 'dau|v_app_daily.dau']);
    expect(inView('北京安卓用户的播放时长')).toEqual([
      '北京|v_app_daily.city=beijing',
      '安卓|v_app_daily.os=android',
      '播放时长|v_app_daily.playtime',
    ]);
  });

  it('links the stem of a Chinese metric term without its measure word: 多少次播放, 页面浏览', () => {
    expect(inView('昨天一共有多少次播放')).toEqual(['播放|v_app_daily.vv']);
    expect(inView('页面浏览总量')).toEqual(['页面浏览|v_app_daily.pv']);
    // The full term still wins where it is written.
    expect(inView('播放量')).toEqual(['播放量|v_app_daily.vv']);
  });

  it('skips an auxiliary verb inside a multi-word term, as "videos were published" reads "videos published"', () => {
    expect(inView('how many video were views yesterday')).toContain('video were views|v_app_daily.vv');
    expect(inView('video views were high')).toEqual(['video views|v_app_daily.vv']);
  });

  it('prefers the longest alias: 日活跃用户 over 活跃用户, "daily active users" over "active users"', () => {
    expect(inView('日活跃用户')).toEqual(['日活跃用户|v_app_daily.dau']);
    expect(inView('daily active users yesterday')).toEqual(['daily active users|v_app_daily.dau']);
  });

  it('reports every column one phrase can mean', () => {
    // Ordered by how the catalog ranks the term: active_uv's first alias before dau's second.
    expect(inView('active users')).toEqual(['active users|v_app_daily.active_uv', 'active users|v_app_daily.dau']);
  });

  it('matches names with _ as spaces, plurals and singulars', () => {
    expect(inView('stay time min by os')).toEqual(['stay time min|v_app_daily.stay_time_min', 'os|v_app_daily.os']);
    expect(inView('stay_time_min')).toEqual(['stay_time_min|v_app_daily.stay_time_min']);
    expect(inView('cities with most view')).toEqual(['cities|v_app_daily.city', 'view|v_app_daily.vv']);
    expect(inView('pageviews')).toEqual(['pageviews|v_app_daily.pv']);
  });

  it('respects word boundaries for Latin terms', () => {
    expect(inView('maintenance of osmosis')).toEqual([]);
  });

  it('matches typos with a score below 1', () => {
    const playback = linker.link('playbak time on andriod', { views: ['v_app_daily'] }).mentions;
    expect(playback.map(brief)).toEqual(['playbak time|v_app_daily.playtime', 'andriod|v_app_daily.os=android']);
    expect(playback.every((m) => m.score < 1 && m.score > 0.5)).toBe(true);
    const dauu = linker.link('DAUU', { views: ['v_app_daily'] }).mentions;
    expect(dauu.map(brief)).toEqual(['dauu|v_app_daily.dau']);
    expect(dauu[0].score).toBeLessThan(1);
  });

  it('does not fuzz short words or stopwords', () => {
    expect(inView('viws')).toEqual([]);
    expect(inView('there where')).toEqual([]);
  });

  it('works across all views at once', () => {
    const all = linker.link('pv of the main app').mentions.map(brief);
    expect(all).toEqual([
      'pv|v_app_daily.pv',
      'pv|v_search_daily.search_pv',
      'main app|v_app_daily.app_name=main',
      'main app|v_search_daily.app_name=main',
    ]);
    expect(linker.link('上海的搜索量').mentions.map(brief)).toEqual([
      '上海|v_search_daily.city=shanghai',
      '搜索量|v_search_daily.search_pv',
    ]);
  });

  it('returns the words no mention covers', () => {
    const r = linker.link('DAU of the main app in Paris please');
    expect(r.unusedWords.map((w) => w.text)).toEqual(['of', 'the', 'in', 'paris', 'please']);
    const zh = linker.link('近7天主版DAU怎么样');
    expect(zh.unusedWords.map((w) => w.text)).toEqual(['近', '7', '天', '怎么样']);
  });

  it('finds the closest columns by similarity, in English and Chinese', () => {
    expect(linker.closest('plaaybcak tiem', { views: ['v_app_daily'], roles: ['metric'] })[0].column).toBe('playtime');
    expect(linker.closest('停留多久', { views: ['v_app_daily'], roles: ['metric'] })[0].column).toBe('stay_time_min');
    expect(linker.closest('weather in Paris', { views: ['v_app_daily'], roles: ['metric'] })).toHaveLength(3);
  });
});
