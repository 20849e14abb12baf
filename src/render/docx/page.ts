import { AlignmentType, Document, type FileChild, Footer, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import { SIZE } from './fonts.js';
import { STYLES } from './styles.js';

/** A4 with Word's 适中 margins: 2.54 cm top and bottom, 1.91 cm left and right — room for a five-column table. */
const PAGE = { width: 11906, height: 16838, margin: { top: 1440, bottom: 1440, left: 1080, right: 1080 } } as const;

/** Width of the text block in twips; tables use all of it. */
export const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;

/** "第 1 页 共 3 页" centred in the footer, so loose printed pages can be put back in order. */
function pageFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['第 ', PageNumber.CURRENT, ' 页  共 ', PageNumber.TOTAL_PAGES, ' 页'], size: SIZE.小五 })],
      }),
    ],
  });
}

/** One A4 portrait section with the shared styles, packed to .docx bytes. */
export async function packA4(meta: { title: string; description: string }, children: FileChild[]): Promise<Uint8Array> {
  const doc = new Document({
    title: meta.title,
    description: meta.description,
    creator: 'lessonprep',
    styles: STYLES,
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: PAGE.margin } },
        footers: { default: pageFooter() },
        children,
      },
    ],
  });
  return Packer.pack(doc, 'uint8array');
}
