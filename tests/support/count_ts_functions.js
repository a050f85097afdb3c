// Independent count of named TypeScript functions (the TypeScript compiler's own parser), the
// same forms as count_js_functions.js: declarations with a body (not overload signatures),
// class methods, constructors and accessors, object-literal methods, and function values bound
// to a variable, a statement-level assignment target (identifier or member path), an object
// property or a class field. Reads file paths on the command line; prints {"file": [names]}.
const ts = require("typescript"), fs = require("fs");
const isFn = n => n && (ts.isFunctionExpression(n) || ts.isArrowFunction(n));
const plainName = n => n && (ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isNumericLiteral(n) || ts.isPrivateIdentifier(n)) ? n.text : null;
function member(n) {
  if (ts.isIdentifier(n)) return n.text;
  if (n.kind === ts.SyntaxKind.ThisKeyword) return "this";
  if (ts.isPropertyAccessExpression(n)) { const o = member(n.expression); return o && o + "." + n.name.text; }
  return null;
}
function names(file) {
  const src = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out = [];
  const visit = node => {
    const parent = node.parent;
    let name = null;
    if (ts.isFunctionDeclaration(node) && node.name && node.body) name = node.name.text;
    else if ((ts.isMethodDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node)) && node.body && ts.isClassLike(parent)) name = plainName(node.name);
    else if (ts.isConstructorDeclaration(node) && node.body) name = "constructor";
    else if (ts.isMethodDeclaration(node) && node.body && ts.isObjectLiteralExpression(parent)) name = plainName(node.name);
    else if (ts.isVariableDeclaration(node) && isFn(node.initializer) && ts.isIdentifier(node.name) && parent.declarations.length === 1) name = node.name.text;
    else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && isFn(node.right) && ts.isExpressionStatement(parent)) name = member(node.left);
    else if (ts.isPropertyAssignment(node) && isFn(node.initializer)) name = plainName(node.name);
    else if (ts.isPropertyDeclaration(node) && isFn(node.initializer)) name = plainName(node.name);
    if (name) out.push(name);
    ts.forEachChild(node, visit);
  };
  visit(src);
  return out;
}
const result = {};
for (const f of process.argv.slice(2)) result[f] = names(f);
console.log(JSON.stringify(result));
