// CWE-502 SAFE: SnakeYAML is built with new Yaml(new SafeConstructor(new LoaderOptions())), which only creates standard maps, lists and scalars, so YAML tags cannot instantiate arbitrary classes.
import java.io.BufferedReader;
import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

@WebServlet(value = "/cwe502/safeDeserSnakeYamlSafeConstructor")
public class SafeDeserSnakeYamlSafeConstructor extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        Object config;
        try (BufferedReader reader = request.getReader()) {
            config = yaml.load(reader);
        }
        response.getWriter().println("Loaded config of type " + (config == null ? "null" : config.getClass().getSimpleName()));
    }
}
