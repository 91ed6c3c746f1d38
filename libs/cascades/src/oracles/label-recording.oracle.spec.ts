import type { SemanticTask, Verdict } from '@chatbi/contracts';
import { GoldLabelOracle } from './gold-label.oracle';
import { LabelRecordingOracle, type LabelSink, type OracleLabel } from './label-recording.oracle';

const TASK: SemanticTask = { kind: 'filter', instruction: 'complains about login' };
const ROWS = [
  { id: '1', text: 'cannot log in' },
  { id: '2', text: 'great videos' },
  { id: '3', text: 'no label for me' },
  { id: '4', text: null },
];
const GOLD = new Map<string, Verdict>([
  ['1', true],
  ['2', false],
  ['4', true],
]);

describe('LabelRecordingOracle', () => {
  it('records every verdict with the text it judged, and answers as the oracle does', async () => {
    const recorded: [SemanticTask, readonly OracleLabel[]][] = [];
    const sink: LabelSink = { record: (task, labels) => recorded.push([task, labels]) };
    const oracle = new LabelRecordingOracle(new GoldLabelOracle(GOLD), sink, () => undefined);
    const answers = await oracle.judge(TASK, ROWS);
    expect(answers).toEqual(await new GoldLabelOracle(GOLD).judge(TASK, ROWS));
    // Row 3 got no verdict and row 4 has no text: neither is a label to learn from.
    expect(recorded).toEqual([[TASK, [{ id: '1', text: 'cannot log in', verdict: true }, { id: '2', text: 'great videos', verdict: false }]]]);
    expect(oracle.name).toBe('gold-label');
  });

  it('still answers when the sink fails, and reports the failure', async () => {
    const errors: unknown[] = [];
    const sink: LabelSink = {
      record: () => {
        throw new Error('disk full');
      },
    };
    const oracle = new LabelRecordingOracle(new GoldLabelOracle(GOLD), sink, (error) => errors.push(error));
    expect((await oracle.judge(TASK, ROWS)).map((a) => a.verdict)).toEqual([true, false, null, true]);
    expect(errors.map(String)).toEqual(['Error: disk full']);
  });
});
