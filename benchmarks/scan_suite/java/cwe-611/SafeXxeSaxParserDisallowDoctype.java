// CWE-611 SAFE: the SAXParserFactory enables disallow-doctype-decl before parsing the request body, so DTDs and entities are refused.
import java.io.IOException;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

@WebServlet(value = "/cwe611/safeXxeSaxParserDisallowDoctype")
public class SafeXxeSaxParserDisallowDoctype extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            SAXParser parser = factory.newSAXParser();
            ElementCounter counter = new ElementCounter();
            parser.parse(request.getInputStream(), counter);
            response.getWriter().println("Elements: " + counter.count());
        } catch (ParserConfigurationException | SAXException e) {
            throw new ServletException(e);
        }
    }

    private static final class ElementCounter extends DefaultHandler {

        private int elements;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            elements++;
        }

        int count() {
            return elements;
        }
    }
}
