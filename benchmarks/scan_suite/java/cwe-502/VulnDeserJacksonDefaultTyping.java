// CWE-502 VULNERABLE: Jackson ObjectMapper with activateDefaultTyping(LaissezFaireSubTypeValidator, NON_FINAL) reads a @RequestBody into Object.class, so the JSON chooses which class to instantiate (polymorphic gadget).
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.impl.LaissezFaireSubTypeValidator;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/webhooks")
public class VulnDeserJacksonDefaultTyping {

    @PostMapping("/events")
    public String receive(@RequestBody String json) throws JsonProcessingException {
        ObjectMapper mapper = new ObjectMapper();
        mapper.activateDefaultTyping(LaissezFaireSubTypeValidator.instance, ObjectMapper.DefaultTyping.NON_FINAL);
        Object event = mapper.readValue(json, Object.class);
        return "received " + event.getClass().getSimpleName();
    }
}
