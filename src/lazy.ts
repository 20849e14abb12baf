/** Any function whose module is worth loading only when it is first called. */
// biome-ignore lint/suspicious/noExplicitAny: the arguments are whatever the wrapped function takes.
type AnyFunction = (...args: any[]) => any;

/**
 * One function of a module that is loaded at the first call instead of at
 * start: the service and the CLI start with what every request needs, and a
 * library that only an export, a parse or a model call uses (docx, pdf.js,
 * LangChain: tens of MB each) is paid for by the first request that needs it.
 * The wrapper has the function's own parameters and always returns a promise;
 * later calls find the module in Node's cache. Pass the `import()` as a literal
 * so the step code version (src/pipeline/code-version) still sees the module.
 *
 * @example
 * const renderPlanDocx = lazily(() => import('./plan-docx.js'), 'renderPlanDocx');
 * const bytes = await renderPlanDocx(plan, null); // docx loads here, once
 */
export function lazily<M extends Record<K, AnyFunction>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
): (...args: Parameters<M[K]>) => Promise<Awaited<ReturnType<M[K]>>> {
  return async (...args) => (await load())[name](...args);
}
