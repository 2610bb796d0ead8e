import { passwordOf } from './app-process.js';

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A thin fetch wrapper that keeps the bearer token. */
export class Api {
  constructor(
    public baseUrl: string,
    public token?: string,
  ) {}

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const res = await fetch(`${this.baseUrl}/api${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }

  /** POST that must succeed; returns the body. */
  async ok<T = any>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const r = await this.request<T>(method, path, method === 'POST' ? (body ?? {}) : undefined);
    if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  static async login(baseUrl: string, username = 'instructor', password = passwordOf(username)): Promise<Api> {
    const api = new Api(baseUrl);
    const r = await api.post<{ token: string }>('/auth/login', { username, password });
    if (r.status !== 200) throw new Error(`login ${username} → ${r.status} ${JSON.stringify(r.body)}`);
    api.token = r.body.token;
    return api;
  }

  static async join(baseUrl: string, code: string, displayName: string): Promise<Api & { teamId: string }> {
    const api = new Api(baseUrl);
    const r = await api.post<{ token: string; team: { id: string } }>('/join', { code, displayName });
    if (r.status !== 200) throw new Error(`join ${code} → ${r.status} ${JSON.stringify(r.body)}`);
    api.token = r.body.token;
    return Object.assign(api, { teamId: r.body.team.id });
  }
}

export interface ExerciseDetail {
  id: string;
  clock: { status: string; speed: number; scenarioNowMs: number };
  teams: { id: string; key: string; name: string; joinCode?: string }[];
}

export async function createExercise(api: Api, packId = 'demo', speed?: number): Promise<ExerciseDetail> {
  const ex = await api.ok<ExerciseDetail>('POST', '/exercises', { packId });
  if (speed !== undefined) await api.ok('POST', `/exercises/${ex.id}/speed`, { speed });
  return ex;
}

export const teamByKey = (ex: ExerciseDetail, key: string) => {
  const t = ex.teams.find((x) => x.key === key);
  if (!t) throw new Error(`no team ${key}`);
  return t;
};
