import { createRoute, z } from '@hono/zod-openapi';
import { lessonRole } from '../../accounts/access.js';
import { type ArtifactRow, getArtifact, latestArtifacts, lessonsOfArtifact } from '../../lessons/artifacts.js';
import { stepById } from '../../pipeline/registry.js';
import type { StepId } from '../../pipeline/step.js';
import { type App, currentUser, lessonFor } from '../auth.js';
import type { ServiceContext } from '../context.js';
import { notFound } from '../errors.js';
import { Artifact, ArtifactSummary, errorResponse as error, IdParam, jsonResponse as json } from '../schemas.js';

function describe(row: ArtifactRow) {
  return {
    id: row.id,
    stepId: row.stepId,
    title: stepById(row.stepId as StepId).title,
    engine: row.engine,
    model: row.model,
    promptVersion: row.promptVersion,
    createdAt: row.createdAt,
  };
}

export function artifactRoutes(app: App, ctx: ServiceContext): void {
  const { db } = ctx;
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/lessons/{id}/artifacts',
      tags: ['artifacts'],
      summary: 'The latest artifact of each step for the lesson, with its version',
      request: { params: IdParam },
      responses: { 200: json(z.array(ArtifactSummary), 'Artifacts'), 404: error('No such lesson') },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await lessonFor(ctx, c, id, 'view');
      return c.json(
        latestArtifacts(db, id).map(({ artifact, runId, version }) => ({ ...describe(artifact), runId, version })),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/artifacts/{id}',
      tags: ['artifacts'],
      summary: 'One artifact’s JSON',
      request: { params: IdParam },
      responses: { 200: json(Artifact, 'The artifact'), 404: error('No such artifact') },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const user = currentUser(c);
      const artifact = getArtifact(db, id);
      // An artifact is seen through a lesson that made or reused it.
      const roles = artifact ? await Promise.all((await lessonsOfArtifact(db, id)).map((lesson) => lessonRole(db, user.id, lesson))) : [];
      if (!artifact || !roles.some(Boolean)) throw notFound('成果', id);
      return c.json({ ...describe(artifact), json: artifact.json }, 200);
    },
  );
}
