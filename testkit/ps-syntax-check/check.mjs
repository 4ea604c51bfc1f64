// Independent PowerShell syntax check for the tests: parses each file with tree-sitter-powershell
// (its WebAssembly build, so nothing is compiled on install) and prints FILE:LINE:COL for every ERROR
// or MISSING node. Exit 0 when all parse, 1 when one does not, 2 on bad usage.
// Called by io.authcert.testing.PsSyntaxCheck after `npm ci --ignore-scripts` in this folder.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node check.mjs FILE...');
  process.exit(2);
}
await Parser.init();
const grammar = createRequire(import.meta.url).resolve('tree-sitter-powershell/tree-sitter-powershell.wasm');
const parser = new Parser();
parser.setLanguage(await Language.load(grammar));

function* problems(node, file, source) {
  if (node.isError || node.isMissing) {
    const { row, column } = node.startPosition;
    const near = source.slice(node.startIndex, Math.min(node.endIndex, node.startIndex + 40));
    yield `${file}:${row + 1}:${column + 1}: ` + (node.isMissing ? `missing ${node.type}` : `unexpected ${JSON.stringify(near)}`);
    return;
  }
  for (const child of node.children) yield* problems(child, file, source);
}

let failed = 0;
for (const file of files) {
  const source = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const root = parser.parse(source).rootNode;
  if (!root.hasError) continue;
  const found = [...problems(root, file, source)];
  console.log((found.length ? found : [`${file}:1:1: syntax error`]).join('\n'));
  failed++;
}
console.log(`${files.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
