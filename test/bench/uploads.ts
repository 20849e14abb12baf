/**
 * The upload part of `npm run bench`: the service's memory (RSS, in the
 * compiled service as `npm start` runs it) while a teacher uploads a 300 MB
 * lesson recording, against the same service idle. Uploads stream to disk, so
 * the peak should stay near idle rather than grow by the file's size.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signedInTeacher } from '../support/accounts.js';
import { api } from '../support/http.js';
import { sha256OfFile, uploadFromDisk, writeLargeWav } from '../support/large-recording.js';
import { freePort, startServiceProcess } from '../support/service-process.js';
import { startTranscriptionServer } from '../support/transcription-server.js';

const UPLOAD_MB = 300;

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

export async function benchUploads(report: (label: string, value: string) => void): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-bench-upload-'));
  // A recognizer is configured (recordings are refused without one); it answers at once.
  const asr = await startTranscriptionServer({ respond: () => ({ text: '同学们好' }) });
  const port = await freePort();
  const child = await startServiceProcess(dataDir, port, {
    ASR_BASE_URL: asr.url,
    ASR_MODEL: 'bench-asr',
    MAX_MEDIA_UPLOAD_MB: String(UPLOAD_MB + 10),
  });
  try {
    const teacher = await signedInTeacher(`http://127.0.0.1:${port}`);
    const lessonId = (await api(teacher, 'POST', '/api/lessons', { title: '分数的初步认识', subject: '数学', grade: 3 })).body.id;
    const file = writeLargeWav(path.join(dataDir, 'made', '课堂实录.wav'), UPLOAD_MB * 1024 * 1024);
    const idle = rssMb(child.pid!);
    let peak = idle;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMb(child.pid!));
    }, 20);
    const started = performance.now();
    const uploaded = await uploadFromDisk(teacher, lessonId, file);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const intact = uploaded.body.material?.sha256 === (await sha256OfFile(file));
    report(`service RSS idle, before a ${UPLOAD_MB} MB upload`, `${idle.toFixed(0)} MB`);
    report(
      `service peak RSS while a ${UPLOAD_MB} MB recording uploads (streamed to disk)`,
      `${peak.toFixed(0)} MB (+${(peak - idle).toFixed(0)} MB over idle; HTTP ${uploaded.status}, stored intact: ${intact ? 'yes' : 'NO'})`,
    );
    report(`  upload of ${UPLOAD_MB} MB over 127.0.0.1`, `${seconds.toFixed(1)} s (${(UPLOAD_MB / seconds).toFixed(0)} MB/s)`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await asr.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
