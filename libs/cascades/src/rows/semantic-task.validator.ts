import { ChatbiError, type SemanticTask } from '@chatbi/contracts';

export const MAX_INSTRUCTION_CHARS = 500;
export const MAX_LABELS = 50;
export const MAX_LABEL_CHARS = 100;

/** Refuses a task no oracle could judge: an empty or overlong instruction, or a label set that is not a set. */
export function assertValidSemanticTask(task: SemanticTask): void {
  const instruction = task.instruction?.trim() ?? '';
  if (!instruction) throw new ChatbiError('SEMANTIC_INSTRUCTION_EMPTY', 'The semantic operator needs an instruction saying what to look for in each row.');
  if (instruction.length > MAX_INSTRUCTION_CHARS) {
    throw new ChatbiError('SEMANTIC_INSTRUCTION_TOO_LONG', `The instruction has ${instruction.length} characters; at most ${MAX_INSTRUCTION_CHARS} are allowed.`, {
      length: instruction.length,
      limit: MAX_INSTRUCTION_CHARS,
    });
  }
  if (task.kind !== 'classify') return;
  const labels = task.labels.map((l) => l.trim());
  if (labels.length < 2 || labels.length > MAX_LABELS) {
    throw new ChatbiError('SEMANTIC_LABELS_INVALID', `A classification needs between 2 and ${MAX_LABELS} labels, got ${labels.length}.`);
  }
  if (labels.some((l) => l.length === 0 || l.length > MAX_LABEL_CHARS)) {
    throw new ChatbiError('SEMANTIC_LABELS_INVALID', `Every label must have between 1 and ${MAX_LABEL_CHARS} characters.`);
  }
  if (new Set(labels).size !== labels.length) throw new ChatbiError('SEMANTIC_LABELS_INVALID', 'The labels must be distinct.');
}
