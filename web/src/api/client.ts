import createClient from 'openapi-fetch';
import { ApiProblem, problemFromBody, problemFromNetwork } from './problem.js';
import type { components, paths } from './schema.js';

/**
 * The typed API client. Every type comes from `schema.d.ts`, which is
 * generated from the server's OpenAPI document: nothing here restates a field.
 *
 * @example
 * const lessons = await ask(api.GET('/api/lessons'));
 */
export const api = createClient<paths>({
  baseUrl: globalThis.location?.origin ?? '',
  // Looked up on each call, not once at start: the component tests put their own fetch in place.
  fetch: (request) => globalThis.fetch(request),
});

/** Calls that answer 401 as part of their meaning (a wrong password), not because the session ended. */
const SIGN_IN_PATHS = new Set(['/api/auth/login', '/api/setup']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The browser's credentials: the session cookie travels by itself (same
 * origin, HttpOnly, never readable here); the CSRF token the server gave at
 * sign-in goes in a header on every request that changes something.
 */
const credentials = { csrfToken: null as string | null, onSignedOut: (() => {}) as () => void };

/** Set at sign-in and when the session is read; null after signing out. */
export function setCsrfToken(token: string | null): void {
  credentials.csrfToken = token;
}

/** The header a state-changing request needs (the upload, which does not go through `api`, sends it too). */
export function csrfHeaders(): Record<string, string> {
  return credentials.csrfToken ? { 'X-CSRF-Token': credentials.csrfToken } : {};
}

/** Called when any call answers 401: the session expired or was ended elsewhere (the app then shows the sign-in page). */
export function whenSignedOut(handler: () => void): void {
  credentials.onSignedOut = handler;
}

/** Tells the app the session is gone when a call other than signing in answers 401. */
export function noticeUnauthenticated(status: number, path: string): void {
  if (status === 401 && !SIGN_IN_PATHS.has(path)) credentials.onSignedOut();
}

api.use({
  onRequest({ request }) {
    if (SAFE_METHODS.has(request.method)) return request;
    for (const [name, value] of Object.entries(csrfHeaders())) request.headers.set(name, value);
    return request;
  },
  onResponse({ response, request }) {
    noticeUnauthenticated(response.status, new URL(request.url).pathname);
    return response;
  },
});

type Schemas = components['schemas'];
export type Lesson = Schemas['Lesson'];
export type LessonInput = Schemas['LessonInput'];
export type Material = Schemas['Material'];
/** What the server read from a file (the upload's answer has none while a refused file is only named). */
export type IngestReport = NonNullable<Schemas['IngestReport']>;
export type Run = Schemas['Run'];
export type StepState = Run['steps'][number];
export type StepList = Schemas['StepList'];
export type StepInfo = StepList['steps'][number];
export type ArtifactSummary = Schemas['ArtifactSummary'];
export type PlanVersion = Schemas['PlanVersion'];
export type PlanVersionSummary = Schemas['PlanVersionSummary'];
export type LessonPlan = PlanVersion['plan'];
export type Health = paths['/api/health']['get']['responses'][200]['content']['application/json'];
export type UploadResult = paths['/api/lessons/{id}/materials']['post']['responses'][201]['content']['application/json'];
export type MaterialKindValue = NonNullable<
  NonNullable<paths['/api/lessons/{id}/materials']['post']['requestBody']>['content']['multipart/form-data']['kind']
>;
export type Session = Schemas['Session'];
export type User = Schemas['User'];
export type MyGroup = Schemas['MyGroup'];
export type ExportFile = paths['/api/lessons/{id}/export/{file}']['get']['parameters']['path']['file'];

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * Awaits an openapi-fetch call and returns its data, or throws an `ApiProblem`
 * whose message is a sentence a teacher can read (never the JSON).
 */
export async function ask<T>(call: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch (error) {
    throw problemFromNetwork(error);
  }
  if (answer.response.ok) return answer.data as T;
  throw problemFromBody(answer.response.status, answer.error);
}

/** Like `ask`, but the error `code` given ("no-plan", "no-run") means "none yet" and answers null. */
export async function askOptional<T>(call: Promise<Answer<T>>, code: string): Promise<T | null> {
  try {
    return await ask(call);
  } catch (error) {
    if (error instanceof ApiProblem && error.code === code) return null;
    throw error;
  }
}
