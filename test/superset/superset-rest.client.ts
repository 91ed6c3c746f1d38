/**
 * Superset's REST API as a script uses it: a JWT from /api/v1/security/login, and the CSRF token
 * (tied to the session cookie that comes with it) on every change.
 */
export class SupersetRestClient {
  private constructor(
    private readonly base: string,
    private readonly accessToken: string,
    private readonly csrfToken: string,
    private readonly cookie: string,
  ) {}

  static async login(base: string, username: string, password: string): Promise<SupersetRestClient> {
    const login = await fetch(`${base}/api/v1/security/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password, provider: 'db', refresh: false }),
    });
    if (!login.ok) throw new Error(`Superset login failed: ${login.status} ${await login.text()}`);
    const { access_token: accessToken } = (await login.json()) as { access_token: string };
    const csrf = await fetch(`${base}/api/v1/security/csrf_token/`, { headers: { authorization: `Bearer ${accessToken}` } });
    if (!csrf.ok) throw new Error(`Superset's CSRF token: ${csrf.status} ${await csrf.text()}`);
    const cookie = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    return new SupersetRestClient(base, accessToken, ((await csrf.json()) as { result: string }).result, cookie);
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.accessToken}`,
        'x-csrftoken': this.csrfToken,
        cookie: this.cookie,
        referer: this.base,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }
}
