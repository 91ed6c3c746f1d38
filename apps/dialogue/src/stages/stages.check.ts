import type { StageLiveness } from './stage-liveness';

/** The services a question passes through after dialogue, in order. */
export const PIPELINE_STAGES = ['view-selector', 'json-planner', 'sql-templater', 'cascade-runner'] as const;

/** dialogue's readiness: every stage downstream has an instance alive and ready. */
export function stagesCheck(liveness: StageLiveness) {
  return {
    name: 'stages',
    check: async () => {
      const down = liveness.down();
      if (down.length > 0) throw new Error(`no ready instance of ${down.join(', ')}`);
    },
  };
}
