import type { CascadeAlgorithmConfig } from '@chatbi/contracts';
import type { CascadePolicy, ScoreMode } from './cascade-policy';
import { OracleOnlyPolicy, ProxyOnlyPolicy } from './fixed.policies';
import { GamcalPolicy } from './gamcal.policy';
import { SupgItPolicy } from './supg-it.policy';

export function createPolicy(config: CascadeAlgorithmConfig, mode: ScoreMode): CascadePolicy {
  switch (config.kind) {
    case 'supg-it':
      return new SupgItPolicy(mode, config);
    case 'gamcal':
      return new GamcalPolicy(mode, config);
    case 'proxy-only':
      return new ProxyOnlyPolicy(mode, config.warmupRows ?? 0);
    case 'oracle-only':
      return new OracleOnlyPolicy();
  }
}
