/**
 * Kafka requests sent so far by the given services, by API, summed over their /metrics
 * (chatbi_kafka_requests_total{api}). A benchmark divides the difference over a run by the questions
 * answered: the request count is what the broker and each client pay for per question.
 */
export async function brokerRequestsByApi(serviceUrls: string[]): Promise<Record<string, number>> {
  const totals: Record<string, number> = {};
  for (const url of serviceUrls) {
    const text = await (await fetch(`${url}/metrics`)).text();
    for (const match of text.matchAll(/^chatbi_kafka_requests_total\{([^}]*)\} (\S+)$/gm)) {
      const api = /api="([^"]+)"/.exec(match[1])?.[1] ?? 'unknown';
      totals[api] = (totals[api] ?? 0) + Number(match[2]);
    }
  }
  return totals;
}
