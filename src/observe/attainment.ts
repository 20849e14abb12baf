/** 达标检测 results as a teacher enters them. */
export interface ResultsInput {
  /** Students who took the check: the denominator of every rate. */
  classSize: number;
  items: { itemId: string; correct: number }[];
  /** Per student, the items she got right; when given, the item counts are derived from it. */
  students: { student: string; correct: string[] }[] | null;
}

export interface ItemAttainment {
  itemId: string;
  prompt: string;
  objectiveIds: string[];
  /** Students correct, or null when the item's result was not entered. */
  correct: number | null;
  rate: number | null;
}

export interface ObjectiveAttainment {
  objectiveId: string;
  text: string;
  itemIds: string[];
  /** Mean of its items' rates (= all correct answers over classSize × items); null when no item checks it or none was entered. */
  rate: number | null;
  /** With per-student results: the share of students who got every item of the objective right. */
  masteredRate: number | null;
}

export interface Attainment {
  classSize: number;
  items: ItemAttainment[];
  objectives: ObjectiveAttainment[];
  /** Objectives no 达标检测 item checks. */
  unchecked: string[];
}

/**
 * Counts per item from per-student results.
 *
 * @example
 * itemCounts([{ student: '01', correct: ['M1'] }, { student: '02', correct: ['M1', 'M2'] }], ['M1', 'M2']);
 * // [{ itemId: 'M1', correct: 2 }, { itemId: 'M2', correct: 1 }]
 */
export function itemCounts(students: readonly { correct: readonly string[] }[], itemIds: readonly string[]) {
  return itemIds.map((itemId) => ({ itemId, correct: students.filter((s) => s.correct.includes(itemId)).length }));
}

/**
 * Attainment per 达标检测 item and per objective (达成度): an item's rate is
 * correct / classSize; an objective's is the mean of the rates of the items
 * that check it (the plan maps items to objectives).
 *
 * @example
 * attainment({ classSize: 40, items: [{ itemId: 'M1', correct: 36 }, { itemId: 'M2', correct: 30 }], students: null },
 *   [{ id: 'M1', prompt: '…', objectiveIds: ['O1'] }, { id: 'M2', prompt: '…', objectiveIds: ['O1'] }], [{ id: 'O1', text: '…' }]);
 * // O1: (36/40 + 30/40) / 2 = 0.825
 */
export function attainment(
  results: ResultsInput,
  items: readonly { id: string; prompt: string; objectiveIds: string[] }[],
  objectives: readonly { id: string; text: string }[],
): Attainment {
  const entered = new Map(results.items.map((i) => [i.itemId, i.correct]));
  const rows: ItemAttainment[] = items.map((item) => {
    const correct = entered.get(item.id) ?? null;
    return {
      itemId: item.id,
      prompt: item.prompt,
      objectiveIds: item.objectiveIds,
      correct,
      rate: correct === null ? null : correct / results.classSize,
    };
  });
  const perObjective = objectives.map((objective): ObjectiveAttainment => {
    const mine = rows.filter((r) => r.objectiveIds.includes(objective.id));
    const rates = mine.map((r) => r.rate).filter((r): r is number => r !== null);
    const masteredRate =
      results.students && mine.length > 0
        ? results.students.filter((s) => mine.every((r) => s.correct.includes(r.itemId))).length / results.classSize
        : null;
    return {
      objectiveId: objective.id,
      text: objective.text,
      itemIds: mine.map((r) => r.itemId),
      rate: rates.length > 0 ? rates.reduce((a, b) => a + b, 0) / rates.length : null,
      masteredRate,
    };
  });
  return {
    classSize: results.classSize,
    items: rows,
    objectives: perObjective,
    unchecked: perObjective.filter((o) => o.itemIds.length === 0).map((o) => o.objectiveId),
  };
}
