import { describe, expect, it } from 'vitest';
import { ApiProblem, problemFromBody, problemFromNetwork } from '../src/api/problem.js';

describe('API errors as sentences', () => {
  it('takes the server’s Chinese message and adds what to do for a scanned PDF', () => {
    const problem = problemFromBody(422, {
      error: { code: 'scanned', message: '扫描件.pdf: 这是扫描版 PDF，没有可提取的文字', details: { file: '扫描件.pdf' } },
    });
    expect(problem.message).toBe('扫描件.pdf: 这是扫描版 PDF，没有可提取的文字。');
    expect(problem.advice).toContain('文字识别');
    expect(problem.message).not.toMatch(/[{}"]/);
  });

  it('names the fields of a validation error in Chinese, never the validator’s English', () => {
    const problem = problemFromBody(400, {
      error: {
        code: 'invalid-request',
        message: '请求内容不符合要求',
        details: [
          { path: ['title'], message: 'Too small: expected string to have >=1 characters' },
          { path: ['grade'], message: 'x' },
        ],
      },
    });
    expect(problem.message).toBe('请求内容不符合要求。请检查「课题」、「年级」。');
  });

  it('keeps the plan rules’ own Chinese sentences, and says what to do about a locked 终案 or a changed text', () => {
    const plan = problemFromBody(400, {
      error: {
        code: 'invalid-request',
        message: '请求内容不符合要求',
        details: [
          { path: ['plan', 'process'], message: '教学过程各环节用时合计 38 分钟，与课时 40 分钟不符' },
          { path: ['plan', 'objectives', 0, 'text'], message: '教学过程各环节用时合计 38 分钟，与课时 40 分钟不符' },
        ],
      },
    });
    expect(plan.message).toBe('请求内容不符合要求。教学过程各环节用时合计 38 分钟，与课时 40 分钟不符。');
    expect(problemFromBody(409, { error: { code: 'plan-final', message: '终案已锁定' } }).advice).toContain('开始新一轮');
    expect(problemFromBody(409, { error: { code: 'anchor-changed', message: '评论所指的文字已被修改' } }).advice).toContain('手动修改');
  });

  it('turns a proxy’s HTML page into a sentence by its status', () => {
    expect(problemFromBody(502, '<html>Bad gateway</html>').message).toBe('备课服务暂时没有响应，请稍后再试。');
    expect(problemFromBody(418, null).message).toContain('错误 418');
  });

  it('says the service cannot be reached when the request never got an answer', () => {
    const problem = problemFromNetwork(new TypeError('Failed to fetch'));
    expect(problem).toBeInstanceOf(ApiProblem);
    expect(problem.status).toBe(0);
    expect(problem.message).toContain('连不上备课服务');
  });
});
