import { InputError } from '../errors.js';

/**
 * What a parser's unexpected failure means to the teacher. The parsers read
 * untrusted bytes; a structure no test foresaw (150k cues spread as
 * arguments, tables nested 10,000 deep) can still make a library throw a
 * RangeError or a TypeError. That is a file the product cannot read, not a
 * fault of the service: it becomes an InputError naming the file (HTTP 422,
 * CLI exit 2), with the original error kept as the cause for the log.
 *
 * @example
 * try { return parse(file); } catch (error) { throw asInputError(file.name, error); }
 */
export function asInputError(fileName: string, error: unknown): InputError {
  if (error instanceof InputError) return error;
  const stack = error instanceof RangeError && /call stack/i.test(error.message);
  return new InputError(
    fileName,
    'corrupt',
    stack
      ? '文件结构嵌套过深或条目过多，超出了读取能力（可能是恶意构造或已损坏的文件）；请重新导出或另存后上传'
      : '文件结构异常，读取时出错（可能已损坏，或是改了扩展名的其他文件）；请重新导出或另存后上传',
    { cause: error },
  );
}
