import { normalizeText } from '../text/text-normalizer';
import { soundsLikeContinuation } from './follow-up-cue.phrases';

describe('continuation words', () => {
  it.each(['and the crash rate of the lite app', 'what about Tianjin?', 'OK, and DAU for the same week', 'also by city', '那鸿蒙的崩溃率呢', '人均搜索次数又是多少', '这3个省的崩溃率', '还有广告收入'])(
    '%s continues the conversation',
    (q) => expect(soundsLikeContinuation(normalizeText(q))).toBe(true),
  );

  it.each(['DAU of the main app yesterday', 'android users last week', '上周主版的日活', 'random thoughts and ideas', 'andorra sales'])('%s does not', (q) =>
    expect(soundsLikeContinuation(normalizeText(q))).toBe(false),
  );
});
