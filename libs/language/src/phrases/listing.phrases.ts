import type { TextSpan } from '../text/text-span';

/**
 * A question that asks for rows, not figures: "list the names of airports in Aberdeen", "what are
 * the names and ages of singers from France?", "which country does JetBlue belong to?", 列出所有歌手的名字,
 * 有哪些城市. Whether the rows are listed is the reader's call: a count, an aggregation word or a
 * ranking in the question makes it a figure after all.
 */
const ENGLISH = /^(?:please |can you |could you )?(?:list|show(?: me)?|give(?: me)?|return|find|display|name|tell me|get|print|what (?:is|are|was|were)|which|what(?! about| if))(?![a-z])/;
const CHINESE = /^(?:请)?(?:列出|列举|给出|显示|返回|查询|查找|找出)|哪些|哪几(?:种|个|类|款|家)?|(?:分别是什么|是什么|叫什么|是哪个|是哪里|在哪里|在哪|列一下|列出来|列个清单)[？?。.]?$/;

export function findListingWords(text: string): TextSpan | undefined {
  const m = ENGLISH.exec(text) ?? CHINESE.exec(text);
  return m ? { start: m.index, end: m.index + m[0].length, text: m[0] } : undefined;
}
