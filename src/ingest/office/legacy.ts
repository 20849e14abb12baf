import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../../errors.js';
import type { InputFile } from '../types.js';

/** Old binary Office formats and what LibreOffice turns each into. */
export const LEGACY_TARGET: Readonly<Record<string, 'docx' | 'pptx'>> = {
  '.doc': 'docx',
  '.wps': 'docx',
  '.rtf': 'docx',
  '.ppt': 'pptx',
  '.dps': 'pptx',
};

/** LIBREOFFICE_TIMEOUT_SEC: one conversion; a file that takes longer is refused. */
const DEFAULT_TIMEOUT_MS = 90_000;

/**
 * Converts a legacy .doc/.wps/.ppt with LibreOffice (`soffice --headless
 * --convert-to`), in a temporary folder of its own with a private profile
 * (two conversions at once must not share one, and a teacher's file name never
 * reaches the command line), under a time limit. The folder is removed
 * whatever happens.
 *
 * @throws InputError `unsupported-type` when LibreOffice is not installed (saying how to
 *   install it or what to do instead), `corrupt` when it cannot convert the file, `limit-exceeded` on time-out.
 * @example
 * const docx = await convertLegacy({ name: '教案.doc', bytes }, 'docx');
 */
export async function convertLegacy(
  file: InputFile,
  target: 'docx' | 'pptx',
  options: { soffice?: string; timeoutMs?: number } = {},
): Promise<Uint8Array> {
  const ext = path.extname(file.name).toLowerCase();
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'lessonprep-convert-'));
  try {
    const input = path.join(work, `input${ext}`);
    await fs.writeFile(input, file.bytes);
    const outDir = path.join(work, 'out');
    await run(
      file.name,
      options.soffice ?? process.env.SOFFICE_PATH ?? 'soffice',
      [
        `-env:UserInstallation=${pathToFileURL(path.join(work, 'profile')).href}`,
        '--headless',
        '--norestore',
        '--convert-to',
        target,
        '--outdir',
        outDir,
        input,
      ],
      options.timeoutMs ?? (Number(process.env.LIBREOFFICE_TIMEOUT_SEC) * 1000 || DEFAULT_TIMEOUT_MS),
    );
    try {
      return new Uint8Array(await fs.readFile(path.join(outDir, `input.${target}`)));
    } catch {
      throw new InputError(
        file.name,
        'corrupt',
        `LibreOffice 无法转换这个 ${ext} 文件（可能已损坏或加密）；请用 Word/WPS 打开后另存为 .${target} 再上传`,
      );
    }
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

function run(fileName: string, command: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1024 * 1024 }, (error) => {
      if (!error) return resolve();
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        return reject(
          new InputError(
            fileName,
            'unsupported-type',
            `旧版 Office 文件（${path.extname(fileName)}）需要 LibreOffice 转换，但服务器上没有安装（管理员可安装 libreoffice-writer 和 libreoffice-impress）；也可以用 Word/WPS 另存为 .docx/.pptx 后上传`,
          ),
        );
      }
      if ((error as { killed?: boolean }).killed) {
        return reject(
          new InputError(
            fileName,
            'limit-exceeded',
            `转换超过 ${Math.round(timeoutMs / 1000)} 秒仍未完成；请用 Word/WPS 另存为 .docx/.pptx 后上传`,
          ),
        );
      }
      // soffice reports most failures by writing no output file, checked by the caller.
      resolve();
    });
  });
}
