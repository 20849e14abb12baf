import { ConfigError, InputError, type InputProblem, ModelError } from '../errors.js';

/** A step that ran past its wall-clock budget (STEP_BUDGET_SEC) and was stopped. */
export class StepBudgetError extends Error {
  override readonly name = 'StepBudgetError';

  constructor(
    readonly stepTitle: string,
    readonly budgetMs: number,
    /** True when this was the step's second try: the run stops retrying it. */
    readonly final: boolean,
  ) {
    super(
      final
        ? `${stepTitle}两次超过时间预算（每次 ${Math.round(budgetMs / 1000)} 秒），已停止重试；材料可能过大，请拆分后再试，或调大 STEP_BUDGET_SEC`
        : `${stepTitle}超过时间预算（${Math.round(budgetMs / 1000)} 秒），已停止`,
    );
  }
}

/** The thread a step ran on died under it twice (out of memory, or a crash in native code). */
export class StepCrashError extends Error {
  override readonly name = 'StepCrashError';
}

/** An error as it crosses from a step thread to the main thread: structured clone keeps no classes. */
export interface WireError {
  name: string;
  message: string;
  file?: string;
  problem?: InputProblem;
  detail?: string;
  kind?: ModelError['kind'];
  stepTitle?: string;
  budgetMs?: number;
  final?: boolean;
}

/**
 * An error as plain data, so the main thread can rebuild the same class: the
 * CLI's exit code and the service's message depend on it.
 *
 * @example
 * const wire = toWire(new InputError('教材.pdf', 'encrypted', '文件已加密'));
 * fromWire(wire) instanceof InputError // true
 */
export function toWire(error: unknown): WireError {
  if (error instanceof InputError)
    return { name: error.name, message: error.message, file: error.file, problem: error.problem, detail: error.detail };
  if (error instanceof ModelError) return { name: error.name, message: error.message, kind: error.kind };
  if (error instanceof StepBudgetError)
    return { name: error.name, message: error.message, stepTitle: error.stepTitle, budgetMs: error.budgetMs, final: error.final };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

export function fromWire(wire: WireError): Error {
  switch (wire.name) {
    case 'InputError':
      return new InputError(wire.file!, wire.problem!, wire.detail!);
    case 'ModelError':
      return new ModelError(wire.message, wire.kind!);
    case 'ConfigError':
      return new ConfigError(wire.message);
    case 'StepBudgetError':
      return new StepBudgetError(wire.stepTitle!, wire.budgetMs!, wire.final!);
    case 'StepCrashError':
      return new StepCrashError(wire.message);
    default: {
      const error = new Error(wire.message);
      error.name = wire.name;
      return error;
    }
  }
}
