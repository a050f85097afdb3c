// Independent count of Java methods (javac's own parser, through the Compiler Tree API): every
// method and constructor with a body, anywhere (nested, local and anonymous classes, enum
// constant bodies, records' compact constructors). Reads file paths, one per line, on stdin;
// prints one line per file: the path, a tab, then the names separated by spaces (a constructor
// takes its class's name). Files javac cannot parse are left out.
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreeScanner;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

public class CountJavaMethods {
    public static void main(String[] args) throws Exception {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line;
        while ((line = in.readLine()) != null) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjects(Path.of(line));
            JavacTask task = (JavacTask) compiler.getTask(null, files, d -> {}, List.of("-proc:none"), null, units);
            List<String> names = new ArrayList<>();
            boolean ok = true;
            try {
                for (CompilationUnitTree unit : task.parse()) {
                    new TreeScanner<Void, Void>() {
                        final Deque<String> classes = new ArrayDeque<>();

                        @Override
                        public Void visitClass(ClassTree node, Void unused) {
                            classes.push(node.getSimpleName().toString());
                            super.visitClass(node, unused);
                            classes.pop();
                            return null;
                        }

                        @Override
                        public Void visitMethod(MethodTree node, Void unused) {
                            if (node.getBody() != null) {
                                String name = node.getName().toString();
                                names.add(name.equals("<init>") ? classes.peek() : name);
                            }
                            return super.visitMethod(node, unused);
                        }
                    }.scan(unit, null);
                }
            } catch (Exception e) {
                ok = false;
            }
            if (ok) {
                System.out.println(line + "\t" + String.join(" ", names));
            }
        }
    }
}
