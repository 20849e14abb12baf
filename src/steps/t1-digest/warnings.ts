import { type DigestFile, PAGE_UNIT_WORD } from '../../domain/index.js';

/** Past this many readable pages a 课标 is the whole subject's, not this lesson's. */
const LARGE_STANDARD_PAGES = 20;

function readablePages(file: DigestFile): number {
  return file.pages.filter((page) => page.quality === 'good').length;
}

/** What a teacher should know about one file's structure (its ingest warnings come first, as given). */
export function fileWarnings(file: DigestFile, ingestWarnings: string[]): string[] {
  const warnings = [...ingestWarnings];
  const pages = readablePages(file);
  if (file.kind === 'curriculumStandard' && pages > LARGE_STANDARD_PAGES) {
    warnings.push(`课程标准《${file.name}》共 ${pages} ${PAGE_UNIT_WORD[file.pageUnit]}，后续步骤只使用其中与本课关键词相关的部分。`);
  }
  return warnings;
}

/**
 * The digest's warnings: every file's own, each naming its file, then what is
 * missing across all materials — only what changes what the teacher should
 * check in the draft.
 *
 * @example
 * digestWarnings(files, { titleFromFileName: false })
 * // ['教材.pdf：第 3 页是扫描图片，未能读取文字', '材料中未找到学习目标，教学目标将根据教材内容拟定，请核对。']
 */
export function digestWarnings(files: DigestFile[], options: { titleFromFileName: boolean }): string[] {
  const warnings = files.flatMap((file) => file.warnings.map((w) => (w.includes(file.name) ? w : `${file.name}：${w}`)));
  const readable = files.filter((file) => readablePages(file) > 0);
  const teaching = readable.filter((file) => file.kind !== 'curriculumStandard');
  const textbooks = readable.filter((file) => file.kind === 'textbook');

  if (options.titleFromFileName) {
    warnings.push(`未能从材料中识别课题，课题暂留空位（文件名为「${files[0]!.name.replace(/\.[^.]+$/, '')}」），请填写课题。`);
  }
  if (teaching.length > 0 && teaching.every((file) => file.structure.statedObjectives.length === 0)) {
    warnings.push('材料中未找到学习目标，教学目标将根据教材内容拟定，请核对。');
  }
  if (textbooks.length > 0 && textbooks.every((file) => file.structure.exercises.length === 0)) {
    warnings.push('教材中没有检测到练习题，达标检测题将另行编写，请核对。');
  }
  if (readable.length === 0) warnings.push('所有材料都没有可读的文字，只能根据课题和学科生成草稿。');
  return warnings;
}
