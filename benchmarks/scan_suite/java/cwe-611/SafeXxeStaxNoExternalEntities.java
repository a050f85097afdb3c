// CWE-611 SAFE: the XMLInputFactory sets SUPPORT_DTD and IS_SUPPORTING_EXTERNAL_ENTITIES to false before reading request.getReader(), so no external entity can be resolved.
import java.io.IOException;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.events.XMLEvent;

@WebServlet(value = "/cwe611/safeXxeStaxNoExternalEntities")
public class SafeXxeStaxNoExternalEntities extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        int characters = 0;
        try {
            XMLEventReader events = factory.createXMLEventReader(request.getReader());
            while (events.hasNext()) {
                XMLEvent event = events.nextEvent();
                if (event.isCharacters()) {
                    characters += event.asCharacters().getData().length();
                }
            }
        } catch (XMLStreamException e) {
            throw new ServletException(e);
        }
        response.getWriter().println("Characters: " + characters);
    }
}
