// The route wrapper's cost: an unauthenticated GET /api/health against an authenticated
// GET /api/users/current (token lookup, role check, user read, NetBird shaping), at 1 and 16 clients.
import type { Benchmark } from './context';
import { latencyFigure, request } from './lib';

export const httpOverhead: Benchmark = {
  name: 'http-overhead',
  about: 'request overhead of the shared route wrapper',
  async run(ctx) {
    const get = (path: string, headers: Record<string, string> = {}) => async () => {
      await (await request(ctx.baseUrl + path, { headers })).arrayBuffer();
    };
    const auth = { Authorization: `Token ${ctx.token}` };
    const figures = [];
    for (const c of [1, 16]) {
      figures.push(await latencyFigure(`GET /api/health c=${c}`, get('/api/health'), { total: ctx.requests, concurrency: c }));
      figures.push(await latencyFigure(`GET /api/users/current (token) c=${c}`, get('/api/users/current', auth), { total: ctx.requests, concurrency: c }));
    }
    return figures;
  },
};
