/** The first-start setup form as typed, before it is sent. */
export interface SetupDraft {
  username: string;
  displayName: string;
  password: string;
  repeat: string;
}

/** The server's rules for a new account (account-schemas.ts), said in Chinese before the form is sent. */
const USERNAME = /^[A-Za-z0-9._-]{2,40}$/;
export const MIN_PASSWORD = 8;

/**
 * What is wrong with each field, in a sentence; an empty object when the form can be sent.
 *
 * @example
 * validateSetup({ username: 'wang li', displayName: '王丽', password: 'x', repeat: 'x' })
 * // { username: '登录名只能用字母、数字和 . _ -，2 到 40 个字符', password: '密码至少 8 位' }
 */
export function validateSetup(draft: SetupDraft): Partial<Record<keyof SetupDraft, string>> {
  const errors: Partial<Record<keyof SetupDraft, string>> = {};
  const username = draft.username.trim();
  if (!username) errors.username = '请填写登录名';
  else if (!USERNAME.test(username)) errors.username = '登录名只能用字母、数字和 . _ -，2 到 40 个字符';
  if (!draft.displayName.trim()) errors.displayName = '请填写姓名';
  else if (draft.displayName.trim().length > 40) errors.displayName = '姓名最多 40 个字';
  if (draft.password.length < MIN_PASSWORD) errors.password = `密码至少 ${MIN_PASSWORD} 位`;
  else if (draft.password.length > 200) errors.password = '密码最多 200 位';
  if (!errors.password && draft.repeat !== draft.password) errors.repeat = '两次输入的密码不一样';
  return errors;
}
