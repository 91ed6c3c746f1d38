/**
 * Words a question may hold that change nothing in its answer: verbs of happening and counting
 * ("were made", "did we get", 收到), of asking for rows ("return", "list", "belongs to"), units the answer is already in (minutes, 分钟), and single
 * Chinese measure words. Any other word the reading cannot place is a content word, and the
 * answer asks back instead of dropping it.
 */
const ENGLISH_FILLERS = new Set(
  `made make makes making happen happened happening occur occurred come came comes coming start started starts
  got gets getting receive received receives gain gained gains earn earned earns bring brought brings generate
  generated generates produce produced record recorded recorded registered see seen saw show shown give given
  watch watched watching use used using spend spent take took taken total totals overall altogether
  did does done doing went go goes going happened please kindly can could would like want need tell say
  people person guys folks in on at of for from by to up over across during within inside
  amount amounts level levels volume figure figures number numbers value values metric metrics stat stats data
  today's yesterday's week's month's year's day's
  minute minutes min mins second seconds sec secs hour hours hr hrs yuan rmb cny dollar dollars usd percent percentage pct
  times time so far altogether break still just only currently now instead them they it its their those these that this
  return returns list lists display find get me all every the a an is are was were be been being has have having
  belong belongs belonging correspond corresponds corresponding affiliated associated located
  fly flies flying flew flown serve serves served serving operate operates operated`.split(/\s+/).filter(Boolean),
);

const CHINESE_FILLERS = [
  '收到', '产生', '带来', '获得', '发生', '出现', '贡献', '使用', '一下', '看一下', '告诉我', '麻烦', '帮忙', '请', '多少', '一共', '共',
  '分钟', '秒', '小时', '元', '人民币', '百分比', '当天', '那天', '当日', '期间', '时候', '总体', '整体', '情况', '表现', '数据', '只看', '只',
  '进来', '过来', '看', '拆', '拆分', '拆一下', '分', '按', '各', '个', '条', '次', '人', '数', '量', '类', '版', '端', '些', '下', '是',
];
const CHINESE_FILLER_PATTERN = new RegExp(
  [...CHINESE_FILLERS].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
  'g',
);

/**
 * The content words among unused ones that the catalog does not know at all (`knows`): "Lhasa",
 * "TV", 新疆. Answering without them would answer another question. Words the catalog knows but
 * the reading did not place stay a warning on the answer.
 */
export function contentWords(unused: readonly string[], knows: (word: string) => boolean): string[] {
  const out: string[] = [];
  for (const word of unused) {
    if (/^[a-z0-9]/.test(word)) {
      if (!ENGLISH_FILLERS.has(word) && !/^\d+(?:\.\d+)?$/.test(word) && word.length > 1 && !knows(word)) out.push(word);
    } else {
      const rest = word.replace(CHINESE_FILLER_PATTERN, ' ').trim();
      for (const piece of rest.split(/\s+/)) if (piece.length >= 2 && !knows(piece)) out.push(piece);
    }
  }
  return out;
}
