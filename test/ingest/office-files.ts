import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { PptxGenJS } from '../../src/render/pptx/pptxgen.js';

/** A 教参 in Word as teachers write one: headings by style, a numbered list, a table of 教学重点/难点. */
export async function teacherGuideDocx(): Promise<Uint8Array> {
  const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
  const doc = new Document({
    numbering: {
      config: [{ reference: 'steps', levels: [{ level: 0, format: 'decimal', text: '%1.', alignment: 'left' }] }],
    },
    sections: [
      {
        children: [
          new Paragraph({ text: '第三单元 分数的初步认识', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ text: '一、教材分析', heading: HeadingLevel.HEADING_2 }),
          new Paragraph({
            children: [
              new TextRun('本课是学生第一次认识分数，'),
              new TextRun({ text: '几分之一', bold: true }),
              new TextRun('是后续学习的基础。'),
            ],
          }),
          new Paragraph({ text: '二、教学重点和难点', heading: HeadingLevel.HEADING_2 }),
          new Table({
            rows: [
              new TableRow({ children: [cell('教学重点'), cell('理解几分之一的含义，会读写几分之一')] }),
              new TableRow({ children: [cell('教学难点'), cell('理解“平均分”是分数产生的前提')] }),
            ],
          }),
          new Paragraph({ text: '三、学习目标', heading: HeadingLevel.HEADING_2 }),
          new Paragraph({ text: '能用折纸表示一张纸的二分之一', numbering: { reference: 'steps', level: 0 } }),
          new Paragraph({ text: '会比较两个几分之一的大小', numbering: { reference: 'steps', level: 0 } }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** A deck with titles, body text and speaker notes; slide 3 holds only a picture. */
export async function lessonPptx(): Promise<Uint8Array> {
  const deck = new PptxGenJS();
  const one = deck.addSlide();
  one.addText('分数的初步认识', { x: 0.5, y: 0.5, w: 9, h: 1, fontSize: 36 });
  one.addText('三年级上册 第八单元', { x: 0.5, y: 2, w: 9, h: 1 });
  one.addNotes('先请学生说说生活中的“一半”');
  const two = deck.addSlide();
  two.addText('几分之一', { x: 0.5, y: 0.5, w: 9, h: 1 });
  two.addText('把一个月饼平均分成2份，每份是它的二分之一。', { x: 0.5, y: 2, w: 9, h: 1 });
  two.addNotes('强调“平均分”');
  const three = deck.addSlide();
  three.addShape(deck.ShapeType.rect, { x: 1, y: 1, w: 3, h: 2, fill: { color: 'FF0000' } });
  return new Uint8Array((await deck.write({ outputType: 'nodebuffer' })) as Buffer);
}
