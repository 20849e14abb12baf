import { reactive } from 'vue';
import { api, ask, type IngestReport, type Material, type MaterialKindValue } from '../api/client.js';
import { ApiProblem } from '../api/problem.js';
import { type UploadFields, uploadMaterial } from '../api/upload.js';
import { earlierReports } from './earlier-reports.js';

const SUBTITLE = /\.(srt|vtt)$/i;
/** How often the page asks how far recognition is: a page of OCR takes seconds, so once a second shows each page. */
export const POLL_MS = 1000;

/** One file the teacher gave in this visit: being sent, being read, stored, or refused. */
export interface Upload {
  key: number;
  file: File;
  fields: UploadFields;
  state: 'waiting' | 'sending' | 'reading' | 'stored' | 'refused';
  /** 0…1 of the bytes sent. */
  sent: number;
  /** Set once stored: the material and what the server read from it. */
  material: Material | null;
  report: IngestReport | null;
  problem: ApiProblem | null;
}

export interface MaterialsState {
  /** The lesson's stored materials, in order, as the server has them. */
  materials: Material[];
  /** This visit's uploads, newest last; a stored one keeps its report and its file (to re-send with other settings). */
  uploads: Upload[];
  /** For materials uploaded on an earlier visit: what the last run read from them, by material id. */
  earlier: Record<string, IngestReport>;
  /** Scans and photos recognised while the page was open: the report with each page's OCR confidence, by material id. */
  recognised: Record<string, IngestReport>;
  loaded: boolean;
  problem: unknown;
}

/**
 * The materials page's state and what changes it. Files are sent one at a
 * time (the server reads PDFs on one worker thread, and the order is the
 * order the nine steps read them); each shows its own progress.
 *
 * @example
 * const store = createMaterialsStore(lessonId); await store.load(); store.add(droppedFiles, 'auto');
 */
export function createMaterialsStore(lessonId: string) {
  const state = reactive<MaterialsState>({ materials: [], uploads: [], earlier: {}, recognised: {}, loaded: false, problem: null });
  let nextKey = 1;
  /** Materials seen recognising on this visit: when one is done its new report is read once. */
  const watching = new Set<string>();
  let poll: ReturnType<typeof setTimeout> | null = null;
  let queue: Promise<void> = Promise.resolve();
  const path = { params: { path: { id: lessonId } } };

  async function load() {
    try {
      state.materials = await ask(api.GET('/api/lessons/{id}/materials', path));
      state.problem = null;
      const unknown = state.materials.filter((m) => !uploadOf(m) && !state.earlier[m.id]);
      if (unknown.length > 0) {
        // Secondary: a failure here only leaves those cards without their report.
        const reports = await earlierReports(lessonId, unknown).catch(() => new Map<string, IngestReport>());
        for (const [id, report] of reports) state.earlier[id] = report;
      }
      await followRecognition();
    } catch (error) {
      state.problem = error;
    } finally {
      state.loaded = true;
    }
  }

  /**
   * OCR runs in the background page by page and the material list says how
   * far it is: read the list again every POLL_MS while a file is being
   * recognised (the service has no event stream for it), then read each
   * finished file's report once, for its pages' confidence.
   */
  async function followRecognition() {
    for (const material of state.materials) {
      const status = material.processing?.status;
      if (status === 'recognising') watching.add(material.id);
      else if (watching.has(material.id)) {
        watching.delete(material.id);
        if (status === 'ready') {
          const report = await ask(api.GET('/api/materials/{id}/report', { params: { path: { id: material.id } } })).catch(() => null);
          if (report) state.recognised[material.id] = report;
        }
      }
    }
    if (poll) clearTimeout(poll);
    poll = state.materials.some((m) => m.processing?.status === 'recognising') ? setTimeout(() => void load(), POLL_MS) : null;
  }

  /** Stops following recognition (the page is closed). */
  function dispose() {
    if (poll) clearTimeout(poll);
    poll = null;
  }

  /** Sends one upload and records its outcome; never throws (a refusal is shown on its card). */
  async function send(upload: Upload): Promise<boolean> {
    upload.state = 'sending';
    upload.problem = null;
    const handle = uploadMaterial(lessonId, upload.file, upload.fields, (sent) => {
      upload.sent = sent;
      // Every byte is out: the server is reading the file now.
      if (sent >= 1) upload.state = 'reading';
    });
    try {
      const { material, report } = await handle.result;
      Object.assign(upload, { state: 'stored', sent: 1, material, report });
      return true;
    } catch (error) {
      Object.assign(upload, { state: 'refused', problem: error instanceof ApiProblem ? error : null });
      return false;
    }
  }

  /** Queues files; subtitles are marked as subtitles, other files get the chosen kind. */
  function add(files: Iterable<File>, kind: MaterialKindValue): void {
    for (const file of files) {
      const upload = reactive<Upload>({
        key: nextKey++,
        file,
        fields: SUBTITLE.test(file.name) ? { kind: 'transcript', videoTitle: file.name.replace(/\.[^.]+$/, '') } : { kind },
        state: 'waiting',
        sent: 0,
        material: null,
        report: null,
        problem: null,
      }) as Upload;
      state.uploads.push(upload);
      queue = queue.then(async () => {
        if (await send(upload)) await load();
      });
    }
  }

  /**
   * Stores the same file again with other settings (kind, video address and
   * title), then removes the old copy. The API stores these only with the
   * upload, so a change is a new upload; the old one goes only once the new one is in.
   */
  /**
   * Changes a stored material's kind or video fields. The API takes them only
   * with an upload, and the same content on the same lesson is answered with
   * the stored copy, so the old copy is deleted first and the file sent again
   * with the new fields; if that is refused, it is sent back with the old ones.
   */
  function resend(upload: Upload, fields: UploadFields): Promise<void> {
    const previous = upload.material;
    const run = queue.then(async () => {
      const before = { ...upload.fields };
      if (previous) await ask(api.DELETE('/api/materials/{id}', { params: { path: { id: previous.id } } }));
      upload.fields = { ...upload.fields, ...fields };
      if (!(await send(upload))) {
        const problem = upload.problem;
        upload.fields = before;
        if (previous && (await send(upload))) upload.problem = problem;
      }
      await load();
    });
    queue = run;
    return run;
  }

  async function remove(material: Material): Promise<void> {
    await ask(api.DELETE('/api/materials/{id}', { params: { path: { id: material.id } } }));
    state.uploads = state.uploads.filter((u) => u.material?.id !== material.id);
    await load();
  }

  /** Forgets a refused upload's card. */
  function dismiss(upload: Upload): void {
    state.uploads = state.uploads.filter((u) => u !== upload);
  }

  /** This visit's upload of a stored material, when there is one (its report and file are known). */
  const uploadOf = (material: Material) => state.uploads.find((u) => u.material?.id === material.id) ?? null;

  return { state, load, add, resend, remove, dismiss, uploadOf, dispose };
}

export type MaterialsStore = ReturnType<typeof createMaterialsStore>;
