import type { AIMessage, HumanMessage, SystemMessage } from '@langchain/core/messages';
import type { ChatOpenAI } from '@langchain/openai';

/** The parts of LangChain a model request uses. */
export interface LangChain {
  ChatOpenAI: typeof ChatOpenAI;
  AIMessage: typeof AIMessage;
  HumanMessage: typeof HumanMessage;
  SystemMessage: typeof SystemMessage;
}

/**
 * LangChain's OpenAI client and message classes, loaded at the first request
 * that goes to a model. With the OpenAI SDK and LangSmith they are about 500
 * modules and 40 MB: an offline service, a cached answer and a CLI that only
 * lists steps never pay for them. Node caches the modules, so later calls cost
 * nothing.
 *
 * @example
 * const { ChatOpenAI, HumanMessage } = await loadLangChain();
 * const answer = await new ChatOpenAI({ model }).invoke([new HumanMessage('你好')]);
 */
export async function loadLangChain(): Promise<LangChain> {
  const [{ ChatOpenAI }, { AIMessage, HumanMessage, SystemMessage }] = await Promise.all([
    import('@langchain/openai'),
    import('@langchain/core/messages'),
  ]);
  return { ChatOpenAI, AIMessage, HumanMessage, SystemMessage };
}
