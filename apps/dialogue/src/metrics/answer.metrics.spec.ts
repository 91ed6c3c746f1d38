import { Registry } from 'prom-client';
import { ChatbiError } from '@chatbi/contracts';
import { AnswerMetrics } from './answer.metrics';

describe('AnswerMetrics', () => {
  it('counts replies by API and code and times them', async () => {
    const registry = new Registry();
    const metrics = new AnswerMetrics(registry);
    await metrics.observe('http', async () => 'answer');
    await expect(metrics.observe('http', async () => Promise.reject(new ChatbiError('NO_METRIC_FOUND', 'no such metric')))).rejects.toThrow('no such metric');
    await expect(metrics.observe('grpc', async () => Promise.reject(new Error('bug')))).rejects.toThrow('bug');
    metrics.record('kafka', 'QUESTION_EMPTY', 0.002);
    const text = await registry.metrics();
    for (const line of [
      'chatbi_answers_total{entry="http",code="OK"} 1',
      'chatbi_answers_total{entry="http",code="NO_METRIC_FOUND"} 1',
      'chatbi_answers_total{entry="grpc",code="INTERNAL"} 1',
      'chatbi_answers_total{entry="kafka",code="QUESTION_EMPTY"} 1',
      'chatbi_answer_duration_seconds_count{entry="http"} 2',
    ]) {
      expect(text).toContain(line);
    }
  });

  it('shares the metrics of one registry between two apps of one process', async () => {
    const registry = new Registry();
    new AnswerMetrics(registry).record('http', 'OK', 0.1);
    new AnswerMetrics(registry).record('http', 'OK', 0.1);
    expect(await registry.metrics()).toContain('chatbi_answers_total{entry="http",code="OK"} 2');
  });
});
