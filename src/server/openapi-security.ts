import { CSRF_HEADER, SESSION_COOKIE } from './auth.js';

type Operation = { security?: unknown[]; responses?: Record<string, unknown> };
type Document = { paths?: Record<string, Record<string, Operation>>; components?: Record<string, unknown>; security?: unknown[] };

const errorRef = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

/**
 * Adds how to sign in to the generated document: the session cookie (with
 * the CSRF header on changes) or a bearer API token on every route, except
 * those that declare `security: []`; and the 401 and 403 every protected
 * route can answer, so a client generated from the document handles them.
 *
 * @example
 * c.json(withSecurity(app.getOpenAPI31Document(config)));
 */
export function withSecurity<T extends object>(generated: T): T {
  const doc = generated as Document;
  for (const operations of Object.values(doc.paths ?? {})) {
    for (const [method, operation] of Object.entries(operations)) {
      if (Array.isArray(operation.security) && operation.security.length === 0) continue;
      operation.responses ??= {};
      operation.responses['401'] ??= errorRef('Not signed in, or the session or token has expired');
      if (method !== 'get')
        operation.responses['403'] ??= errorRef(
          `Missing ${CSRF_HEADER} with a session cookie, another origin, or not allowed for this role`,
        );
    }
  }
  doc.components = {
    ...doc.components,
    securitySchemes: {
      session: {
        type: 'apiKey',
        in: 'cookie',
        name: SESSION_COOKIE,
        description: `Set by POST /api/auth/login. POST, PUT, PATCH and DELETE also need the session's csrfToken in the ${CSRF_HEADER} header.`,
      },
      bearer: { type: 'http', scheme: 'bearer', description: 'An API token from POST /api/auth/tokens' },
    },
  };
  doc.security = [{ session: [] }, { bearer: [] }];
  return generated;
}
