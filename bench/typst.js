// Compiles a Typst document to PDF with the npm Typst compiler
// (@myriaddreamin/typst-ts-node-compiler), as a user scripting it runs
// it: a fresh process that loads the compiler, compiles and writes.
//
//	node bench/typst.js example.typ out.pdf
//
// The compiler is looked up in bench/node (bench/compare.sh installs it
// there) and the document's folder is the workspace its images are read
// from.
const path = require('path');
const fs = require('fs');
const { NodeCompiler } = require(path.join(__dirname, 'node', 'node_modules', '@myriaddreamin', 'typst-ts-node-compiler'));

const [main, out] = process.argv.slice(2);
if (!main || !out) {
  console.error('usage: node bench/typst.js DOCUMENT.typ OUT.pdf');
  process.exit(2);
}
const file = path.resolve(main);
const compiler = NodeCompiler.create({ workspace: path.dirname(file) });
const pdf = compiler.pdf({ mainFilePath: file });
fs.writeFileSync(out, pdf);
