import type { TextSpan } from '../text/text-span';

/** Which end of a movement a word or a column is about: where it starts, or where it ends. */
export type Direction = 'source' | 'destination';

/** A word of movement in the question, and which end it points at. */
export interface DirectionWord extends TextSpan {
  direction: Direction;
  /** "from", "to": prepositions that carry no meaning of their own beyond the direction. */
  preposition: boolean;
}

const SOURCE_VERBS = /(?<![a-z])(?:depart(?:s|ed|ing|ures?)?|leav(?:e|es|ing)|originat(?:e|es|ed|ing)|origins?|sources?|outbound|takes? off|taking off)(?![a-z])|出发|起飞|始发/g;
const DESTINATION_VERBS = /(?<![a-z])(?:arriv(?:e|es|ed|ing|als?)|land(?:s|ed|ing)?|destinations?|inbound|heading)(?![a-z])|到达|抵达|飞往|降落/g;
const SOURCE_PREPOSITIONS = /(?<![a-z])from(?![a-z])|从/g;
const DESTINATION_PREPOSITIONS = /(?<![a-z])(?:to|into)(?![a-z])/g;

/** "flights departing from Aberdeen", "landing in Abilene", "fly from A to B": movement words in text order. */
export function findDirectionWords(text: string): DirectionWord[] {
  const out: DirectionWord[] = [];
  const collect = (pattern: RegExp, direction: Direction, preposition: boolean) => {
    for (const m of text.matchAll(pattern)) out.push({ start: m.index!, end: m.index! + m[0].length, text: m[0], direction, preposition });
  };
  collect(SOURCE_VERBS, 'source', false);
  collect(DESTINATION_VERBS, 'destination', false);
  collect(SOURCE_PREPOSITIONS, 'source', true);
  collect(DESTINATION_PREPOSITIONS, 'destination', true);
  return out.sort((a, b) => a.start - b.start);
}

const SOURCE_NAME = /^(?:source|src|origin|from|departure|departing|start|outbound)$/;
const DESTINATION_NAME = /^(?:dest|destination|dst|to|arrival|arriving|target|end|inbound)$/;

/** The end of a movement a column or relationship name is about (source_airport, dest_airport.city), if its words say. */
export function directionOfName(name: string): Direction | undefined {
  const words = name.toLowerCase().split(/[^a-z]+/);
  if (words.some((w) => SOURCE_NAME.test(w))) return 'source';
  if (words.some((w) => DESTINATION_NAME.test(w))) return 'destination';
  return undefined;
}
