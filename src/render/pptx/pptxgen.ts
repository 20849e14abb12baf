import pptxgen from 'pptxgenjs';

/**
 * pptxgenjs, one way for the compiler and the runtime. Under NodeNext its
 * typings read as CommonJS (the class is `.default`), while tsx and vitest
 * load its ES build, whose default export is the class itself.
 */
type PptxGenJSClass = typeof pptxgen.default;

export const PptxGenJS: PptxGenJSClass =
  (pptxgen as unknown as { default?: PptxGenJSClass }).default ?? (pptxgen as unknown as PptxGenJSClass);

export type Presentation = InstanceType<PptxGenJSClass>;
export type PptxSlide = pptxgen.default.Slide;
export type TextRun = pptxgen.default.TextProps;
export type TextOptions = pptxgen.default.TextPropsOptions;
