// CWE-611 VULNERABLE: an identity Transformer from a default TransformerFactory re-serialises the request body; parsing the StreamSource resolves the document's external entities.
import java.io.IOException;
import java.io.StringWriter;

import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/cwe611/vulnXxeTransformerIdentity")
public class VulnXxeTransformerIdentity extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        TransformerFactory factory = TransformerFactory.newInstance();
        StringWriter normalized = new StringWriter();
        try {
            Transformer identity = factory.newTransformer();
            identity.transform(new StreamSource(request.getInputStream()), new StreamResult(normalized));
        } catch (TransformerException e) {
            throw new ServletException(e);
        }
        response.getWriter().println("Normalized length: " + normalized.getBuffer().length());
    }
}
