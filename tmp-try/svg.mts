import fs from 'node:fs';
import sharp from 'sharp';
const lines = ['分数的初步认识', '把一个整体平均分成几份，', '每份是它的几分之一。'];
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="300"><rect width="100%" height="100%" fill="white"/>${lines.map((l, i) => `<text x="40" y="${80 + i * 70}" font-family="Noto Sans CJK SC" font-size="44" fill="black">${l}</text>`).join('')}</svg>`;
const t = performance.now();
const png = await sharp(Buffer.from(svg)).png().toBuffer();
console.log(Math.round(performance.now() - t), png.length);
fs.writeFileSync('/tmp/svgtext.png', png);
