import { block, type LessonRequest, type MaterialDigest, type SourceRef, type TextBlock } from '../../domain/index.js';

/**
 * The key point (教学重点) when neither a 教参 states one nor the book defines a
 * term: what lessons of this kind are for. A 语文 lesson is about reading the
 * text and its words, an English lesson about its words and sentence patterns;
 * other subjects are named by the book's own section headings.
 *
 * @example
 * subjectFocus({ subject: '语文', grade: 1, … }, digest, [], ['田', '野'], refs).text // '认读本课生字（田、野），正确、流利地朗读《田野里》'
 */
export function subjectFocus(
  request: LessonRequest,
  digest: MaterialDigest,
  sections: string[],
  vocabulary: string[],
  sources: SourceRef[],
): TextBlock {
  const title = digest.title.text;
  const words = vocabulary.slice(0, 6).join('、');
  if (request.subject.includes('语文')) {
    const reading = request.grade <= 2 ? '正确、流利地朗读' : '正确、流利、有感情地朗读';
    return block.template(`${words ? `认读本课生字词（${words}），` : ''}${reading}《${title}》，理解重点词句`, sources);
  }
  if (request.subject.includes('英语')) {
    return block.template(`听、说、读、写本课核心词汇${words ? `（${words}）` : ''}和句型，并能在情境中运用`, sources);
  }
  const named = sections.filter((s) => !/^(练习|习题|做一做|想一想|议一议|思考|例\d*)/.test(s)).slice(0, 3);
  return block.template(named.length > 0 ? `${title}：${named.join('、')}` : `${title}的核心概念与方法`, sources);
}
