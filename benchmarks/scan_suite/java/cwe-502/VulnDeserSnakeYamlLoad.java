// CWE-502 VULNERABLE: SnakeYAML new Yaml().load(..) on the request body (SnakeYAML 1.x default Constructor honours global tags such as !!javax.script.ScriptEngineManager, allowing arbitrary object creation).
import java.io.BufferedReader;
import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.yaml.snakeyaml.Yaml;

@WebServlet(value = "/cwe502/vulnDeserSnakeYamlLoad")
public class VulnDeserSnakeYamlLoad extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Yaml yaml = new Yaml();
        Object config;
        try (BufferedReader reader = request.getReader()) {
            config = yaml.load(reader);
        }
        response.getWriter().println("Loaded config of type " + (config == null ? "null" : config.getClass().getSimpleName()));
    }
}
