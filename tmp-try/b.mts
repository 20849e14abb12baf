import sharp from 'sharp';
import { hugePng, pdfBomb } from '../test/ingest/bombs.ts';
import { checkInflatedSize } from '../src/ingest/pdf/inflate-guard.ts';
import { inflateSync } from 'node:zlib';
let t = performance.now();
const small = hugePng(2000, 1500);
const st = await sharp(small).stats();
console.log('small ok', small.length, st.channels[0].mean, Math.round(performance.now() - t));
t = performance.now();
const big = hugePng(10000, 10000);
console.log('big', big.length, await sharp(big).metadata().then((m) => [m.width, m.height]), Math.round(performance.now() - t));
t = performance.now();
const bomb = pdfBomb(1.1 * 1024 ** 3);
console.log('bomb', bomb.length, Math.round(performance.now() - t));
const small2 = pdfBomb(5 * 1024 * 1024);
console.log('inflated small bomb', await checkInflatedSize({ name: 'x', bytes: small2 }, 1e12));
t = performance.now();
try { await checkInflatedSize({ name: 'bomb.pdf', bytes: bomb }, 256 * 1024 * 1024); } catch (e) { console.log((e as Error).message, Math.round(performance.now() - t)); }
