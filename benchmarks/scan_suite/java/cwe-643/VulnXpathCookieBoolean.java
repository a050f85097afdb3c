// CWE-643 VULNERABLE: the value of cookie "account" found by looping over request.getCookies() flows through ArrayList add/get into a BOOLEAN XPath built with String.format; the value is formatted into the XPath predicate, so ' or '1'='1 makes the check always true.
import java.io.File;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;
import org.xml.sax.SAXException;

@WebServlet(value = "/xpath/vulnXpathCookieBoolean")
public class VulnXpathCookieBoolean extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = "none";
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if ("account".equals(cookie.getName())) {
                    param = URLDecoder.decode(cookie.getValue(), StandardCharsets.UTF_8);
                    break;
                }
            }
        }
        List<String> parts = new ArrayList<>();
        parts.add("first");
        parts.add(param);
        String bar = parts.get(1);
        String result = "none";
        try {
            Document doc = loadDirectory();
            XPath xpath = XPathFactory.newInstance().newXPath();
            String expression = String.format("count(//account[@login='%s' and @active='true']) > 0", bar);
            Boolean exists = (Boolean) xpath.evaluate(expression, doc, XPathConstants.BOOLEAN);
            result = exists ? "active" : "inactive";
        } catch (XPathExpressionException | ParserConfigurationException | SAXException | IOException e) {
            throw new ServletException(e);
        }
        response.getWriter().println("Lookup result: " + result);
    }

    private static Document loadDirectory() throws ParserConfigurationException, SAXException, IOException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new File("/etc/app/directory.xml"));
    }
}
