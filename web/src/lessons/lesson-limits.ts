/**
 * The server's limits on a lesson, checked while the teacher types so she
 * sees the problem beside the field. A test compares them with the OpenAPI
 * document, so they cannot drift from what the server enforces.
 */
export const LESSON_LIMITS = {
  title: { max: 100 },
  subject: { max: 20 },
  grade: { min: 1, max: 12 },
  edition: { max: 40 },
  periodMinutes: { min: 10, max: 120 },
  classProfile: { max: 2000 },
} as const;
