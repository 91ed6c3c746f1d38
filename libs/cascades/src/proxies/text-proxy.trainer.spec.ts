import type { SemanticTask } from '@chatbi/contracts';
import { OnnxProxyModel } from './onnx.proxy';
import { trainTextProxy } from './text-proxy.trainer';

const complaints = ['cannot log in since the update', 'login page keeps failing', 'password reset does not let me log in', 'locked out of my account again', 'the sign in button does nothing'];
const praise = ['love the new dashboard', 'exports are quick now', 'great support, thanks', 'charts look much nicer', 'the report arrived on time'];

jest.setTimeout(30_000);

describe('trainTextProxy', () => {
  it('trains a model that onnxruntime runs and that ranks unseen texts of each class apart', async () => {
    const examples = [...complaints.map((text) => ({ text, label: 1 })), ...praise.map((text) => ({ text, label: 0 }))];
    const bytes = await trainTextProxy([...examples, ...examples, ...examples], { classes: 2, seed: 3, buckets: 1 << 14, epochs: 20, metadata: { instruction: 'complains about login' } });
    const proxy = await OnnxProxyModel.load({ model: bytes, classes: 2, buckets: 1 << 14 });
    const task: SemanticTask = { kind: 'filter', instruction: 'complains about login' };
    const [yes, no] = await proxy.score(task, [
      { id: 'a', text: 'I cannot log in to my account' },
      { id: 'b', text: 'thanks for the great dashboard' },
    ]);
    expect(yes[0]).toBeGreaterThan(0.5);
    expect(no[0]).toBeLessThan(0.5);
    await proxy.release();
  });

  it('refuses a label outside the classes', async () => {
    await expect(trainTextProxy([{ text: 'x', label: 2 }], { classes: 2, seed: 1 })).rejects.toThrow(/label 2/);
  });
});
