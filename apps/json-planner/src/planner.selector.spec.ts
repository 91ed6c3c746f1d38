import { LlmPlanner } from './llm/llm-planner';
import { OfflinePlanner } from './offline/offline-planner';
import { selectPlanner } from './planner.selector';

describe('selectPlanner', () => {
  const offline = new OfflinePlanner();
  const llm = { apiKey: 'k', model: 'm', timeoutMs: 1000 };

  it('is the offline planner without an LLM, Claude with a key, the OpenAI-compatible planner with an endpoint', () => {
    expect(selectPlanner({}, offline)).toBe(offline);
    expect(selectPlanner({ claude: { ...llm, apiKey: '' } }, offline)).toBe(offline);
    const claude = selectPlanner({ claude: llm }, offline);
    expect(claude).toBeInstanceOf(LlmPlanner);
    expect(claude.name).toBe('claude');
    const openai = selectPlanner({ openai: { ...llm, baseURL: 'http://127.0.0.1:8000/v1' } }, offline);
    expect(openai).toBeInstanceOf(LlmPlanner);
    expect(openai.name).toBe('openai');
  });
});
