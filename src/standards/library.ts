import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { planVersions, type STANDARD_STAGES, schoolStandards } from '../db/schema.js';
import type { IngestedDocument } from '../ingest/types.js';
import type { RunInputs } from '../pipeline/step.js';
import { type StandardItem, splitStandard } from './structure.js';

export type StandardStage = (typeof STANDARD_STAGES)[number];
export type SchoolStandard = typeof schoolStandards.$inferSelect;

/** The grades each 学段 tag covers: a 义务教育 standard (2022) serves 小学 and 初中 alike. */
const STAGE_GRADES: Record<StandardStage, [number, number]> = {
  小学: [1, 6],
  初中: [7, 9],
  义务教育: [1, 9],
  高中: [10, 12],
};

/** How a library standard is named in a run: its file name and where it came from, so every citation says so. */
export const LIBRARY_LABEL = '学校课标库';

/**
 * The 课标 items a standard document holds (content, goals, achievement …,
 * not the preface): a document with none is not a standard the library can
 * quote. A scan still being recognised is counted when it is read.
 */
export function countStandardItems(document: IngestedDocument): number {
  return standardItemsOf(document).filter((item) => item.part !== 'other').length;
}

/** Every item of a standard document as the library reads it (from its readable pages), the preface's included as `other`. */
export function standardItemsOf(document: IngestedDocument): StandardItem[] {
  return splitStandard(document.pages.filter((page) => page.quality === 'good'));
}

/** The file name a run gives a library standard, which its plan's citations carry: 「学校课标库·普通高中语文课程标准.pdf」. */
export const libraryFileName = (name: string) => `${LIBRARY_LABEL}·${name}`;

/**
 * The school's shared 课标 library (学校课标库): standards an admin adds once,
 * tagged by subject and 学段, stored and parsed once by file hash (the file
 * store and `parsed_documents`). A lesson with no 课标 of its own is grounded
 * in the library's standards for its subject and grade.
 *
 * @example
 * const library = standardsLibrary(db);
 * library.add({ sha256, name: '普通高中语文课程标准.pdf', subject: '语文', stage: '高中', items: 352, addedBy: admin.id });
 * library.matching('语文', 10); // [{ name: '普通高中语文课程标准.pdf', … }]
 */
export function standardsLibrary(db: Db) {
  return {
    list(): SchoolStandard[] {
      return db.select().from(schoolStandards).orderBy(desc(schoolStandards.createdAt)).all();
    },

    get(id: string): SchoolStandard | null {
      return db.select().from(schoolStandards).where(eq(schoolStandards.id, id)).get() ?? null;
    },

    /** Adds a standard; the same file with the same tags is the standard already there (`added: false`). */
    add(entry: Omit<SchoolStandard, 'id' | 'createdAt'>): { standard: SchoolStandard; added: boolean } {
      return db.transaction((tx) => {
        const same = and(
          eq(schoolStandards.fileSha256, entry.fileSha256),
          eq(schoolStandards.subject, entry.subject),
          eq(schoolStandards.stage, entry.stage),
        );
        const existing = tx.select().from(schoolStandards).where(same).get();
        if (existing) return { standard: existing, added: false };
        tx.insert(schoolStandards)
          .values({ id: randomUUID(), ...entry })
          .run();
        return { standard: tx.select().from(schoolStandards).where(same).get()!, added: true };
      });
    },

    /** The standard a run cited under `fileName` (「学校课标库·<name>」), or null when it is not (or no longer) in the library. */
    cited(fileName: string): SchoolStandard | null {
      return this.list().find((s) => libraryFileName(s.name) === fileName) ?? null;
    },

    /** Records the item count of a scan once its recognition has finished (it was null while recognising). */
    setItems(id: string, items: number): void {
      db.update(schoolStandards).set({ items }).where(eq(schoolStandards.id, id)).run();
    },

    /**
     * How many lessons have a plan version that cites this standard (by the
     * name runs give it). Those versions keep their 课标要求 and objective
     * links when it is removed: a plan stores the items' words and pages.
     */
    citingLessons(name: string): number {
      // The JSON text holds the citation as "file":"学校课标库·<name>"; LIKE's wildcards in a file name are escaped.
      const quoted = JSON.stringify({ file: libraryFileName(name) })
        .slice(1, -1)
        .replace(/[\\%_]/g, (c) => `\\${c}`);
      const row = db
        .select({ n: sql<number>`count(distinct ${planVersions.lessonId})` })
        .from(planVersions)
        .where(sql`${planVersions.json} like ${`%${quoted}%`} escape '\\'`)
        .get();
      return row?.n ?? 0;
    },

    remove(id: string): boolean {
      return db.delete(schoolStandards).where(eq(schoolStandards.id, id)).run().changes > 0;
    },

    /** The standards for a subject and grade, newest first. */
    matching(subject: string, grade: number): SchoolStandard[] {
      return this.list().filter(
        (s) => s.subject === subject.trim() && grade >= STAGE_GRADES[s.stage][0] && grade <= STAGE_GRADES[s.stage][1],
      );
    },

    /**
     * A run's inputs with the library's matching standards added as 课标
     * materials when the lesson has none of its own; unchanged otherwise.
     * The name carries 「学校课标库」, so 课标要求 cite it as such.
     */
    withStandards(inputs: RunInputs): RunInputs {
      if (inputs.materials.some((m) => m.kind === 'curriculumStandard')) return inputs;
      const found = this.matching(inputs.request.subject, inputs.request.grade);
      if (found.length === 0) return inputs;
      return {
        ...inputs,
        materials: [
          ...inputs.materials,
          ...found.map((s) => ({ name: libraryFileName(s.name), sha256: s.fileSha256, kind: 'curriculumStandard' as const })),
        ],
      };
    },
  };
}
