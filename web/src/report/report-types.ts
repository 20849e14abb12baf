import type { components, paths } from '../api/schema.js';

/**
 * The review report's shapes, all generated from the service's OpenAPI
 * document (schema.d.ts): nothing here restates a field.
 */
type Schemas = components['schemas'];
export type Report = Schemas['ObservationReport'];
export type Observation = Schemas['Observation'];
export type Stat = Report['aggregate']['rt'];
export type ReportStep = Report['steps'][number];
export type TeachingMode = Report['modeChart']['regions'][number]['mode'];
export type Results = Schemas['Results'];
export type ResultsInput = Schemas['ResultsInput'];
export type ReflectionDraft = Schemas['ReflectionDraft'];
export type DraftEngine = NonNullable<Schemas['ReflectionDraftInput']['engine']>;
export type SavedVersion = paths['/api/observations/{id}/reflection']['post']['responses'][201]['content']['application/json'];
