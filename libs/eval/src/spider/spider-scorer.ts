import { SpiderParseError } from './spider-parse.error';
import { spiderHardness, type Hardness } from './spider-hardness';
import { componentScores, exactSetMatch, type ComponentScores } from './spider-matcher';
import { SpiderSchema } from './spider-schema';
import { emptySql, type SpiderSql } from './spider-sql';
import { normalizeForMatching } from './spider-sql.normalizer';
import { parseSpiderSql } from './spider-sql.parser';

export interface SpiderVerdict {
  hardness: Hardness;
  exactMatch: boolean;
  components: ComponentScores;
  /** Why the prediction could not be parsed (it is then scored as an empty query). */
  predParseError?: string;
}

/** One Spider database's scorer: hardness of the gold, component matching and exact set match. */
export class SpiderScorer {
  constructor(
    readonly schema: SpiderSchema,
    private readonly foreignKeys: Map<string, string>,
  ) {}

  parse(sql: string): SpiderSql {
    return parseSpiderSql(sql, this.schema);
  }

  hardness(goldSql: string): Hardness {
    return spiderHardness(this.parse(goldSql));
  }

  score(predSql: string, goldSql: string): SpiderVerdict {
    const gold = this.parse(goldSql);
    const hardness = spiderHardness(gold);
    let pred: SpiderSql;
    let predParseError: string | undefined;
    try {
      pred = this.parse(predSql);
    } catch (error) {
      if (!(error instanceof SpiderParseError)) throw error;
      pred = emptySql();
      predParseError = error.message;
    }
    const g = normalizeForMatching(gold, this.schema, this.foreignKeys);
    const p = normalizeForMatching(pred, this.schema, this.foreignKeys);
    return { hardness, exactMatch: exactSetMatch(p, g), components: componentScores(p, g), ...(predParseError ? { predParseError } : {}) };
  }
}
