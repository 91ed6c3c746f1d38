import { request } from 'node:http';

export interface RawReply {
  status: number;
  text: string;
  /** The body as JSON, or undefined when it is not JSON. */
  json: any;
}

export interface RawRequest {
  method: string;
  path: string;
  /** Sent as they are, Host included (fetch would not let a test forge it). */
  headers?: Record<string, string>;
  /** An object is sent as JSON (with its content type unless headers name one); a string as it is. */
  body?: object | string;
}

/** One HTTP request to 127.0.0.1:port with exactly the headers given: for tests of what a hostile client sends. */
export function rawHttp(port: number, req: RawRequest): Promise<RawReply> {
  const payload = req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
  const headers: Record<string, string> = {
    ...(typeof req.body === 'object' ? { 'content-type': 'application/json' } : {}),
    ...(payload !== undefined ? { 'content-length': String(Buffer.byteLength(payload)) } : {}),
    ...req.headers,
  };
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, method: req.method, path: req.path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: response.statusCode ?? 0, text, json });
      });
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}
