import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, generateApiTypes, openApiDocument } from '../../web/scripts/api-types.js';
import { LESSON_LIMITS } from '../../web/src/lessons/lesson-limits.js';

describe('the web client’s API types', () => {
  it('match the routes: web/src/api/schema.d.ts is what `npm run api:types` writes now', async () => {
    const committed = fs.readFileSync(API_TYPES_FILE, 'utf8');
    // On failure: run `npm run api:types` and commit web/src/api/schema.d.ts with the route change.
    expect(committed === (await generateApiTypes()), 'web/src/api/schema.d.ts is stale: run npm run api:types').toBe(true);
  });

  it('the lesson form checks the limits the server enforces', async () => {
    const doc = (await openApiDocument()) as unknown as {
      components: {
        schemas: {
          LessonInput: {
            properties: Record<
              string,
              {
                maxLength?: number;
                minimum?: number;
                maximum?: number;
                anyOf?: { minimum?: number; maximum?: number; maxLength?: number }[];
              }
            >;
          };
        };
      };
    };
    const fields = doc.components.schemas.LessonInput.properties;
    const limit = (name: string, key: 'maxLength' | 'minimum' | 'maximum') =>
      fields[name]?.[key] ?? fields[name]?.anyOf?.find((a) => a[key] !== undefined)?.[key];
    expect(LESSON_LIMITS.title.max).toBe(limit('title', 'maxLength'));
    expect(LESSON_LIMITS.subject.max).toBe(limit('subject', 'maxLength'));
    expect(LESSON_LIMITS.edition.max).toBe(limit('edition', 'maxLength'));
    expect(LESSON_LIMITS.classProfile.max).toBe(limit('classProfile', 'maxLength'));
    expect([LESSON_LIMITS.grade.min, LESSON_LIMITS.grade.max]).toEqual([limit('grade', 'minimum'), limit('grade', 'maximum')]);
    expect([LESSON_LIMITS.periodMinutes.min, LESSON_LIMITS.periodMinutes.max]).toEqual([
      limit('periodMinutes', 'minimum'),
      limit('periodMinutes', 'maximum'),
    ]);
  });
});
