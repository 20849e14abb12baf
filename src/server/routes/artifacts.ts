import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { type ArtifactRow, getArtifact, latestArtifacts } from '../../lessons/artifacts.js';
import { getLesson } from '../../lessons/lessons.js';
import { stepById } from '../../pipeline/registry.js';
import type { StepId } from '../../pipeline/step.js';
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

export function artifactRoutes(app: OpenAPIHono, { db }: ServiceContext): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/lessons/{id}/artifacts',
      tags: ['artifacts'],
      summary: 'The latest artifact of each step for the lesson, with its version',
      request: { params: IdParam },
      responses: { 200: json(z.array(ArtifactSummary), 'Artifacts'), 404: error('No such lesson') },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      if (!getLesson(db, id)) throw notFound('课程', id);
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
    (c) => {
      const { id } = c.req.valid('param');
      const artifact = getArtifact(db, id);
      if (!artifact) throw notFound('成果', id);
      return c.json({ ...describe(artifact), json: artifact.json }, 200);
    },
  );
}
