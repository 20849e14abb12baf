// Module hooks for register.mjs; they run on Node's loader thread.
import fs from 'node:fs';

let out;

export function initialize(data) {
  out = data.out;
}

export async function load(url, context, nextLoad) {
  if (out) fs.appendFileSync(out, `${url}\n`);
  return nextLoad(url, context);
}
