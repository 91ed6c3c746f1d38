import type { TextSpan } from '@chatbi/language';
import type { ResolvedMention } from './mention-meaning.resolver';

/** "all apps together", 所有城市加起来: the dimension is summed over, not split by. */
export function readCombined(text: string, read: ResolvedMention[], used: TextSpan[]): void {
  for (const g of [...read]) {
    if (g.meaning.type !== 'dimension' || g.afterMarker) continue;
    const after = /^\s*(?:together|combined|altogether|in total)(?![a-z])|^\s*(?:加起来|加在一起|合起来|合计)/.exec(text.slice(g.end));
    if (!after) continue;
    read.splice(read.indexOf(g), 1);
    used.push({ start: g.start, end: g.end + after[0].length, text: text.slice(g.start, g.end + after[0].length) });
  }
}
