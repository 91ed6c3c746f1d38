import { ConfigError, loadConfig } from './chatbi.config';
import { jsonPlannerOptionsOf } from './planner.config';
import { loadDistributedConfig } from '../distributed/distributed.config';

describe('planner settings', () => {
  const vllm = { CHATBI_OPENAI_BASE_URL: 'http://127.0.0.1:8000/v1', CHATBI_OPENAI_MODEL: 'Qwen/Qwen2.5-7B-Instruct' };

  it('plans offline without an LLM, with Claude given a key, with the OpenAI-compatible planner given an endpoint and model', () => {
    expect(jsonPlannerOptionsOf(loadConfig({}))).toEqual({});
    expect(jsonPlannerOptionsOf(loadConfig({ ANTHROPIC_API_KEY: 'sk-ant' }))).toEqual({
      claude: { apiKey: 'sk-ant', baseURL: undefined, model: 'claude-sonnet-4-6', timeoutMs: 20_000 },
    });
    expect(jsonPlannerOptionsOf(loadConfig({ ...vllm, CHATBI_PLANNER_TIMEOUT_MS: '60000' }))).toEqual({
      openai: { apiKey: 'no-key', baseURL: 'http://127.0.0.1:8000/v1', model: 'Qwen/Qwen2.5-7B-Instruct', timeoutMs: 60_000 },
    });
    expect(jsonPlannerOptionsOf(loadConfig({ CHATBI_OPENAI_MODEL: 'gpt-4.1-mini', CHATBI_OPENAI_API_KEY: 'sk-oa' }))).toMatchObject({ openai: { apiKey: 'sk-oa', baseURL: undefined } });
  });

  it('lets CHATBI_PLANNER choose when both are configured (the Anthropic key may be there for semantic operators)', () => {
    expect(jsonPlannerOptionsOf(loadConfig({ ...vllm, ANTHROPIC_API_KEY: 'sk-ant', CHATBI_PLANNER: 'openai' }))).toHaveProperty('openai');
    expect(jsonPlannerOptionsOf(loadConfig({ ...vllm, ANTHROPIC_API_KEY: 'sk-ant', CHATBI_PLANNER: 'claude' }))).toHaveProperty('claude');
    expect(jsonPlannerOptionsOf(loadConfig({ ...vllm, ANTHROPIC_API_KEY: 'sk-ant', CHATBI_PLANNER: 'offline' }))).toEqual({});
  });

  it.each([
    [{ CHATBI_OPENAI_BASE_URL: 'http://127.0.0.1:8000/v1', ANTHROPIC_API_KEY: 'sk-ant' }, /CHATBI_PLANNER: both ANTHROPIC_API_KEY and an OpenAI-compatible endpoint/],
    [{ CHATBI_PLANNER: 'claude' }, /ANTHROPIC_API_KEY: the Claude planner \(CHATBI_PLANNER=claude\) needs a key/],
    [{ CHATBI_OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' }, /CHATBI_OPENAI_MODEL: the OpenAI-compatible planner needs the name of the model/],
    [{ CHATBI_PLANNER: 'openai', CHATBI_OPENAI_MODEL: 'gpt-4.1-mini' }, /CHATBI_OPENAI_API_KEY: without CHATBI_OPENAI_BASE_URL/],
    [{ CHATBI_OPENAI_BASE_URL: 'localhost:8000' }, /CHATBI_OPENAI_BASE_URL: must be an http\(s\):\/\/ URL/],
    [{ CHATBI_PLANNER: 'gpt' }, /CHATBI_PLANNER: /],
  ])('refuses %j at start-up, saying what to set', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('is checked the same way for each distributed service', () => {
    const base = { KAFKA_BROKERS: 'localhost:9092', CHATBI_METADATA_URL: 'postgres://u:p@localhost/db' };
    expect(() => loadDistributedConfig('json-planner', { ...base, CHATBI_OPENAI_BASE_URL: 'http://127.0.0.1:8000/v1' })).toThrow(/json-planner:\n\s+CHATBI_OPENAI_MODEL/);
    expect(loadDistributedConfig('json-planner', { ...base, ...vllm }).CHATBI_OPENAI_MODEL).toBe('Qwen/Qwen2.5-7B-Instruct');
  });
});
