import { ChatbiError, type HeartbeatMessage } from '@chatbi/contracts';
import { StageLiveness } from './stage-liveness';

const beat = (service: string, instance: string, ready = true, failing: string[] = []): HeartbeatMessage => ({ service, instance, ready, failing, sentAt: '' });

describe('StageLiveness', () => {
  let now: number;
  let liveness: StageLiveness;

  beforeEach(() => {
    now = 0;
    liveness = new StageLiveness({ stages: ['view-selector', 'cascade-runner'], silentAfterMs: 6_000, now: () => now });
  });

  it('knows nothing is down before it has listened for a whole window', () => {
    now = 5_000;
    expect(liveness.down()).toEqual([]);
    now = 6_001;
    expect(liveness.down()).toEqual(['view-selector', 'cascade-runner']);
  });

  it('counts a stage down once none of its instances has said it is ready within the window', () => {
    liveness.seen(beat('view-selector', 'vs-1'));
    liveness.seen(beat('view-selector', 'vs-2'));
    liveness.seen(beat('cascade-runner', 'cr-1'));
    liveness.seen(beat('json-planner', 'jp-1'));
    now = 4_000;
    liveness.seen(beat('view-selector', 'vs-2'));
    now = 7_000;
    expect(liveness.down()).toEqual(['cascade-runner']);
    now = 10_001;
    expect(liveness.down()).toEqual(['view-selector', 'cascade-runner']);
  });

  it('takes an instance that says it is not ready out at once, and tells the caller why', () => {
    liveness.seen(beat('view-selector', 'vs-1'));
    liveness.seen(beat('cascade-runner', 'cr-1'));
    now = 7_000;
    liveness.seen(beat('view-selector', 'vs-1'));
    liveness.seen(beat('cascade-runner', 'cr-1', false, ['warehouse']));
    let error: ChatbiError | undefined;
    try {
      liveness.assertAvailable();
    } catch (e) {
      error = e as ChatbiError;
    }
    expect(error).toMatchObject({ code: 'PIPELINE_UNAVAILABLE', httpStatus: 503, details: { stages: ['cascade-runner'] } });
    expect(error!.message).toContain('cascade-runner (not ready: warehouse)');
  });
});
