// CWE-502 SAFE: a plain ObjectMapper (no default typing, no @JsonTypeInfo) binds the @RequestBody to the concrete WebhookEvent class, so the JSON cannot name classes to instantiate.
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/webhooks")
public class SafeDeserJacksonTyped {

    @PostMapping("/events")
    public String receive(@RequestBody String json) throws JsonProcessingException {
        ObjectMapper mapper = new ObjectMapper();
        WebhookEvent event = mapper.readValue(json, WebhookEvent.class);
        return "received " + event.type;
    }

    public static class WebhookEvent {
        public String type;
        public long timestamp;
    }
}
