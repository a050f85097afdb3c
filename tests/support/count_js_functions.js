// Independent count of named JS functions (acorn): declarations, methods, and function values
// bound to a variable, a statement-level assignment target (identifier or member path), an
// object property, or a class field.
const acorn = require("acorn"), walk = require("acorn-walk"), fs = require("fs"), path = require("path");
const isFn = n => n && ["FunctionExpression", "ArrowFunctionExpression"].includes(n.type);
function member(n) { if (n.type === "Identifier") return n.name; if (n.type === "MemberExpression" && !n.computed) { const o = member(n.object); return o && o + "." + n.property.name; } if (n.type === "ThisExpression") return "this"; return null; }
function count(file) {
  const src = fs.readFileSync(file, "utf8"); let n = 0; const names = [];
  const ast = acorn.parse(src, { ecmaVersion: "latest", sourceType: "script", allowHashBang: true, allowReturnOutsideFunction: true });
  walk.fullAncestor(ast, (node, st, anc) => {
    const parent = anc[anc.length - 2];
    let name = null;
    if (node.type === "FunctionDeclaration" && node.id) name = node.id.name;
    else if (node.type === "MethodDefinition" && !node.computed) name = node.key.name || node.key.value;
    else if (node.type === "VariableDeclarator" && isFn(node.init) && node.id.type === "Identifier" && parent.declarations.length === 1) name = node.id.name;
    else if (node.type === "AssignmentExpression" && isFn(node.right) && parent.type === "ExpressionStatement") name = member(node.left);
    else if (node.type === "Property" && isFn(node.value) && !node.computed && parent.type === "ObjectExpression" && node.kind === "init" && !node.method) name = node.key.name || node.key.value;
    else if (node.type === "Property" && node.method && !node.computed) name = node.key.name || node.key.value;
    else if (node.type === "PropertyDefinition" && isFn(node.value) && !node.computed) name = node.key.name;
    if (name) { n++; names.push(name); }
  });
  return names;
}
const out = {};
for (const f of process.argv.slice(2)) out[f] = count(f);
console.log(JSON.stringify(out));
