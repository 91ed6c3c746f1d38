/**
 * Words that open or close a turn as a continuation of the conversation: "and ...", "what about
 * ...", "also ...", 那..., 还有..., ...呢. They do not make a question a follow-up by themselves
 * ("and how was DAU in Chengdu last week?" stands alone), but they weigh with what it names.
 */
const EN_OPENERS = /^(?:(?:ok(?:ay)?|so|right|then|now)[,\s]+)?(?:and|also|plus|what about|how about|and what about|and how about|same for|then)(?![a-z])/;
// 这3个省, 这部分人: the rows of the previous answer.
const ZH_OPENERS = /^(?:那么?|那就|还有|另外|再看看?|又|这些|这几个|这部分|这\s*\d+\s*个)/;
const ZH_CLOSERS = /(?:呢|又是多少|又有多少|又怎么样|又如何)[?？!！。.\s]*$/;

// "how many searches did it get?", "its average", 它的: a pronoun standing for what the previous answer was about.
const BACK_REFERENCES = /(?<![a-z])(?:it|its|they|them|their)(?![a-z'])|(?<![a-z])(?:is|was|of|for|about|from) (?:that|this|those|these)\s*\??$|(?<![a-z])the same (?:period|days|time|range|dates)(?![a-z])|它|其中|同期|该(?:产品|应用|版本|城市|渠道)/;

/** Whether a normalised question opens or ends like a continuation of the conversation, or points back at it. */
export function soundsLikeContinuation(normalized: string): boolean {
  const text = normalized.trim();
  return EN_OPENERS.test(text) || ZH_OPENERS.test(text) || ZH_CLOSERS.test(text) || BACK_REFERENCES.test(text);
}
