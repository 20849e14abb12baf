import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readAppConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { STANDARD_STAGES } from '../db/schema.js';
import { InputError } from '../errors.js';
import { libraryFromEnv } from '../ingest/library/from-env.js';
import { safeFileName } from '../lessons/file-names.js';
import { readModelConfig } from '../llm/config.js';
import { countStandardItems, type StandardStage, standardsLibrary } from '../standards/library.js';
import { FileStore } from '../store/file-store.js';
import { USAGE } from './args.js';

function bad(problem: string): never {
  throw new InputError('命令行参数', 'invalid', `${problem}\n\n${USAGE}`);
}

function addArgs(args: string[]) {
  try {
    return parseArgs({ args, options: { subject: { type: 'string' }, stage: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (error) {
    bad((error as Error).message);
  }
}

/**
 * `lessonprep standards add <file> --subject 语文 --stage 高中` and
 * `lessonprep standards list`: the school's 课标 library from the command
 * line, in the same DATA_DIR as the service (the file is parsed, and a scan
 * recognised, once; the service reuses it).
 *
 * @example
 * await standardsCommand(['standards', 'add', '课标.pdf', '--subject', '语文', '--stage', '高中'], console.log);
 */
export async function standardsCommand(argv: string[], out: (line: string) => void): Promise<void> {
  const [, verb, ...rest] = argv;
  const app = readAppConfig();
  const db = openDatabase(app.databaseFile);
  const library = standardsLibrary(db);
  try {
    if (verb === 'list') {
      const all = library.list();
      if (all.length === 0) out('学校课标库中还没有课标。添加：lessonprep standards add 文件 --subject 学科 --stage 学段');
      for (const s of all) out(`${s.subject}\t${s.stage}\t${s.items ?? '识别中'} 条\t${s.name}\t${s.id}`);
      return;
    }
    if (verb !== 'add') bad(`不认识的命令：standards ${verb ?? ''}`);
    const parsed = addArgs(rest);
    const [file] = parsed.positionals;
    const subject = parsed.values.subject?.trim();
    const stage = parsed.values.stage?.trim();
    if (!file || parsed.positionals.length > 1) bad('请给出一个课标文件');
    if (!subject) bad('请用 --subject 给出学科，例如 --subject 语文');
    if (!stage || !STANDARD_STAGES.includes(stage as StandardStage)) bad(`请用 --stage 给出学段：${STANDARD_STAGES.join('、')}`);
    if (!fs.existsSync(file)) throw new InputError(path.basename(file), 'not-found', `${file}: 文件不存在`);
    const { name } = safeFileName(path.basename(file));
    const store = new FileStore(db, app.filesDir);
    const ingestion = libraryFromEnv({ db, files: store, modelConfig: readModelConfig(), parsing: 'inline' });
    try {
      // Waits for OCR when the standard is a scan: the command ends with the items counted.
      const document = await ingestion.library.ingest({ name, bytes: new Uint8Array(fs.readFileSync(file)) });
      const items = countStandardItems(document);
      if (items === 0) {
        throw new InputError(name, 'invalid', `${name}: 没有识别出课标条目（课程目标、内容要求、学业要求等），请确认这是课程标准原文`);
      }
      const { standard, added } = library.add({
        fileSha256: document.sha256,
        name,
        subject,
        stage: stage as StandardStage,
        items,
        addedBy: null,
      });
      out(
        `${added ? '已加入学校课标库' : '学校课标库中已有这份课标'}：${standard.name}（${standard.subject}·${standard.stage}，${items} 条）`,
      );
    } finally {
      await ingestion.close();
    }
  } finally {
    db.$client.close();
  }
}
