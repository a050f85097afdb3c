// Independent count of Go functions (go/parser): every function and method declaration that
// has a body (a declaration without one is implemented in assembly: nothing to learn from).
// Reads file paths, one per line, on stdin (`go run` would take .go arguments for its own) and
// prints {"file": ["name", ...]}; files that go/parser rejects are left out.
package main

import (
	"bufio"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
)

func main() {
	out := map[string][]string{}
	lines := bufio.NewScanner(os.Stdin)
	for lines.Scan() {
		file := lines.Text()
		fset := token.NewFileSet()
		tree, err := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
		if err != nil {
			continue
		}
		names := []string{}
		for _, decl := range tree.Decls {
			if fn, ok := decl.(*ast.FuncDecl); ok && fn.Body != nil {
				names = append(names, fn.Name.Name)
			}
		}
		out[file] = names
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		os.Exit(1)
	}
}
