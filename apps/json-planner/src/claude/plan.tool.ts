import type Anthropic from '@anthropic-ai/sdk';
import { planJsonSchema } from '@chatbi/contracts';

export const PLAN_TOOL_NAME = 'submit_plan';

let cached: Anthropic.Tool | undefined;

/** The one tool the model must call: its input is the plan, described by the contracts' JSON Schema. */
export function planTool(): Anthropic.Tool {
  if (!cached) {
    const { $schema: _dialect, ...schema } = planJsonSchema();
    cached = {
      name: PLAN_TOOL_NAME,
      description: 'Submit the JSON plan for the question. Column names and enum values must be those of the listed view.',
      input_schema: schema as Anthropic.Tool.InputSchema,
    };
  }
  return cached;
}
