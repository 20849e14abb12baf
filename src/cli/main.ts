#!/usr/bin/env node
import path from 'node:path';
import { ConfigError, InputError, ModelError } from '../errors.js';
import { USAGE } from './args.js';

/**
 * The `lessonprep` command. Only what every command needs is imported up
 * front; each command loads its own modules, so `--help`, `--version` and
 * `steps` answer at once and `run` pays for the step engines only when it runs.
 */

/** Exit codes: 0 done, 1 internal error, 2 bad input, 3 configuration, 4 model unavailable, 130/143 interrupted (SIGINT/SIGTERM). */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const debug = rest.includes('--debug');
  if (argv.some((arg) => arg === '--help' || arg === '-h') || command === 'help' || command === undefined) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command === '--version' || command === '-v' || command === 'version') {
    const { readVersion } = await import('./version.js');
    process.stdout.write(`${readVersion()}\n`);
    return 0;
  }
  if (command === 'steps') {
    const { stepsListing } = await import('./steps-listing.js');
    process.stdout.write(`${await stepsListing()}\n`);
    return 0;
  }
  if (!['run', 'demo', 'users', 'groups', 'standards'].includes(command)) {
    process.stderr.write(`错误：没有命令 “${command}”\n\n${USAGE}\n`);
    return 2;
  }

  // Ctrl+C or SIGTERM: the run stops (steps computing are stopped too), is recorded as cancelled, and the command exits.
  const controller = new AbortController();
  const exitCode = { value: 0 };
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.on(signal, () => {
      // A second signal does not wait: the run is marked as cancelled on the way out (see runCommand).
      if (controller.signal.aborted) process.exit(code);
      exitCode.value = code;
      controller.abort();
    });
  }
  try {
    if (command === 'users' || command === 'groups') {
      const { accountsCommand } = await import('./accounts-command.js');
      await accountsCommand(argv, (line) => process.stdout.write(`${line}\n`));
      return 0;
    }
    if (command === 'standards') {
      const { standardsCommand } = await import('./standards-command.js');
      await standardsCommand(argv, (line) => process.stdout.write(`${line}\n`));
      return 0;
    }
    const [{ parseRunArgs }, { demoCommand }, { runCommand }, { progressPrinter }] = await Promise.all([
      import('./args.js'),
      import('./demo.js'),
      import('./run-command.js'),
      import('./progress.js'),
    ]);
    const parsed = command === 'run' ? parseRunArgs(rest) : demoCommand(rest);
    // --seed-school: the demo lesson becomes the demo school's lead's, part-way through the collective-prep loop.
    const seed = command === 'demo' && rest.includes('--seed-school') ? await import('./seed-school.js') : null;
    const school = seed ? await seed.seedSchoolPeople() : null;
    const report = await runCommand(seed && school ? { ...parsed, owner: seed.DEMO_LEAD } : parsed, progressPrinter(), controller.signal);
    if (report.status === 'cancelled') {
      process.stderr.write(`已取消：${path.resolve(parsed.out)} 中原有的文件没有改动\n`);
      return exitCode.value || 130;
    }
    process.stdout.write(`已生成到 ${path.resolve(parsed.out)}：${report.files.join('、')}\n`);
    if (seed && school) {
      const notes = await seed.seedSchoolLesson(report.lessonId, report.runId, school.groupId);
      process.stdout.write(`${seed.signInHelp(school.passwords, notes)}\n`);
    }
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (debug && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    if (error instanceof InputError) {
      process.stderr.write(`错误：${message}\n`);
      return 2;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`配置错误：${message}\n`);
      return 3;
    }
    if (error instanceof ModelError) {
      process.stderr.write(`模型错误：${message}\n`);
      return 4;
    }
    process.stderr.write(`内部错误：${message}${debug ? '' : '（加 --debug 查看详情）'}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
