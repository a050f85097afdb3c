// CWE-502 VULNERABLE: java.beans.XMLDecoder.readObject() on the request body; XMLDecoder XML can call arbitrary constructors and methods (e.g. ProcessBuilder.start).
import java.beans.XMLDecoder;
import java.io.IOException;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/cwe502/vulnDeserXmlDecoder")
public class VulnDeserXmlDecoder extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try (XMLDecoder decoder = new XMLDecoder(request.getInputStream())) {
            Object layout = decoder.readObject();
            response.getWriter().println("Layout: " + layout.getClass().getSimpleName());
        }
    }
}
