/** Words that carry no slot of a plan; the planner leaves them out of its unused-words report. */
export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(
  `a an the of for to from in on at by per with without as and or nor but than then also just only
  what whats what's which who whom whose when where why how many much is are was were be been being
  am do does did done has have had can could would should will shall may might must
  show shows showing me my mine i we us our ours you your it its it's this that these those there here
  please give get got tell list display find see let lets let's want need know look looking
  compute calculate count query report data number numbers value values figure figures stats
  about some any all each every other into over under up down out off again further very
  so such too more most own same few both either neither s t can't don't isn't aren't wasn't weren't
  like around during before after between through across
  hey hi hello thanks thank ok okay well now including include includes along together`.split(/\s+/).filter(Boolean),
);

/** Chinese function words and question fillers, matched as substrings of uncovered text. */
export const CHINESE_STOPWORDS: readonly string[] = [
  '的话', '的', '是', '多少', '了', '吗', '呢', '啊', '吧', '呀', '么', '嘛', '请问', '请', '帮我', '帮忙',
  '给我', '我们', '我', '你们', '你', '看一下', '看看', '看下', '查一下', '查询', '查看', '查', '看',
  '统计', '一下', '情况', '怎么样', '怎样', '如何', '什么', '哪些', '有多少', '有', '数据', '数量',
  '以及', '及', '和', '与', '跟', '或者', '或', '在', '上的', '中的', '里的', '里', '中', '那么', '那',
  '这个', '这', '那个', '一个', '都', '还', '也', '又', '下', '等', '各项', '分别是', '是多少', '为',
  '对应', '相关', '再', '还有', '另外', '来自', '从', '一共有', '共有', '所有', '全部', '具体', '呢?', '吗?', '?',
].sort((a, b) => b.length - a.length);

const CHINESE_STOPWORD_PATTERN = new RegExp(CHINESE_STOPWORDS.map(escapeRegExp).join('|'), 'g');

export function isEnglishStopword(word: string): boolean {
  return ENGLISH_STOPWORDS.has(word);
}

/** Splits a run of Chinese text at its stopwords, returning the meaningful pieces. */
export function stripChineseStopwords(run: string): string[] {
  return run.split(CHINESE_STOPWORD_PATTERN).filter((piece) => piece.length > 0);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
