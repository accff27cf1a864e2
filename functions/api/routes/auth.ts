import { Hono } from 'hono';
import { signInSchema } from '../../../shared/schemas/application.js';
import { parseJson, principal, type AppEnv } from '../http.js';
import { signInLimiter } from '../rate-limit.js';
import { doc } from '../openapi.js';

export const authRoutes = new Hono<AppEnv>()
  .post('/sign-in', doc({ summary: 'Sign in', public: true, body: signInSchema, bodyName: 'SignIn', ok: [200, '{ accessToken, expiresIn }'], errors: [401, 415, 422, 429] }), async (c) => {
    const { username, password } = await parseJson(c, signInSchema);
    signInLimiter.hit(username.toLowerCase());
    const session = await c.get('deps').auth.signIn(username, password);
    signInLimiter.reset(username.toLowerCase());
    return c.json(session, 200);
  });

export const meRoutes = new Hono<AppEnv>()
  .get('/', doc({ summary: 'The signed-in user', ok: [200, '{ username, groups, branch }'], errors: [401] }), (c) => {
    const { username, groups, branch } = principal(c);
    return c.json({ username, groups, branch: branch ?? null });
  });
