// CWE-094 SAFE: a Spring @RequestHeader reaches Class.forName(..).getDeclaredConstructor().newInstance() only through a lookup in a constant map (the input only selects one of its constant values), so the sink never receives a dangerous value.
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/codei")
public class SafeCodeiSpringHeaderLookup {

    @GetMapping(value = "/forname")
    public String handle(@RequestHeader("X-Handler") String input) {
        String bar = KNOWN.getOrDefault(input, "com.acme.export.CsvExporter");
        Object value = null;
        try {
            Class<?> type = Class.forName(bar);
            value = type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return String.valueOf(value != null);
    }

    private static final Map<String, String> KNOWN = Map.of("csv", "com.acme.export.CsvExporter", "pdf", "com.acme.export.PdfExporter");
}
