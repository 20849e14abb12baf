import path from 'node:path';
import { ConfigError, InputError, ModelError } from '../errors.js';
import { accountsCommand } from './accounts-command.js';
import { parseRunArgs, USAGE } from './args.js';
import { demoCommand } from './demo-case.js';
import { progressPrinter } from './progress.js';
import { runCommand } from './run-command.js';
import { DEMO_LEAD, seedSchoolLesson, seedSchoolPeople, signInHelp } from './seed-school.js';
import { stepsTable } from './steps-table.js';

/** Exit codes: 0 done, 1 internal error, 2 bad input, 3 configuration, 4 model unavailable, 130 interrupted. */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const debug = rest.includes('--debug');
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  try {
    if (command === 'steps') {
      process.stdout.write(`${stepsTable()}\n`);
      return 0;
    }
    if (command === 'users' || command === 'groups') {
      await accountsCommand(argv, (line) => process.stdout.write(`${line}\n`));
      return 0;
    }
    if (command !== 'run' && command !== 'demo') {
      process.stderr.write(`${USAGE}\n`);
      return command === undefined || command === '--help' || command === 'help' ? 0 : 2;
    }
    const parsed = command === 'run' ? parseRunArgs(rest) : demoCommand(rest);
    // --seed-school: the demo lesson becomes the demo school's lead's, part-way through the collective-prep loop.
    const school = command === 'demo' && rest.includes('--seed-school') ? await seedSchoolPeople() : null;
    const report = await runCommand(school ? { ...parsed, owner: DEMO_LEAD } : parsed, progressPrinter(), controller.signal);
    if (report.status === 'cancelled') return 130;
    process.stdout.write(`已生成到 ${path.resolve(parsed.out)}：${report.files.join('、')}\n`);
    if (school) {
      const notes = await seedSchoolLesson(report.lessonId, report.runId, school.groupId);
      process.stdout.write(`${signInHelp(school.passwords, notes)}\n`);
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
